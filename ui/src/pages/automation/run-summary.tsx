import type { Run, StageResult } from '../../api/types';
import { Badge } from '../../components/badge';
import { num } from '../../util/format';
import { STAGES, stageResult } from './stages';

function StageRow({ label, r, live }: { label: string; r: StageResult | undefined; live: boolean }) {
  const total = r?.total ?? 0;
  const processed = (r?.done ?? 0) + (r?.failed ?? 0);
  const pct = total > 0 ? Math.round((processed / total) * 100) : r?.status === 'done' ? 100 : 0;
  return (
    <li className={`stage stage-${r?.status ?? 'pending'}`}>
      <div className="stage-head">
        <span>{label}</span>
        <Badge status={r?.status ?? 'pending'} />
      </div>
      <progress
        max={100}
        value={pct}
        aria-label={`${label}: ${num(processed)} of ${num(total)} items`}
        className={live && r?.status === 'running' ? 'live' : ''}
      />
      <div className="muted small">
        {num(r?.done ?? 0)} done{r?.failed ? `, ${num(r.failed)} failed` : ''} of {num(total)} ·{' '}
        {num(r?.credits ?? 0)} credits
        {r?.created ? ` · ${num(r.created)} created` : ''}
      </div>
      {r && r.failures.length > 0 ? (
        <details>
          <summary>Failures ({r.failures.length})</summary>
          <ul className="row-errors">
            {r.failures.slice(0, 20).map((f, i) => (
              <li key={`${f.item}-${i}`}>
                <code>{f.item}</code>: {f.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function CompactRow({ label, r }: { label: string; r: StageResult | undefined }) {
  const total = r?.total ?? 0;
  const processed = (r?.done ?? 0) + (r?.failed ?? 0);
  const pct = total > 0 ? Math.round((processed / total) * 100) : r?.status === 'done' ? 100 : 0;
  return (
    <li className="stage-compact">
      <span className="grow">{label}</span>
      <progress max={100} value={pct} aria-label={`${label}: ${num(processed)} of ${num(total)}`} />
      <span className="muted small num">
        {num(processed)}/{num(total)}
      </span>
    </li>
  );
}

/** Per-stage progress of a run: status, done/failed of total, credits (one line each when compact). */
export function RunProgressSummary({
  run,
  live = false,
  compact = false,
}: {
  run: Run;
  live?: boolean;
  compact?: boolean;
}) {
  const selected = Array.isArray(run.options.stages)
    ? (run.options.stages as number[])
    : STAGES.map((s) => s.n);
  const stages = STAGES.filter((s) => selected.includes(s.n));
  return (
    <ol className={compact ? 'stages compact' : 'stages'} aria-label="Stages">
      {stages.map((s) =>
        compact ? (
          <CompactRow key={s.n} label={`${s.n}. ${s.label}`} r={stageResult(run.results, s.key)} />
        ) : (
          <StageRow key={s.n} label={`${s.n}. ${s.label}`} r={stageResult(run.results, s.key)} live={live} />
        ),
      )}
    </ol>
  );
}
