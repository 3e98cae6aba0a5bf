import type * as Croner from 'croner';
import { lazyRequire } from '../util/lazy-require.js';
import { Igny8Error } from '../errors/index.js';

// Loaded only to check a cron line someone wrote: the config checks its cadences on every command's
// start (P11), and the presets it uses by default are valid by construction.
const croner = lazyRequire<typeof Croner>('croner');

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function time(text: string | undefined, cadence: string): { h: number; m: number } {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text ?? '');
  if (!m) throw invalid(cadence, `"${text ?? ''}" is not a time like 06:00`);
  return { h: Number(m[1]), m: Number(m[2]) };
}

function invalid(cadence: string, why: string): Igny8Error {
  return new Igny8Error('SCHEDULE_INVALID', `Cadence "${cadence}": ${why}`, {
    hint: 'Use "daily 06:00", "weekdays 06:00", "weekly mon 06:00", "monthly 1 06:00", "hourly", or a cron expression such as "0 6 * * 1-5".',
    details: { field: 'cadence' },
  });
}

/** The cron of a preset; undefined when the text is not a preset (then it must be a cron expression). */
function presetCron(cadence: string): string | undefined {
  const [word, ...rest] = cadence.toLowerCase().split(/\s+/);
  switch (word) {
    case 'hourly': {
      const minute = rest[0] ? Number(/^:?([0-5]?\d)$/.exec(rest[0])?.[1] ?? NaN) : 0;
      if (!Number.isInteger(minute)) throw invalid(cadence, 'hourly takes a minute like ":15"');
      return `${minute} * * * *`;
    }
    case 'daily': {
      const t = time(rest[0], cadence);
      return `${t.m} ${t.h} * * *`;
    }
    case 'weekdays': {
      const t = time(rest[0], cadence);
      return `${t.m} ${t.h} * * 1-5`;
    }
    case 'weekly': {
      const days = (rest[0] ?? '')
        .split(',')
        .map((d) => DAYS.indexOf(d.slice(0, 3) as (typeof DAYS)[number]));
      if (days.length === 0 || days.some((d) => d < 0))
        throw invalid(cadence, 'weekly takes days like "mon" or "mon,thu"');
      const t = time(rest[1], cadence);
      return `${t.m} ${t.h} * * ${[...new Set(days)].sort().join(',')}`;
    }
    case 'monthly': {
      const day = Number(rest[0]);
      if (!Number.isInteger(day) || day < 1 || day > 28)
        throw invalid(cadence, 'monthly takes a day of the month from 1 to 28 (every month has it)');
      const t = time(rest[1], cadence);
      return `${t.m} ${t.h} ${day} * *`;
    }
    default:
      return undefined;
  }
}

/**
 * The cron expression a cadence means: a preset ("daily 06:00", "weekdays 06:00", "weekly mon 06:00",
 * "monthly 1 06:00", "hourly") or a cron expression (5 fields, or 6 with seconds), checked by croner.
 * @example toCron('weekdays 06:00') // '0 6 * * 1-5'
 */
export function toCron(cadence: string): string {
  const text = cadence.trim().replace(/\s+/g, ' ');
  const preset = presetCron(text);
  if (preset) return preset;
  const cron = text;
  try {
    new (croner().Cron)(cron, { paused: true });
  } catch (err) {
    throw invalid(cadence, `not a preset, and not a cron expression (${(err as Error).message})`);
  }
  return cron;
}
