import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page, Prompt, PromptInfo } from '../../api/types';
import { useCan } from '../../app/use-session';
import { ChangedElsewhere } from '../../components/changed-elsewhere';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { TextArea } from '../../components/field';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';
import { useServerDraft } from '../../components/use-server-draft';

function PromptForm({ promptKey, p }: { promptKey: string; p: Prompt }) {
  const form = useServerDraft({ body: p.body });
  const { body } = form.draft;
  const canEdit = useCan('admin');
  const invalidate = useInvalidate();
  // The list shows overridden/default and the editor the source: both change.
  const after = (msg: string) => {
    toast(msg);
    return invalidate(paths.prompts);
  };
  const save = useMutation({
    mutationFn: (sent: { body: string }) =>
      api<Prompt>(paths.prompt(promptKey), { method: 'PUT', body: sent }),
    onSuccess: (saved, sent) => {
      form.saved({ body: saved.body }, undefined, sent);
      // Not awaited: the form has the saved template, so Save need not wait for the refetch.
      void after('Prompt saved for this account');
    },
  });
  const reset = useMutation({
    mutationFn: () => api(paths.prompt(promptKey), { method: 'DELETE' }),
    onSuccess: () => after('Back to the default prompt'),
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ body });
      }}
    >
      <p className="muted small">
        Source: {p.source} · version {p.version} · variables:{' '}
        {p.variables.map((v) => (
          <code key={v}>{`{{${v}}}`}</code>
        ))}
      </p>
      <TextArea
        label={`Template ${p.key}`}
        rows={18}
        className="code"
        value={body}
        onChange={(e) => form.update({ body: e.target.value })}
        error={fields.body}
        spellCheck={false}
        readOnly={!canEdit}
      />
      <ChangedElsewhere
        fields={form.conflicts.length ? ['template'] : []}
        onLoadTheirs={() => form.discard()}
        onKeepMine={() => form.keepMine()}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : (save.error ?? reset.error)} />
      {canEdit ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending || !form.dirty}>
            Save override
          </button>
          <button
            type="button"
            disabled={reset.isPending || p.source === 'default'}
            onClick={() => reset.mutate()}
          >
            Reset to default
          </button>
        </div>
      ) : null}
    </form>
  );
}

function PromptEditor({ promptKey }: { promptKey: string }) {
  const prompt = useQuery(apiQuery<Prompt>(paths.prompt(promptKey)));
  return <AsyncView state={prompt}>{(p) => <PromptForm promptKey={promptKey} p={p} />}</AsyncView>;
}

/** Prompt templates: pick one, edit the account's override, or go back to the bundled default. */
export function PromptsSettings() {
  const list = useQuery(apiQuery<Page<PromptInfo>>(paths.prompts, { limit: 100 }));
  const [key, setKey] = useState<string | null>(null);
  const current = key ?? list.data?.results[0]?.key ?? null;
  return (
    <div className="editor">
      <Card title="Prompts">
        <AsyncView state={list}>
          {(page) => (
            <ul className="plain-list" aria-label="Prompt templates">
              {page.results.map((p) => (
                <li key={p.key}>
                  <button
                    type="button"
                    className="list-button"
                    aria-pressed={p.key === current}
                    onClick={() => setKey(p.key)}
                  >
                    <code>{p.key}</code>{' '}
                    <span className="muted small">{p.source === 'account' ? 'overridden' : 'default'}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </AsyncView>
      </Card>
      <Card title={current ?? 'Prompt'}>
        {current ? <PromptEditor key={current} promptKey={current} /> : null}
      </Card>
    </div>
  );
}
