import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { Destination, Page, WordPressConnectResult, WordPressReport } from '../../api/types';
import { invalidate, useApi, useMutation } from '../../api/use-api';
import { useCan } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { toast } from '../../components/toast';
import { TestResult } from './test-result';

export interface WordPressForm {
  url: string;
  user: string;
  appPassword: string;
}

/** Connect WordPress: the server checks the REST API, the credentials, permalinks and rights first. */
export function connectWordPress(siteId: string, f: WordPressForm): Promise<WordPressConnectResult> {
  return api<WordPressConnectResult>(paths.wordpress, {
    method: 'POST',
    body: { siteId, url: f.url.trim(), user: f.user.trim(), appPassword: f.appPassword },
  });
}

export function WordPressFields({
  f,
  set,
  errors,
}: {
  f: WordPressForm;
  set: (f: WordPressForm) => void;
  errors: Record<string, string[]>;
}) {
  return (
    <>
      <TextField
        label="WordPress URL"
        type="url"
        placeholder="https://blog.example.com"
        value={f.url}
        onChange={(e) => set({ ...f, url: e.target.value })}
        error={errors.url}
      />
      <TextField
        label="WordPress user"
        autoComplete="username"
        value={f.user}
        onChange={(e) => set({ ...f, user: e.target.value })}
        error={errors.user}
      />
      <TextField
        label="Application password"
        type="password"
        autoComplete="off"
        value={f.appPassword}
        onChange={(e) => set({ ...f, appPassword: e.target.value })}
        error={errors.appPassword}
        hint="Users → Profile → Application Passwords in WordPress. Stored encrypted; never shown again."
      />
    </>
  );
}

function AddWordPress({ siteId }: { siteId: string }) {
  const [f, setF] = useState<WordPressForm>({ url: '', user: '', appPassword: '' });
  const [report, setReport] = useState<WordPressReport | null>(null);
  const add = useMutation(() => connectWordPress(siteId, f));
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await add.run();
    if (!r) return;
    setReport(r.report);
    toast('WordPress connected');
    setF({ url: '', user: '', appPassword: '' });
    invalidate(paths.destinations);
  };
  return (
    <form onSubmit={submit} aria-label="Connect WordPress">
      <WordPressFields f={f} set={setF} errors={fields} />
      <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
      {report ? <TestResult report={report} /> : null}
      <button type="submit" className="primary" disabled={add.pending || !f.url || !f.user || !f.appPassword}>
        {add.pending ? 'Checking…' : 'Connect WordPress'}
      </button>
    </form>
  );
}

function DestinationRow({ d }: { d: Destination }) {
  const [report, setReport] = useState<WordPressReport | null>(null);
  const canManage = useCan('admin');
  const test = useMutation(() =>
    api<{ report: WordPressReport }>(paths.destinationTest(d.id), { method: 'POST' }),
  );
  const remove = useMutation(() => api(paths.destination(d.id), { method: 'DELETE' }));
  const target = String(d.config.url ?? d.config.dir ?? '');
  return (
    <li className="destination">
      <div className="row">
        <span className="grow">
          <strong>{d.name}</strong> <span className="muted">{d.kind}</span>{' '}
          <span className="muted small">{target}</span>
        </span>
        <Badge status={d.status} />
        {d.kind === 'wordpress' ? (
          <button
            type="button"
            onClick={async () => setReport((await test.run())?.report ?? null)}
            disabled={test.pending}
            aria-label={`Test connection to ${d.name}`}
          >
            {test.pending ? 'Testing…' : 'Test connection'}
          </button>
        ) : null}
        {canManage ? (
          <button
            type="button"
            className="danger"
            aria-label={`Remove ${d.name}`}
            onClick={async () => {
              if (window.confirm(`Remove the destination ${d.name}?`) && (await remove.run()))
                invalidate(paths.destinations);
            }}
          >
            Remove
          </button>
        ) : null}
      </div>
      <ErrorNotice error={test.error ?? remove.error} />
      {report ? <TestResult report={report} /> : null}
    </li>
  );
}

/** Where articles go (WordPress, folders, webhooks), each WordPress one with a connection test. */
export function Destinations({ siteId }: { siteId: string }) {
  const list = useApi<Page<Destination>>(paths.destinations, { query: { siteId } });
  const canManage = useCan('admin');
  return (
    <div className="stacked">
      <AsyncView state={list} what="Publishing destinations">
        {(page) =>
          page.results.length === 0 ? (
            <Empty>No destinations yet. Folder and webhook destinations are added with the CLI.</Empty>
          ) : (
            <ul className="plain-list">
              {page.results.map((d) => (
                <DestinationRow key={d.id} d={d} />
              ))}
            </ul>
          )
        }
      </AsyncView>
      {canManage ? (
        <details>
          <summary>Connect WordPress</summary>
          <AddWordPress siteId={siteId} />
        </details>
      ) : null}
    </div>
  );
}
