import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Content, ContentEdit } from '../../api/types';
import { useModules } from '../../app/use-modules';
import { useCan } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { ChangedElsewhere } from '../../components/changed-elsewhere';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { TextArea, TextField } from '../../components/field';
import { Card, PageHeader } from '../../components/page';
import { toast } from '../../components/toast';
import { useServerDraft } from '../../components/use-server-draft';
import { ImageCard } from '../images/image-card';
import { ArticlePreview } from './article-preview';
import { ExportMenu } from './export-menu';
import { LinkSuggestions } from './link-suggestions';
import { OptimizePanel } from './optimize-panel';
import { SeoPanel } from './seo-panel';

const FIELDS = ['title', 'slug', 'focusKeyword', 'metaTitle', 'metaDescription', 'excerpt', 'html'] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = {
  title: 'Title',
  slug: 'Slug',
  focusKeyword: 'Focus keyword',
  metaTitle: 'Meta title',
  metaDescription: 'Meta description',
  excerpt: 'Excerpt',
  html: 'Article HTML',
};

type Draft = Pick<Content, (typeof FIELDS)[number]>;

function draftOf(c: Draft): Draft {
  return {
    title: c.title,
    slug: c.slug,
    html: c.html,
    excerpt: c.excerpt,
    metaTitle: c.metaTitle,
    metaDescription: c.metaDescription,
    focusKeyword: c.focusKeyword,
  };
}

/** Only the fields that changed; empty optional text becomes null. */
export function changedFields(base: Draft, draft: Draft): ContentEdit {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) {
    const v = draft[k];
    const norm =
      typeof v === 'string' && v === '' && k !== 'html' && k !== 'title' && k !== 'slug' ? null : v;
    if (norm !== base[k]) out[k] = norm;
  }
  return out as ContentEdit;
}

/** A save: the changed fields, sent with the version they were edited from, and the draft they came from. */
type SaveVars = { changes: ContentEdit; base: string | undefined; sent: Draft };

