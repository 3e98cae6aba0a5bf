import { z } from 'zod';

/** How one `igny8 worker` process behaves; the per-account limit is enforced in the database. */
export const WorkerOptionsSchema = z.object({
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(2)
    .describe('Runs this process works on at once (each with its own per-stage concurrency).'),
  maxRunsPerAccount: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(2)
    .describe('Running runs per account across every worker, checked in the database.'),
  pollMs: z
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(1000)
    .describe('How often an idle worker asks the queue for work.'),
  sweepMs: z
    .number()
    .int()
    .min(50)
    .max(600_000)
    .default(5000)
    .describe('How often to look for runs no live process works on (a dead worker, a lost job).'),
  deferMs: z
    .number()
    .int()
    .min(50)
    .max(600_000)
    .default(5000)
    .describe('When an account is at its limit, look at the run again after this long.'),
});

export type WorkerOptions = z.output<typeof WorkerOptionsSchema>;
export type WorkerOptionsInput = z.input<typeof WorkerOptionsSchema>;
