import type { RunEvent } from '../../src/automation/index.js';
import type { Output } from '../output.js';
import { createPlainRunReporter } from './plain-run-reporter.js';

/**
 * Pick how a long run reports: NDJSON events with --json, an Ink view on a TTY, plain lines otherwise.
 * Ink is imported only on a TTY so scripted runs never load React.
 */
export async function createRunReporter(
  out: Output,
): Promise<{ onEvent: (e: RunEvent) => void; done: () => Promise<void> }> {
  if (out.json)
    return {
      onEvent: (e) => out.event(e as unknown as Record<string, unknown>),
      done: async () => undefined,
    };
  if (process.stderr.isTTY && !process.env.CI) {
    const { renderRunProgress } = await import('./run-progress.js');
    return renderRunProgress();
  }
  return { onEvent: createPlainRunReporter(), done: async () => undefined };
}
