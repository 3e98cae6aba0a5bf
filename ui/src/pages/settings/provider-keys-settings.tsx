import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page, ProviderKeyInfo } from '../../api/types';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';

/** Provider API keys, masked; stored ones are encrypted at rest and can be replaced or removed. */
export function ProviderKeysSettings() {
  const keys = useQuery(apiQuery<Page<ProviderKeyInfo>>(paths.providerKeys));
  const invalidate = useInvalidate();
  const [f, setF] = useState({ provider: '', key: '', name: '', baseUrl: '' });
  const save = useMutation({
    mutationFn: () =>
      api(paths.providerKeys, {
        method: 'POST',
        body: {
          provider: f.provider.trim(),
          key: f.key,
          name: f.name || undefined,
          baseUrl: f.baseUrl || undefined,
        },
      }),
    onSuccess: () => {
      toast(`Saved the ${f.provider} key`);
      setF({ provider: '', key: '', name: '', baseUrl: '' });
      return invalidate(paths.providerKeys);
    },
  });
  const remove = useMutation({
    mutationFn: (k: ProviderKeyInfo) =>
      api(paths.providerKey(k.provider), { method: 'DELETE', query: { name: k.name } }),
    onSuccess: () => invalidate(paths.providerKeys),
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <div className="grid two">
      <Card title="Provider keys">
        <AsyncView state={keys}>
          {(page) =>
            page.results.length === 0 ? (
              <Empty>No keys: runs use the sandbox provider until you add one.</Empty>
            ) : (
              <ul className="plain-list">
                {page.results.map((k) => (
                  <li key={`${k.provider}:${k.name}:${k.source}`} className="row">
                    <span className="grow">
                      <strong>{k.provider}</strong>{' '}
                      {k.name !== 'default' ? <span className="muted">({k.name})</span> : null}{' '}
                      <code>{k.masked}</code>{' '}
                      <span className="muted small">
                        from {k.source}
                        {k.inUse ? ', in use' : ''}
                        {k.baseUrl ? ` · ${k.baseUrl}` : ''}
                      </span>
                    </span>
                    {k.source === 'database' ? (
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Remove the ${k.provider} key ${k.name}`}
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(k)}
                      >
                        Remove
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </AsyncView>
        <ErrorNotice error={remove.error} />
      </Card>
      <Card title="Add a key">
        <form onSubmit={submit}>
          <TextField
            label="Provider"
            value={f.provider}
            onChange={(e) => setF({ ...f, provider: e.target.value })}
            placeholder="openai"
            error={fields.provider}
            hint="A native provider such as openai, or an OpenAI-compatible endpoint's name."
          />
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            value={f.key}
            onChange={(e) => setF({ ...f, key: e.target.value })}
            error={fields.key}
          />
          <TextField
            label="Key name"
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
            placeholder="default"
            error={fields.name}
          />
          <TextField
            label="Base URL"
            type="url"
            value={f.baseUrl}
            onChange={(e) => setF({ ...f, baseUrl: e.target.value })}
            error={fields.baseUrl}
            hint="Only for OpenAI-compatible endpoints (Ollama, vLLM, OpenRouter…)."
          />
          <ErrorNotice error={Object.keys(fields).length ? null : save.error} />
          <button type="submit" className="primary" disabled={save.isPending || !f.provider || !f.key}>
            Save key
          </button>
        </form>
      </Card>
    </div>
  );
}
