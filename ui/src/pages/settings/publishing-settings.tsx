import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { PublishingSettings, SitePublishing } from '../../api/types';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { ChangedElsewhere } from '../../components/changed-elsewhere';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';
import { useServerDraft } from '../../components/use-server-draft';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Schedule = PublishingSettings;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Only the keys that differ from what is stored, nested ones too (the PATCH changes just those):
 * a new daily limit sends `{ limits: { daily } }`, leaving a teammate's new monthly limit alone.
 */
export function schedulePatch(stored: Schedule, edited: Schedule): Partial<Schedule> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(edited) as Array<keyof Schedule>) {
    const [e, st]: unknown[] = [edited[k], stored[k]];
    if (same(e, st)) continue;
    out[k] =
      isObject(e) && isObject(st)
        ? Object.fromEntries(Object.entries(e).filter(([n, v]) => !same(v, st[n])))
        : e;
  }
  return out as Partial<Schedule>;
}

const splitSlots = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The form's fields, one per control (so a teammate's change to one limit reaches a person editing
 * another): the time slots as the text the person types, the stagger and the limits flattened.
 */
type ScheduleDraft = Omit<Schedule, 'timeSlots' | 'stagger' | 'limits'> & {
  slots: string;
  start: string;
  end: string;
  intervalMinutes: number;
  daily: number;
  weekly: number;
  monthly: number;
};

const draftOf = ({ timeSlots, stagger, limits, ...rest }: Schedule): ScheduleDraft => ({
  ...rest,
  ...stagger,
  ...limits,
  slots: timeSlots.join(', '),
});
const scheduleOf = ({
  slots,
  start,
  end,
  intervalMinutes,
  daily,
  weekly,
  monthly,
  ...rest
}: ScheduleDraft): Schedule => ({
  ...rest,
  timeSlots: splitSlots(slots),
  stagger: { start, end, intervalMinutes },
  limits: { daily, weekly, monthly },
});

const LABELS: Record<keyof ScheduleDraft, string> = {
  autoPublish: 'publish automatically',
  status: 'WordPress status',
  mode: 'scheduling',
  slots: 'time slots',
  start: 'from',
  end: 'until',
  intervalMinutes: 'minutes between posts',
  days: 'days',
  daily: 'posts per day',
  weekly: 'posts per week',
  monthly: 'posts per month',
};

function ScheduleForm({ stored }: { stored: SitePublishing }) {
  const form = useServerDraft(draftOf(stored.publishing));
  const s = form.draft;
  const setS = (next: Partial<ScheduleDraft>) => form.update(next);
  const canEdit = useCan('admin');
  const invalidate = useInvalidate();
  const patch = schedulePatch(scheduleOf(form.server), scheduleOf(s));
  const dirty = Object.keys(patch).length > 0;
  const save = useMutation({
    mutationFn: (v: { patch: Partial<Schedule>; sent: ScheduleDraft }) =>
      api<SitePublishing>(paths.sitePublishing(stored.siteId), { method: 'PATCH', body: v.patch }),
    onSuccess: (saved, v) => {
      form.saved(draftOf(saved.publishing), undefined, v.sent);
      toast('Publishing schedule saved');
      // Not awaited: the form has the saved schedule, so Save need not wait for the refetch.
      void invalidate(paths.sitePublishing(stored.siteId));
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const err = (k: string) =>
    Object.entries(fields)
      .filter(([f]) => f.includes(k))
      .flatMap(([, m]) => m);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ patch, sent: s });
  };
  const limit = (k: keyof Schedule['limits'], label: string) => (
    <TextField
      label={label}
      type="number"
      min={1}
      value={s[k]}
      onChange={(e) => setS({ [k]: Number(e.target.value) })}
      error={err(`limits.${k}`)}
    />
  );
  return (
    <form onSubmit={submit}>
      <label className="check">
        <input
          type="checkbox"
          checked={s.autoPublish}
          onChange={(e) => setS({ autoPublish: e.target.checked })}
          disabled={!canEdit}
        />{' '}
        Publish approved articles automatically
      </label>
      <div className="form-grid">
        <SelectField
          label="WordPress status for immediate posts"
          value={s.status}
          onChange={(e) => setS({ status: e.target.value as Schedule['status'] })}
          options={[
            { value: 'draft', label: 'Draft' },
            { value: 'publish', label: 'Published' },
          ]}
        />
        <SelectField
          label="Scheduling"
          value={s.mode}
          onChange={(e) => setS({ mode: e.target.value as Schedule['mode'] })}
          options={[
            { value: 'time_slots', label: 'Time slots' },
            { value: 'stagger', label: 'Stagger between hours' },
            { value: 'immediate', label: 'Immediately' },
          ]}
        />
        {s.mode === 'time_slots' ? (
          <TextField
            label="Time slots"
            value={s.slots}
            onChange={(e) => setS({ slots: e.target.value })}
            hint="Comma-separated, e.g. 09:00, 14:00."
            error={err('timeSlots')}
          />
        ) : null}
        {s.mode === 'stagger' ? (
          <>
            <TextField
              label="From"
              type="time"
              value={s.start}
              onChange={(e) => setS({ start: e.target.value })}
              error={err('stagger.start')}
            />
            <TextField
              label="Until"
              type="time"
              value={s.end}
              onChange={(e) => setS({ end: e.target.value })}
              error={err('stagger.end')}
            />
            <TextField
              label="Minutes between posts"
              type="number"
              min={5}
              value={s.intervalMinutes}
              onChange={(e) => setS({ intervalMinutes: Number(e.target.value) })}
              error={err('stagger.intervalMinutes')}
            />
          </>
        ) : null}
        {limit('daily', 'Posts per day at most')}
        {limit('weekly', 'Posts per week at most')}
        {limit('monthly', 'Posts per month at most')}
      </div>
      <fieldset className="checks" aria-describedby={err('days').length ? 'publish-days-error' : undefined}>
        <legend>Publish on</legend>
        {DAYS.map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={s.days.includes(d)}
              onChange={() =>
                // Kept in week order, so ticking a day off and on again is no change.
                setS({ days: DAYS.filter((x) => (x === d ? !s.days.includes(d) : s.days.includes(x))) })
              }
            />{' '}
            {d}
          </label>
        ))}
      </fieldset>
      {err('days').length ? (
        <p id="publish-days-error" className="field-error small" role="alert">
          {err('days').join('; ')}
        </p>
      ) : null}
      <p className="muted small">Times and days are read in the account's timezone, {stored.timezone}.</p>
      <ChangedElsewhere
        fields={form.conflicts.map((k) => LABELS[k])}
        onLoadTheirs={() => form.discard()}
        onKeepMine={() => form.keepMine()}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : save.error} />
      {canEdit ? (
        <button type="submit" className="primary" disabled={save.isPending || !dirty}>
          Save schedule
        </button>
      ) : null}
    </form>
  );
}

export function PublishingSettings() {
  const { siteId, site } = useSite();
  const schedule = useQuery({
    ...apiQuery<SitePublishing>(paths.sitePublishing(siteId)),
    enabled: Boolean(siteId),
  });
  return (
    <Card title={site ? `Publishing schedule of ${site.name}` : 'Publishing schedule'}>
      {!siteId ? (
        <p className="muted">Add a site first.</p>
      ) : (
        <AsyncView state={schedule} what="The publishing schedule">
          {(p) => <ScheduleForm stored={p} />}
        </AsyncView>
      )}
    </Card>
  );
}
