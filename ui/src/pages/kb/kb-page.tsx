import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { KbAddResultSchema, KbSourceSchema } from '../../../../src/api-contract/index.js';
import { api, ApiError } from '../../api/client';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page } from '../../api/types';
import { useSite } from '../../app/site-context';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { TextArea, TextField } from '../../components/field';
import { PageHeader, Tabs } from '../../components/page';
import { Pager } from '../../components/pager';
import { toast } from '../../components/toast';
import { dateTime, num } from '../../util/format';

type KbSource = z.infer<typeof KbSourceSchema>;
type KbAddResult = z.infer<typeof KbAddResultSchema>;

const PAGE = 50;
const sourcesPath = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/kb/sources`;

export const WRITER_TABS = [
  { to: '/writer', label: 'Articles' },
  { to: '/writer/tasks', label: 'Tasks' },
  { to: '/writer/kb', label: 'Knowledge base' },
];

/** The bytes of a chosen file as base64 (PDF and DOCX travel that way). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Add a page (fetched once by the server), pasted text, or a file. */
function AddSource({ siteId }: { siteId: string }) {
  const invalidate = useInvalidate();
  const [f, setF] = useState({ url: '', title: '', content: '' });
  const [file, setFile] = useState<File | null>(null);
  const add = useMutation({
    mutationFn: async () => {
      const title = f.title.trim() ? { title: f.title.trim() } : {};
      const body = f.url.trim()
        ? { url: f.url.trim(), ...title }
        : file
          ? { contentBase64: await base64Of(file), fileName: file.name, ...title }
          : { content: f.content, ...title };
      return api<KbAddResult>(sourcesPath(siteId), { method: 'POST', body });
    },
    onSuccess: (res) => {
      toast(
        res.created
          ? `Added “${res.source.title}” (${res.source.passageCount} passages)`
          : `“${res.source.title}” is already in the knowledge base`,
      );
      setF({ url: '', title: '', content: '' });
      setFile(null);
      return invalidate(sourcesPath(siteId));
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const ready = Boolean(f.url.trim() || file || f.content.trim());
  return (
    <form onSubmit={submit} aria-label="Add a source">
      <TextField
        label="Page URL"
        type="url"
        placeholder="https://example.com/brewing-guide"
        value={f.url}
        onChange={(e) => setF({ ...f, url: e.target.value })}
        error={fields.url}
        hint="Fetched once, now; only the page’s main content is kept."
      />
      <label>
        Or a file (Markdown, text, HTML, PDF, DOCX)
        <input
          type="file"
          accept=".md,.markdown,.txt,.html,.htm,.pdf,.docx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <TextArea
        label="Or paste text"
        rows={4}
        value={f.content}
        onChange={(e) => setF({ ...f, content: e.target.value })}
        error={fields.content}
      />
      <TextField
        label="Title to cite (optional)"
        value={f.title}
        onChange={(e) => setF({ ...f, title: e.target.value })}
        error={fields.title}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
      <button type="submit" className="primary" disabled={add.isPending || !ready}>
        {add.isPending ? 'Adding…' : 'Add source'}
      </button>
    </form>
  );
}

function SourceTable({ siteId }: { siteId: string }) {
  const [offset, setOffset] = useState(0);
  const invalidate = useInvalidate();
  const list = useQuery({
    ...apiQuery<Page<KbSource>>(sourcesPath(siteId), { limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (s: KbSource) =>
      api<KbSource>(`/kb/sources/${encodeURIComponent(s.id)}`, { method: 'DELETE' }),
    onSuccess: (s) => {
      toast(`Removed “${s.title}”`);
      return invalidate(sourcesPath(siteId));
    },
  });
  return (
    <AsyncView state={list} what="The knowledge base">
      {(page) =>
        page.count === 0 ? (
          <Empty>
            No sources yet. Add the site’s own guides, specs and notes: articles then cite them, with a
            Sources list. The CLI does the same with <code>igny8 kb add FILE|URL</code>.
          </Empty>
        ) : (
          <>
            <ErrorNotice error={remove.error} />
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Sources ({num(page.count)})</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Format</th>
                    <th scope="col">Passages</th>
                    <th scope="col">From</th>
                    <th scope="col">Added</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.results.map((s) => (
                    <tr key={s.id}>
                      <td>{s.title}</td>
                      <td>{s.format}</td>
                      <td>{num(s.passageCount)}</td>
                      <td>
                        {s.url ? (
                          <a href={s.url} target="_blank" rel="noopener noreferrer">
                            {s.url}
                          </a>
                        ) : (
                          (s.fileName ?? s.origin)
                        )}
                      </td>
                      <td>{dateTime(s.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(s)}
                          aria-label={`Remove ${s.title}`}
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              count={page.count}
              offset={offset}
              limit={PAGE}
              onChange={setOffset}
              label="Source pages"
            />
          </>
        )
      }
    </AsyncView>
  );
}

/** The site's knowledge base: the sources the writer grounds articles in and cites. */
export function KbPage() {
  const { siteId, site } = useSite();
  return (
    <div>
      <PageHeader title="Knowledge base">
        {site
          ? `Sources ${site.name}'s articles are grounded in: each section cites the passages that match it.`
          : 'Choose a site first.'}
      </PageHeader>
      <Tabs label="Writer views" tabs={WRITER_TABS} />
      {siteId ? (
        <>
          <AddSource siteId={siteId} />
          <SourceTable siteId={siteId} />
        </>
      ) : null}
    </div>
  );
}
