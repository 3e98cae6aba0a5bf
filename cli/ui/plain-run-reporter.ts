import type { RunEvent } from '../../src/automation/index.js';

/** Progress without a TTY: one line per stage change and every ~10% of a stage, on stderr. */
export function createPlainRunReporter(
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
) {
  const lastDecile = new Map<number, number>();
  return (e: RunEvent) => {
    switch (e.type) {
      case 'run':
        write(
          `run ${e.runId} ${e.resumed ? 'resumed' : 'started'}${e.estimate ? ` — estimate ${e.estimate.total.credits} credits, $${e.estimate.total.usd.toFixed(4)}` : ''}`,
        );
        break;
      case 'stage':
        if (e.status === 'start') write(`stage ${e.stage} ${e.label}: ${e.total} item(s)`);
        else write(`stage ${e.stage} ${e.status}`);
        break;
      case 'item': {
        const decile = e.total ? Math.floor(((e.done + e.failed) / e.total) * 10) : 10;
        if (e.status === 'failed') write(`  ✗ stage ${e.stage} ${e.item}: ${e.reason}`);
        if (decile !== lastDecile.get(e.stage) || e.done + e.failed === e.total) {
          lastDecile.set(e.stage, decile);
          write(
            `  stage ${e.stage}: ${e.done + e.failed}/${e.total} (${e.failed} failed) · ${e.creditsUsed} credits`,
          );
        }
        break;
      }
      case 'log':
        if (e.level !== 'info') write(`  ${e.level}: ${e.message}`);
        break;
      case 'wait':
        write(`  … ${e.message}`);
        break;
      case 'batch':
        write(`  … stage ${e.stage}: ${e.message}`);
        break;
      case 'summary':
        write(`run ${e.runId} ${e.status} · ${e.creditsUsed} credits${e.error ? ` · ${e.error}` : ''}`);
        break;
    }
  };
}
