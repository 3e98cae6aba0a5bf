import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { ApiKey, CreatedApiKey, Page } from '../../api/types';
import { Badge } from '../../components/badge';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card } from '../../components/page';
import { dateTime } from '../../util/format';
import { ROLE_OPTIONS } from './team-settings';

export function ApiKeysSettings() {
  const keys = useQuery(apiQuery<Page<ApiKey>>(paths.apiKeys, { limit: 200 }));
  const invalidate = useInvalidate();
  const [name, setName] = useState('');
  const [role, setRole] = useState('editor');
  const create = useMutation({
    mutationFn: () => api<CreatedApiKey>(paths.apiKeys, { method: 'POST', body: { name, role } }),
    onSuccess: () => {
      setName('');
      return invalidate(paths.apiKeys);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(paths.apiKey(id), { method: 'DELETE' }),
    onSuccess: () => invalidate(paths.apiKeys),
  });
  const created = create.data;
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="grid two">
      <Card title="API keys">
        <AsyncView state={keys}>
          {(page) => (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">API keys (the secrets are never shown again)</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Prefix</th>
                    <th scope="col">Role</th>
                    <th scope="col">Made by</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.results.map((k) => (
                    <tr key={k.id}>
                      <td>{k.name}</td>
                      <td>
                        <code>{k.prefix}…</code>
                      </td>
                      <td>{k.role}</td>
                      <td>{k.createdBy ? k.createdBy.name || k.createdBy.email : 'the server (CLI)'}</td>
                      <td>{dateTime(k.lastUsedAt)}</td>
                      <td>
                        <Badge status={k.status} />
                      </td>
                      <td>
                        {k.status === 'active' ? (
                          <button
                            type="button"
                            className="danger"
                            aria-label={`Revoke ${k.name}`}
                            disabled={revoke.isPending}
                            onClick={() => {
                              if (window.confirm(`Revoke ${k.name}? Scripts using it stop working.`))
                                revoke.mutate(k.id);
                            }}
                          >
                            Revoke
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </AsyncView>
        <ErrorNotice error={revoke.error} />
      </Card>
      <Card title="Create a key">
        <form onSubmit={submit}>
          <TextField
            label="Key name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fields.name}
            hint="What uses it, e.g. “CI publish job”."
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(e) => setRole(e.target.value)}
            options={ROLE_OPTIONS}
            hint="Never above your own."
          />
          <ErrorNotice error={Object.keys(fields).length ? null : create.error} />
          <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
            Create key
          </button>
        </form>
        {created ? (
          <div className="notice notice-ok" role="status">
            Copy this key now; it is not shown again:
            <pre className="secret" tabIndex={0}>
              {created.key}
            </pre>
            Use it as <code>Authorization: ApiKey {'<key>'}</code>.
          </div>
        ) : null}
      </Card>
    </div>
  );
}
