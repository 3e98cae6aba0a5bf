import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ScheduleSchema, ScheduleSlotSchema } from '../../../../src/api-contract/index.js';
import { api, ApiError } from '../../api/client';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page } from '../../api/types';
import { useSite } from '../../app/site-context';
import { Badge } from '../../components/badge';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card, PageHeader } from '../../components/page';
import { dateTime } from '../../util/format';

type Schedule = z.infer<typeof ScheduleSchema>;
type Slot = z.infer<typeof ScheduleSlotSchema>;

const SCHEDULES = '/schedules';
const PRESETS = [
  { value: 'daily 06:00', label: 'Every day at 06:00' },
  { value: 'weekdays 06:00', label: 'Weekdays at 06:00' },
  { value: 'weekly mon 06:00', label: 'Mondays at 06:00' },
  { value: 'monthly 1 06:00', label: 'The 1st of each month at 06:00' },
  { value: 'custom', label: 'Custom (preset text or cron)…' },
];
const CATCH_UP = [
  { value: 'once', label: 'Run once at start-up (missed slots)' },
  { value: 'skip', label: 'Skip missed slots (and notify)' },
];
const num = (s: string) => (s.trim() ? Number(s) : undefined);

function Slots({ id }: { id: string }) {
  const slots = useQuery(apiQuery<Slot[]>(`${SCHEDULES}/${encodeURIComponent(id)}/slots`));
  return (
    <AsyncView state={slots}>
      {(rows) =>
        rows.length === 0 ? (
          <Empty>No slot has fired yet.</Empty>
        ) : (
          <ul className="plain-list">
            {rows.map((s) => (
              <li key={s.slotTime}>
                {dateTime(s.slotTime)} <Badge status={s.status} />{' '}
                {s.runId ? <Link to={`/automation/runs/${encodeURIComponent(s.runId)}`}>run</Link> : null}
                {s.missed ? <span className="muted"> ({s.missed} missed slot(s) folded in)</span> : null}
                {s.detail ? <span className="muted"> — {s.detail}</span> : null}
              </li>
            ))}
          </ul>
        )
      }
    </AsyncView>
  );
}

