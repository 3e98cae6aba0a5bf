import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { Site } from '../../api/types';
import { invalidate, useApi, useMutation } from '../../api/use-api';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Schedule {
  autoPublish: boolean;
  status: 'draft' | 'publish';
  mode: 'immediate' | 'time_slots' | 'stagger';
  timeSlots: string[];
  stagger: { start: string; end: string; intervalMinutes: number };
  days: string[];
  limits: { daily: number; weekly: number; monthly: number };
}

const DEFAULTS: Schedule = {
  autoPublish: false,
  status: 'draft',
  mode: 'time_slots',
  timeSlots: ['09:00', '14:00'],
  stagger: { start: '09:00', end: '17:00', intervalMinutes: 120 },
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  limits: { daily: 3, weekly: 15, monthly: 60 },
};

/** The stored settings over the defaults (src/publishing/publishing-settings.schema.ts). */
export function scheduleOf(site: Site): Schedule {
  const p = (site.settings.publishing ?? {}) as Partial<Schedule>;
  return {
    ...DEFAULTS,
    ...p,
    stagger: { ...DEFAULTS.stagger, ...(p.stagger ?? {}) },
    limits: { ...DEFAULTS.limits, ...(p.limits ?? {}) },
  };
}

function ScheduleForm({ site }: { site: Site }) {
  const [s, setS] = useState(() => scheduleOf(site));
  const [slots, setSlots] = useState(s.timeSlots.join(', '));
  const canEdit = useCan('admin');
  useEffect(() => {
    const next = scheduleOf(site);
    setS(next);
    setSlots(next.timeSlots.join(', '));
  }, [site]);
  const save = useMutation(() =>
    api<Site>(paths.site(site.id), {
      method: 'PATCH',
      body: {
        settings: {
          publishing: {
            ...s,
            timeSlots: slots
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
          },
        },
      },
    }),
  );
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const err = (k: string) =>
    Object.entries(fields)
      .filter(([f]) => f.includes(k))
      .flatMap(([, m]) => m);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await save.run())) return;
    toast('Publishing schedule saved');
    invalidate(paths.site(site.id), paths.sites);
  };
  const limit = (k: keyof Schedule['limits'], label: string) => (
    <TextField
      label={label}
      type="number"
      min={1}
      value={s.limits[k]}
      onChange={(e) => setS({ ...s, limits: { ...s.limits, [k]: Number(e.target.value) } })}
      error={err(`limits.${k}`)}
    />
  );
  return (
    <form onSubmit={submit}>
      <label className="check">
        <input
          type="checkbox"
          checked={s.autoPublish}
          onChange={(e) => setS({ ...s, autoPublish: e.target.checked })}
          disabled={!canEdit}
        />{' '}
        Publish approved articles automatically
      </label>
      <div className="form-grid">
        <SelectField
          label="WordPress status for immediate posts"
          value={s.status}
          onChange={(e) => setS({ ...s, status: e.target.value as Schedule['status'] })}
          options={[
            { value: 'draft', label: 'Draft' },
            { value: 'publish', label: 'Published' },
          ]}
        />
        <SelectField
          label="Scheduling"
          value={s.mode}
          onChange={(e) => setS({ ...s, mode: e.target.value as Schedule['mode'] })}
          options={[
            { value: 'time_slots', label: 'Time slots' },
            { value: 'stagger', label: 'Stagger between hours' },
            { value: 'immediate', label: 'Immediately' },
          ]}
        />
        {s.mode === 'time_slots' ? (
          <TextField
            label="Time slots"
            value={slots}
            onChange={(e) => setSlots(e.target.value)}
            hint="Comma-separated, e.g. 09:00, 14:00."
            error={err('timeSlots')}
          />
        ) : null}
        {s.mode === 'stagger' ? (
          <>
            <TextField
              label="From"
              type="time"
              value={s.stagger.start}
              onChange={(e) => setS({ ...s, stagger: { ...s.stagger, start: e.target.value } })}
            />
            <TextField
              label="Until"
              type="time"
              value={s.stagger.end}
              onChange={(e) => setS({ ...s, stagger: { ...s.stagger, end: e.target.value } })}
            />
            <TextField
              label="Minutes between posts"
              type="number"
              min={5}
              value={s.stagger.intervalMinutes}
              onChange={(e) =>
                setS({ ...s, stagger: { ...s.stagger, intervalMinutes: Number(e.target.value) } })
              }
            />
          </>
        ) : null}
        {limit('daily', 'Posts per day at most')}
        {limit('weekly', 'Posts per week at most')}
        {limit('monthly', 'Posts per month at most')}
      </div>
      <fieldset className="checks">
        <legend>Publish on</legend>
        {DAYS.map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={s.days.includes(d)}
              onChange={() =>
                setS({ ...s, days: s.days.includes(d) ? s.days.filter((x) => x !== d) : [...s.days, d] })
              }
            />{' '}
            {d}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={save.error} />
      {canEdit ? (
        <button type="submit" className="primary" disabled={save.pending}>
          Save schedule
        </button>
      ) : null}
    </form>
  );
}

export function PublishingSettings() {
  const { siteId } = useSite();
  const site = useApi<Site>(siteId ? paths.site(siteId) : null);
  return (
    <Card title="Publishing schedule">
      {!siteId ? (
        <p className="muted">Add a site first.</p>
      ) : (
        <AsyncView state={site}>{(s) => <ScheduleForm site={s} />}</AsyncView>
      )}
    </Card>
  );
}
