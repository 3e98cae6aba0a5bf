import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ChannelSchema, ChannelTestResultSchema } from '../../../../src/api-contract/index.js';
import { api, ApiError } from '../../api/client';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page } from '../../api/types';
import { Badge } from '../../components/badge';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card } from '../../components/page';
import { dateTime } from '../../util/format';

type Channel = z.infer<typeof ChannelSchema>;
type TestResult = z.infer<typeof ChannelTestResultSchema>;

const CHANNELS = '/notification-channels';
// Types only from the contract (no zod in the bundle): the labels list every event kind.
const EVENT_LABELS: Record<Channel['events'][number], string> = {
  'run.completed': 'Run completed',
  'run.completed_with_failures': 'Run completed with failures',
  'run.failed': 'Run failed',
  'publish.failed': 'Publishing failed',
  'credits.low': 'Credits low',
  'schedule.slot_skipped': 'Schedule slot skipped',
};
const EVENTS = Object.keys(EVENT_LABELS) as Array<Channel['events'][number]>;

/** Where notifications go besides the bell: signed webhooks (Slack-compatible) and email. */
export function NotificationChannelsSettings() {
  const channels = useQuery(apiQuery<Page<Channel>>(CHANNELS, { limit: 200 }));
  const invalidate = useInvalidate();
  const [kind, setKind] = useState<'webhook' | 'email'>('webhook');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [tested, setTested] = useState<Record<string, TestResult>>({});
  const add = useMutation({
    mutationFn: () =>
      api<Channel>(CHANNELS, {
        method: 'POST',
        body: { kind, name, ...(kind === 'webhook' ? { url: target } : { to: target }), events },
      }),
    onSuccess: () => {
      setName('');
      setTarget('');
      return invalidate(CHANNELS);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`${CHANNELS}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(CHANNELS),
  });
  const test = useMutation({
    mutationFn: (id: string) =>
      api<TestResult>(`${CHANNELS}/${encodeURIComponent(id)}/test`, { method: 'POST' }),
    onSuccess: (r, id) => {
      setTested((t) => ({ ...t, [id]: r }));
      return invalidate(CHANNELS);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <div className="grid two">
      <Card title="Notification channels">
        <AsyncView state={channels}>
          {(page) =>
            page.results.length === 0 ? (
              <Empty>Only the bell so far.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Notification channels</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Goes to</th>
                      <th scope="col">Events</th>
                      <th scope="col">Last delivery</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((c) => (
                      <tr key={c.id}>
                        <td>{c.name}</td>
                        <td>
                          {c.kind}: <code>{c.target}</code>
                        </td>
                        <td>{c.events.length ? c.events.map((e) => EVENT_LABELS[e]).join(', ') : 'All'}</td>
                        <td>
                          {c.lastDelivery ? (
                            <>
                              <Badge status={c.lastDelivery.status} /> {dateTime(c.lastDelivery.at)}
                              {c.lastDelivery.error ? (
                                <div className="muted">{c.lastDelivery.error}</div>
                              ) : null}
                            </>
                          ) : (
                            '—'
                          )}
                          {tested[c.id] ? (
                            <div
                              role="status"
                              className={tested[c.id]!.ok ? 'notice notice-ok' : 'notice notice-error'}
                            >
                              Test: {tested[c.id]!.ok ? 'sent' : 'failed'} — {tested[c.id]!.detail}
                            </div>
                          ) : null}
                        </td>
                        <td>
                          <button
                            type="button"
                            disabled={test.isPending}
                            aria-label={`Test ${c.name}`}
                            onClick={() => test.mutate(c.id)}
                          >
                            Test
                          </button>{' '}
                          <button
                            type="button"
                            className="danger"
                            disabled={remove.isPending}
                            aria-label={`Remove ${c.name}`}
                            onClick={() => {
                              if (window.confirm(`Remove the channel ${c.name}?`)) remove.mutate(c.id);
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
        <ErrorNotice error={remove.error ?? test.error} />
      </Card>
      <Card title="Add a channel">
        <form onSubmit={submit}>
          <SelectField
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'webhook' | 'email')}
            options={[
              { value: 'webhook', label: 'Webhook (Slack-compatible, signed)' },
              { value: 'email', label: 'Email' },
            ]}
          />
          <TextField
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fields.name}
          />
          <TextField
            label={kind === 'webhook' ? 'Webhook URL' : 'Email address'}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            error={kind === 'webhook' ? fields.url : fields.to}
            hint={
              kind === 'webhook'
                ? 'A Slack incoming-webhook URL works as is.'
                : 'Sent through the server’s SMTP settings.'
            }
          />
          <fieldset>
            <legend>Events (none ticked: all)</legend>
            {EVENTS.map((e) => (
              <label key={e} className="check">
                <input
                  type="checkbox"
                  checked={events.includes(e)}
                  onChange={(ev) =>
                    setEvents((list) => (ev.target.checked ? [...list, e] : list.filter((x) => x !== e)))
                  }
                />{' '}
                {EVENT_LABELS[e]}
              </label>
            ))}
          </fieldset>
          <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
          <button
            type="submit"
            className="primary"
            disabled={add.isPending || !name.trim() || !target.trim()}
          >
            Add channel
          </button>
        </form>
        {add.data?.secret ? (
          <div className="notice notice-ok" role="status">
            Copy the signing secret now; it is not shown again:
            <pre className="secret" tabIndex={0}>
              {add.data.secret}
            </pre>
            Requests carry{' '}
            <code>x-igny8-signature: sha256=HMAC(secret, timestamp + &quot;.&quot; + body)</code> and{' '}
            <code>x-igny8-timestamp</code>.
          </div>
        ) : null}
      </Card>
    </div>
  );
}