function ScheduleForm({ siteId }: { siteId: string }) {
  const invalidate = useInvalidate();
  const [preset, setPreset] = useState('weekdays 06:00');
  const [custom, setCustom] = useState('');
  const [name, setName] = useState('');
  const [stages, setStages] = useState('1-7');
  const [maxItems, setMaxItems] = useState('');
  const [maxCredits, setMaxCredits] = useState('');
  const [minScore, setMinScore] = useState('');
  const [autoApprove, setAutoApprove] = useState(false);
  const [autoPublish, setAutoPublish] = useState(false);
  const [catchUp, setCatchUp] = useState('once');
  const add = useMutation({
    mutationFn: () =>
      api<Schedule>(SCHEDULES, {
        method: 'POST',
        body: {
          siteId,
          cadence: preset === 'custom' ? custom : preset,
          ...(name.trim() ? { name: name.trim() } : {}),
          catchUp,
          options: {
            stages,
            maxItemsPerStage: num(maxItems),
            maxCredits: num(maxCredits),
            minSeoScore: num(minScore),
            autoApprove,
            ...(autoPublish ? { autoPublish: true } : {}),
          },
        },
      }),
    onSuccess: () => {
      setName('');
      return invalidate(SCHEDULES);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Card title="Add a schedule">
      <form onSubmit={submit}>
        <SelectField
          label="When"
          value={preset}
          onChange={(e) => setPreset(e.target.value)}
          options={PRESETS}
        />
        {preset === 'custom' ? (
          <TextField
            label="Cadence"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            error={fields.cadence}
            hint='e.g. "weekly mon,thu 07:30" or "0 6 * * 1-5"; in the account’s timezone.'
          />
        ) : null}
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name}
          hint="Default: the cadence."
        />
        <TextField
          label="Stages"
          value={stages}
          onChange={(e) => setStages(e.target.value)}
          error={fields['options.stages']}
          hint='Like "1-7" or "4,7".'
        />
        <TextField
          label="Max items per stage"
          inputMode="numeric"
          value={maxItems}
          onChange={(e) => setMaxItems(e.target.value)}
          error={fields['options.maxItemsPerStage']}
        />
        <TextField
          label="Max credits per run"
          inputMode="numeric"
          value={maxCredits}
          onChange={(e) => setMaxCredits(e.target.value)}
          error={fields['options.maxCredits']}
        />
        <label className="check">
          <input type="checkbox" checked={autoApprove} onChange={(e) => setAutoApprove(e.target.checked)} />{' '}
          Auto-approve articles
        </label>
        {autoApprove ? (
          <TextField
            label="Minimum SEO score"
            inputMode="numeric"
            value={minScore}
            onChange={(e) => setMinScore(e.target.value)}
            error={fields['options.minSeoScore']}
            hint="Default 70."
          />
        ) : null}
        <label className="check">
          <input type="checkbox" checked={autoPublish} onChange={(e) => setAutoPublish(e.target.checked)} />{' '}
          Auto-publish approved articles
        </label>
        <SelectField
          label="Missed slots"
          value={catchUp}
          onChange={(e) => setCatchUp(e.target.value)}
          options={CATCH_UP}
        />
        <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
        <button
          type="submit"
          className="primary"
          disabled={add.isPending || (preset === 'custom' && !custom.trim())}
        >
          Add schedule
        </button>
      </form>
    </Card>
  );
}

/** Automation schedules of the current site: fired once per slot by the server or the workers. */
export function SchedulesPage() {
  const { siteId, site } = useSite();
  const schedules = useQuery({
    ...apiQuery<Page<Schedule>>(SCHEDULES, { siteId, limit: 200 }),
    enabled: Boolean(siteId),
  });
  const invalidate = useInvalidate();
  const [open, setOpen] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'pause' | 'resume' | 'delete' }) =>
      verb === 'delete'
        ? api(`${SCHEDULES}/${encodeURIComponent(id)}`, { method: 'DELETE' })
        : api(`${SCHEDULES}/${encodeURIComponent(id)}/${verb}`, { method: 'POST' }),
    onSuccess: () => invalidate(SCHEDULES),
  });
  if (!siteId) return <PageHeader title="Schedules">Add a site first.</PageHeader>;
  return (
    <div>
      <PageHeader title="Schedules" actions={<Link to="/automation">Run now</Link>}>
        Runs of {site?.name} on a schedule. Each slot fires once; a slot that cannot start (a run still going,
        too few credits) is skipped and you are notified.
      </PageHeader>
      <div className="grid two">
        <Card title="Current schedules">
          <AsyncView state={schedules}>
            {(page) =>
              page.results.length === 0 ? (
                <Empty>No schedule yet.</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption className="sr-only">Schedules of this site</caption>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">When</th>
                        <th scope="col">Next</th>
                        <th scope="col">Last</th>
                        <th scope="col">Status</th>
                        <th scope="col">
                          <span className="sr-only">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.results.map((s) => (
                        <tr key={s.id}>
                          <td>
                            <button
                              type="button"
                              className="link-button"
                              aria-expanded={open === s.id}
                              onClick={() => setOpen(open === s.id ? null : s.id)}
                            >
                              {s.name}
                            </button>
                            {open === s.id ? <Slots id={s.id} /> : null}
                          </td>
                          <td>
                            {s.cadence} <span className="muted">({s.timezone})</span>
                          </td>
                          <td>{dateTime(s.nextSlot)}</td>
                          <td>{s.lastSlot ? <Badge status={s.lastSlot.status} /> : '—'}</td>
                          <td>
                            <Badge status={s.status} />
                          </td>
                          <td>
                            <button
                              type="button"
                              disabled={act.isPending}
                              aria-label={`${s.status === 'active' ? 'Pause' : 'Resume'} ${s.name}`}
                              onClick={() =>
                                act.mutate({ id: s.id, verb: s.status === 'active' ? 'pause' : 'resume' })
                              }
                            >
                              {s.status === 'active' ? 'Pause' : 'Resume'}
                            </button>{' '}
                            <button
                              type="button"
                              className="danger"
                              disabled={act.isPending}
                              aria-label={`Remove ${s.name}`}
                              onClick={() => {
                                if (window.confirm(`Remove the schedule ${s.name}? Its runs stay.`))
                                  act.mutate({ id: s.id, verb: 'delete' });
                              }}
                            >
                              Remove
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </AsyncView>
          <ErrorNotice error={act.error} />
        </Card>
        <ScheduleForm siteId={siteId} />
      </div>
    </div>
  );
}
