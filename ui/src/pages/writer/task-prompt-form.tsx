import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { TaskPrompt } from '../../api/types';
import { useCan } from '../../app/use-session';
import { ChangedElsewhere } from '../../components/changed-elsewhere';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { TextArea } from '../../components/field';
import { toast } from '../../components/toast';
import { useServerDraft } from '../../components/use-server-draft';

const SOURCE = {
  task: 'this task’s own override',
  account: 'the account’s override',
  default: 'the bundled default',
} as const;

/**
 * The missing variables of a refused override (PROMPT_MISSING_VARIABLES names each one as a field),
 * shown on the template field itself so the fix is where the typing is.
 */
function missingOf(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'PROMPT_MISSING_VARIABLES') return undefined;
  const names = Object.keys(error.fieldErrors);
  return [`${error.message}. Keep ${names.map((n) => `{{${n}}}`).join(', ')} in the template.`];
}

function Form({ taskId, prompt }: { taskId: string; prompt: TaskPrompt }) {
  const form = useServerDraft({ body: prompt.body });
  const { body } = form.draft;
  const canEdit = useCan('editor');
  const invalidate = useInvalidate();
  const after = (msg: string) => {
    toast(msg);
    return invalidate(paths.taskPrompt(taskId), paths.tasks);
  };
  const save = useMutation({
    mutationFn: (sent: { body: string }) =>
      api<TaskPrompt>(paths.taskPrompt(taskId), { method: 'PUT', body: sent }),
    onSuccess: (saved, sent) => {
      form.saved({ body: saved.body }, undefined, sent);
      // Not awaited: the form has the saved template, so Save need not wait for the refetch.
      void after('Prompt override saved for this task');
    },
  });
  const clear = useMutation({
    mutationFn: () => api(paths.taskPrompt(taskId), { method: 'DELETE' }),
    onSuccess: () => after('Task prompt override removed'),
  });
  const missing = missingOf(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ body });
  };
  return (
    <form onSubmit={submit} aria-label="Task prompt override">
      <p className="muted small">
        Written with {SOURCE[prompt.source]} ({prompt.key}, version {prompt.version}). Required:{' '}
        {prompt.required.map((v) => (
          <code key={v}>{`{{${v}}}`} </code>
        ))}
      </p>
      <TextArea
        label="Writing prompt template"
        rows={16}
        className="code"
        value={body}
        onChange={(e) => form.update({ body: e.target.value })}
        error={missing ?? (save.error instanceof ApiError ? save.error.fieldErrors.body : undefined)}
        spellCheck={false}
        readOnly={!canEdit}
      />
      <ChangedElsewhere
        fields={form.conflicts.length ? ['template'] : []}
        onLoadTheirs={() => form.discard()}
        onKeepMine={() => form.keepMine()}
      />
      <ErrorNotice error={missing ? null : (save.error ?? clear.error)} />
      {canEdit ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending || !form.dirty}>
            Save task override
          </button>
          <button
            type="button"
            disabled={clear.isPending || prompt.source !== 'task'}
            onClick={() => clear.mutate()}
          >
            Clear task override
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** The prompt one task is written with; editors override it for this task only. */
export function TaskPromptForm({ taskId }: { taskId: string }) {
  const prompt = useQuery(apiQuery<TaskPrompt>(paths.taskPrompt(taskId)));
  return (
    <AsyncView state={prompt} what="The task's prompt">
      {(p) => <Form taskId={taskId} prompt={p} />}
    </AsyncView>
  );
}
