import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Content, OptimizeDiff, OptimizeResult } from '../../api/types';
import { useCan } from '../../app/use-session';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { toast } from '../../components/toast';
import { WordDiff } from './word-diff';

/** The last saved pass (asked for only when the article's provenance says there was one). */
function LastDiff({ contentId }: { contentId: string }) {
  const diff = useQuery(apiQuery<OptimizeDiff>(paths.contentOptimizeDiff(contentId)));
  if (diff.error) return <ErrorNotice error={diff.error} />;
  if (!diff.data) return null;
  return (
    <details className="stacked">
      <summary>Changes of the last pass ({diff.data.mode})</summary>
      <WordDiff segments={diff.data.segments} label="Changes of the last pass" />
    </details>
  );
}

/**
 * The de-AI pass (`igny8 optimize`): the phrase scrubber always, an AI rewrite when asked (charged),
 * a preview that saves nothing, and the word diff of what changed.
 */
export function OptimizePanel({ content, dirty }: { content: Content; dirty: boolean }) {
  const canEdit = useCan('editor');
  const [rewrite, setRewrite] = useState(false);
  const [goals, setGoals] = useState('');
  const [shown, setShown] = useState<OptimizeResult | null>(null);
  const invalidate = useInvalidate();
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<OptimizeResult>(paths.contentOptimize(content.id), {
        method: 'POST',
        body: { rewrite, dryRun, ...(rewrite && goals.trim() ? { goals: goals.trim() } : {}) },
      }),
    onSuccess: (r) => {
      setShown(r);
      if (!r.saved) return;
      toast(r.credits ? `Optimized (${r.credits} credits)` : 'Optimized');
      return invalidate(paths.content(content.id), paths.contents);
    },
  });
  const fields = run.error instanceof ApiError ? run.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate(false);
  };
  return (
    <div>
      {canEdit ? (
        <form onSubmit={submit} aria-label="Optimize article">
          <label className="check">
            <input type="checkbox" checked={rewrite} onChange={(e) => setRewrite(e.target.checked)} />
            Also rewrite with the AI (charges credits)
          </label>
          {rewrite ? (
            <TextField
              label="Rewrite goals (optional)"
              value={goals}
              onChange={(e) => setGoals(e.target.value)}
              error={fields.goals}
              maxLength={2000}
            />
          ) : null}
          <ErrorNotice error={fields.goals ? null : run.error} />
          {dirty ? (
            <p className="muted small">Save your edits first: the pass works on the saved article.</p>
          ) : null}
          <div className="actions">
            <button type="button" disabled={run.isPending || dirty} onClick={() => run.mutate(true)}>
              Preview changes
            </button>
            <button type="submit" className="primary" disabled={run.isPending || dirty}>
              {run.isPending ? 'Optimizing…' : 'Optimize'}
            </button>
          </div>
        </form>
      ) : null}
      {shown ? (
        <div className="stacked" aria-live="polite">
          <p className="small">
            {shown.saved ? 'Saved' : shown.changed ? 'Preview (not saved)' : 'Nothing to change'}
            {shown.aiPhrases.length ? ` · AI phrases: ${shown.aiPhrases.join(', ')}` : ''}
            {shown.bannedPhrases.length ? ` · banned: ${shown.bannedPhrases.join(', ')}` : ''}
            {shown.credits ? ` · ${shown.credits} credits` : ''}
          </p>
          <WordDiff segments={shown.segments} label="Changes of this pass" />
        </div>
      ) : content.provenance.optimized ? (
        <LastDiff key={content.updatedAt} contentId={content.id} />
      ) : (
        <p className="muted small">Not optimized yet.</p>
      )}
    </div>
  );
}
