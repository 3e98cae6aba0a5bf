import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type {
  Destination,
  DestinationTestResult,
  Page,
  WordPressConnectResult,
  WordPressReport,
} from '../../api/types';
import { useCan } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { toast } from '../../components/toast';
import { AddFolder, AddWebhook } from './add-destination-forms';
import { ChecksResult, TestResult } from './test-result';

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
  const invalidate = useInvalidate();
  const add = useMutation({
    mutationFn: () => connectWordPress(siteId, f),
    onSuccess: (r) => {
      setReport(r.report);
      toast('WordPress connected');
      setF({ url: '', user: '', appPassword: '' });
      return invalidate(paths.destinations);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Connect WordPress">
      <WordPressFields f={f} set={setF} errors={fields} />
      <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
      {report ? <TestResult report={report} /> : null}
      <button
        type="submit"
        className="primary"
        disabled={add.isPending || !f.url || !f.user || !f.appPassword}
      >
        {add.isPending ? 'Checking…' : 'Connect WordPress'}
      </button>
    </form>
  );
}

function DestinationRow({ d }: { d: Destination }) {
  const [result, setResult] = useState<DestinationTestResult | null>(null);
  const canManage = useCan('admin');
  const invalidate = useInvalidate();
  const test = useMutation({
    mutationFn: () => api<DestinationTestResult>(paths.destinationTest(d.id), { method: 'POST' }),
    onSuccess: (r) => setResult(r),
  });
  const remove = useMutation({
    mutationFn: () => api(paths.destination(d.id), { method: 'DELETE' }),
    onSuccess: () => invalidate(paths.destinations),
  });
  const target = String(d.config.url ?? d.config.dir ?? '');
  return (
    <li className="destination">
      <div className="row">
        <span className="grow">
          <strong>{d.name}</strong> <span className="muted">{d.kind}</span>{' '}
          <span className="muted small">{target}</span>
        </span>
        <Badge status={d.status} />
        <button
          type="button"
          onClick={() => test.mutate()}
          disabled={test.isPending}
          aria-label={`Test connection to ${d.name}`}
        >
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        {canManage ? (
          <button
            type="button"
            className="danger"
            aria-label={`Remove ${d.name}`}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Remove the destination ${d.name}?`)) remove.mutate();
            }}
          >
            Remove
          </button>
        ) : null}
      </div>
      <ErrorNotice error={test.error ?? remove.error} />
      {result?.report ? (
        <TestResult report={result.report} />
      ) : result ? (
        <ChecksResult result={result} />
      ) : null}
    </li>
  );
}

/** Where articles go (WordPress, folders, webhooks), each with a test. */
export function Destinations({ siteId }: { siteId: string }) {
  const list = useQuery(apiQuery<Page<Destination>>(paths.destinations, { siteId }));
  const canManage = useCan('admin');
  return (
    <div className="stacked">
      <AsyncView state={list} what="Publishing destinations">
        {(page) =>
          page.results.length === 0 ? (
            <Empty>No destinations yet. Connect WordPress, or add a webhook or a folder below.</Empty>
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
      {canManage ? (
        <details>
          <summary>Add a webhook</summary>
          <AddWebhook siteId={siteId} />
        </details>
      ) : null}
      {canManage ? (
        <details>
          <summary>Add a folder</summary>
          <AddFolder siteId={siteId} />
        </details>
      ) : null}
    </div>
  );
}
