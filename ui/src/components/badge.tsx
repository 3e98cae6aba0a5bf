const TONE: Record<string, string> = {
  new: 'info',
  queued: 'info',
  pending: 'info',
  draft: 'info',
  running: 'warn',
  generating: 'warn',
  publishing: 'warn',
  paused: 'warn',
  review: 'warn',
  scheduled: 'warn',
  clustered: 'ok',
  planned: 'ok',
  done: 'ok',
  approved: 'ok',
  completed: 'ok',
  published: 'ok',
  active: 'ok',
  success: 'ok',
  warning: 'warn',
  warn: 'warn',
  info: 'info',
  ok: 'ok',
  failed: 'bad',
  rejected: 'bad',
  cancelled: 'bad',
  error: 'bad',
  excluded: 'muted',
  revoked: 'muted',
  disabled: 'muted',
  inactive: 'muted',
  skipped: 'muted',
};

/** A status word with a colour that matches its meaning (and the word itself, for colour-blind users). */
export function Badge({ status }: { status: string }) {
  return <span className={`badge badge-${TONE[status] ?? 'muted'}`}>{status.replace(/_/g, ' ')}</span>;
}
