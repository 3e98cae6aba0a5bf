import type { Command } from 'commander';
import type { WorkerEvent } from '../../src/index.js';
import { action } from '../context.js';

interface WorkerFlags {
  concurrency?: string;
  maxRunsPerAccount?: string;
  pollMs?: string;
  sweepMs?: string;
  schedules?: boolean;
  healthPort?: string;
  healthHost?: string;
}

const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** One stderr line per job and run milestone (items stay quiet: several runs interleave here). */
function describeEvent(e: WorkerEvent): string | null {
  switch (e.type) {
    case 'worker':
      return e.status === 'error' ? `worker error: ${e.reason}` : `worker ${e.worker} ${e.status}`;
    case 'job':
      return `run ${e.runId} ${e.status}${e.runStatus ? ` (${e.runStatus})` : ''}${e.reason ? ` — ${e.reason}` : ''}`;
    case 'sweep':
      return `re-queued ${e.enqueued} run(s) no live process was working on`;
    case 'stage':
      return e.status === 'start' ? `run ${e.runId} stage ${e.stage} ${e.label}: ${e.total} item(s)` : null;
    case 'summary':
      return `run ${e.runId} ${e.status} · ${e.creditsUsed} credits${e.error ? ` · ${e.error}` : ''}`;
    default:
      return null;
  }
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'execute detached runs from the PostgreSQL job queue until stopped (start any number, on any machine)',
    )
    .option('--concurrency <n>', 'runs this process works on at once', '2')
    .option('--max-runs-per-account <n>', 'running runs per account across all workers', '2')
    .option('--poll-ms <ms>', 'how often an idle worker asks for work', '1000')
    .option('--sweep-ms <ms>', 'how often to adopt runs no live process works on', '5000')
    .option('--no-schedules', 'do not fire schedules here (default: every worker does; each slot fires once)')
    .option('--health-port <port>', 'serve GET /healthz and /readyz on this port (for a process manager)')
    .option('--health-host <host>', 'interface for --health-port', '127.0.0.1')
    .addHelpText(
      'after',
      '\nExamples:\n  $ igny8 worker --concurrency 4 --json\n  $ igny8 worker --health-port 9464 --health-host 0.0.0.0',
    )
    .action(
      action(async (ctx, flags: WorkerFlags) => {
        // Server users are not the operator: publishing URLs may not reach this host's network.
        const core = await ctx.core({ guardOutboundUrls: true, sharedSecrets: true });
        const { requireJobQueue, startJobWorker } = await import('../../src/index.js');
        requireJobQueue(core);
        const worker = await startJobWorker(core, {
          concurrency: int(flags.concurrency),
          maxRunsPerAccount: int(flags.maxRunsPerAccount),
          pollMs: int(flags.pollMs),
          sweepMs: int(flags.sweepMs),
          onEvent: (e) => {
            if (ctx.out.json) return ctx.out.event(e as unknown as Record<string, unknown>);
            const line = describeEvent(e);
            if (line) ctx.out.info(line);
          },
        });
        // Every worker ticks; the slot claim in the database makes each slot fire once among them.
        const { startScheduler } = await import('../../src/index.js');
        core.notify.onFailure((line) => ctx.out.warn(line));
        const scheduler =
          flags.schedules !== false && core.config.scheduler.enabled
            ? startScheduler(core, {
                onEvent: (e) => {
                  if (ctx.out.json) return ctx.out.event(e as unknown as Record<string, unknown>);
                  ctx.out.info(
                    e.type === 'scheduler'
                      ? `scheduler error: ${e.reason}`
                      : `schedule ${e.schedule}: slot ${e.slot} ${e.status}${e.detail ? ` (${e.detail})` : ''}`,
                  );
                },
              })
            : null;
        const { checkReadiness, startHealthServer } = await import('../../src/index.js');
        const health = flags.healthPort
          ? await startHealthServer(Number(flags.healthPort), flags.healthHost ?? '127.0.0.1', () =>
              checkReadiness(core.db),
            )
          : null;
        if (health) ctx.out.info(`health: http://${flags.healthHost ?? '127.0.0.1'}:${health.port}/readyz`);
        // First SIGTERM/SIGINT: finish the items in flight and hand unfinished runs back; second: exit now.
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals) => {
          signals += 1;
          if (signals > 1) process.exit(130);
          ctx.out.info(`${signal}: finishing in-flight items, then handing runs back (again to exit now)`);
          void scheduler?.stop({ waitForRuns: false });
          void worker.stop();
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
        try {
          const summary = await worker.done;
          ctx.out.result(
            { type: 'result', ...summary },
            () =>
              `worker stopped: ${summary.finished} run(s) finished, ${summary.released} handed back, ${summary.lost} taken over elsewhere`,
          );
        } finally {
          // A tick may be mid-slot (claimed, run starting): let it record the slot's outcome before the
          // database closes, or the slot stays 'claimed' until another scheduler takes it over.
          await scheduler?.stop({ waitForRuns: false });
          await health?.close();
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
        }
      }),
    );
}