function Editor({ content }: { content: Content }) {
  const form = useServerDraft(draftOf(content), content.updatedAt);
  const draft = form.draft;
  const canEdit = useCan('editor');
  const moduleOn = useModules();
  const client = useQueryClient();
  const changes = changedFields(form.server, draft);
  const dirty = Object.keys(changes).length > 0;
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => form.update({ [k]: e.target.value });

  const invalidate = useInvalidate();
  // The answer is the article as saved: the form takes it at once, so neither Save nor the draft
  // waits for the refetch (not awaited) that brings the rest of the page up to date.
  const savedAs = (c: Content, msg: string, sent?: Draft) => {
    form.saved(draftOf(c), c.updatedAt, sent);
    toast(msg);
    void invalidate(paths.content(content.id), paths.contents);
  };
  const save = useMutation({
    mutationFn: ({ changes, base }: SaveVars) =>
      api<Content>(paths.content(content.id), {
        method: 'PATCH',
        // The precondition: a teammate's save since this version makes the API refuse (409), not overwrite.
        body: { ...changes, ...(base ? { baseUpdatedAt: base } : {}) },
      }),
    onError: (e) => {
      // Fetch the other version, so the fields nobody here touched show it and the conflicts are named.
      if (e instanceof ApiError && e.code === 'CONTENT_CHANGED') void invalidate(paths.content(content.id));
    },
  });
  const saveVars = (): SaveVars => ({ changes, base: form.version, sent: draft });
  const review = useMutation({
    mutationFn: ({ action, reason }: { action: 'approve' | 'reject'; reason?: string }) =>
      api<Content>(paths.contentAction(content.id, action), {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    onSuccess: (c, { action }) => savedAs(c, action === 'approve' ? 'Approved' : 'Rejected'),
  });
  const refused = save.error instanceof ApiError && save.error.code === 'CONTENT_CHANGED';
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const doSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(saveVars(), { onSuccess: (c, v) => savedAs(c, 'Saved', v.sent) });
  };
  // The article as stored now, not as cached: what "load theirs" and "save mine over theirs" build on.
  const fresh = () => client.fetchQuery({ ...apiQuery<Content>(paths.content(content.id)), staleTime: 0 });
  const loadTheirs = async () => {
    const c = await fresh();
    form.discard(draftOf(c), c.updatedAt);
    save.reset();
  };
  const saveMineOverTheirs = async () => {
    const c = await fresh();
    form.keepMine(draftOf(c), c.updatedAt);
    const mine = changedFields(draftOf(c), draft);
    if (Object.keys(mine).length === 0) return save.reset();
    save.mutate(
      { changes: mine, base: c.updatedAt, sent: draft },
      { onSuccess: (s, v) => savedAs(s, 'Saved', v.sent) },
    );
  };
  // Unsaved edits are saved first, so what is approved is what is on screen.
  const approve = () => {
    if (dirty)
      save.mutate(saveVars(), {
        onSuccess: (c, v) => {
          form.saved(draftOf(c), c.updatedAt, v.sent);
          review.mutate({ action: 'approve' });
        },
      });
    else review.mutate({ action: 'approve' });
  };
  const reject = () => {
    const reason = window.prompt('Why is this article rejected? (optional)') ?? undefined;
    review.mutate({ action: 'reject', reason: reason || undefined });
  };
  const meta = (s: string | null, best: number) => `${(s ?? '').length} characters (best ≤ ${best})`;

  return (
    <div>
      <PageHeader
        title={content.title}
        actions={
          <>
            <ExportMenu content={content} />
            {canEdit ? (
              <>
                <button
                  type="button"
                  className="danger"
                  onClick={reject}
                  disabled={review.isPending || content.status === 'rejected'}
                >
                  Reject
                </button>
                <button
                  type="button"
                  className="primary"
                  onClick={approve}
                  disabled={review.isPending || save.isPending || content.status === 'approved'}
                >
                  Approve
                </button>
              </>
            ) : null}
          </>
        }
      >
        <Link to="/writer">Articles</Link> · <Badge status={content.status} /> ·{' '}
        {content.wordCount.toLocaleString()} words
      </PageHeader>
      <ErrorNotice error={review.error} />
      <div className="editor">
        <form className="card editor-form" onSubmit={doSave} aria-label="Edit article">
          <TextField
            label="Title"
            value={draft.title}
            onChange={set('title')}
            error={fields.title}
            readOnly={!canEdit}
          />
          <TextField
            label="Slug"
            value={draft.slug}
            onChange={set('slug')}
            error={fields.slug}
            readOnly={!canEdit}
          />
          <TextField
            label="Focus keyword"
            value={draft.focusKeyword ?? ''}
            onChange={set('focusKeyword')}
            error={fields.focusKeyword}
            readOnly={!canEdit}
          />
          <TextField
            label="Meta title"
            value={draft.metaTitle ?? ''}
            onChange={set('metaTitle')}
            error={fields.metaTitle}
            hint={meta(draft.metaTitle, 60)}
            readOnly={!canEdit}
          />
          <TextArea
            label="Meta description"
            rows={2}
            value={draft.metaDescription ?? ''}
            onChange={set('metaDescription')}
            error={fields.metaDescription}
            hint={meta(draft.metaDescription, 160)}
            readOnly={!canEdit}
          />
          <TextArea
            label="Excerpt"
            rows={2}
            value={draft.excerpt ?? ''}
            onChange={set('excerpt')}
            error={fields.excerpt}
            readOnly={!canEdit}
          />
          <TextArea
            label="Article HTML"
            rows={18}
            className="code"
            value={draft.html}
            onChange={set('html')}
            error={fields.html}
            spellCheck={false}
            readOnly={!canEdit}
          />
          <ChangedElsewhere
            fields={form.conflicts.map((k) => LABELS[k])}
            refused={refused}
            busy={save.isPending}
            onLoadTheirs={() => void loadTheirs()}
            onKeepMine={() => void saveMineOverTheirs()}
            keepLabel="Save mine over theirs"
          />
          <ErrorNotice error={Object.keys(fields).length || refused ? null : save.error} />
          {canEdit ? (
            <div className="actions">
              <button type="submit" disabled={!dirty || save.isPending}>
                {save.isPending ? 'Saving…' : 'Save'}
              </button>
              <button type="button" disabled={!dirty} onClick={() => form.discard()}>
                Discard changes
              </button>
            </div>
          ) : null}
        </form>
        <div className="editor-side">
          <Card title="Preview">
            <ArticlePreview draft={draft} />
          </Card>
          <Card title="SEO">
            <SeoPanel content={content} dirty={dirty} />
          </Card>
          {moduleOn('optimizer') ? (
            <Card title="De-AI pass">
              <OptimizePanel content={content} dirty={dirty} />
            </Card>
          ) : null}
          <Card title="Internal links">
            <LinkSuggestions content={content} />
          </Card>
          {content.images && content.images.length > 0 ? (
            <Card title="Images">
              <ul className="gallery small-gallery">
                {content.images.map((img) => (
                  <li key={img.id}>
                    <ImageCard image={img} />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Review one article: edit with a live preview, see every SEO check, approve or reject. */
export function EditorPage({ id }: { id: string }) {
  const content = useQuery(apiQuery<Content>(paths.content(id)));
  return (
    <AsyncView state={content} what="The article editor">
      {(c) => <Editor content={c} />}
    </AsyncView>
  );
}
