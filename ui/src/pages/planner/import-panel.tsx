import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { ImportReport, Page, Sector } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { SelectField, TextArea } from '../../components/field';
import { toast } from '../../components/toast';
import { fileBase64, headText, previewRows } from '../../util/file-preview';
import { num } from '../../util/format';

interface ImportInput {
  siteId: string;
  sectorId: string;
  file: File | null;
  text: string;
  dryRun: boolean;
}

/** Files go as base64 bytes, so the server sniffs the encoding (UTF-16 Keyword Planner TSVs too). */
export async function importKeywords(input: ImportInput): Promise<ImportReport> {
  const body = input.file ? { contentBase64: await fileBase64(input.file) } : { content: input.text };
  return api<ImportReport>(paths.keywordImport, {
    method: 'POST',
    body: { siteId: input.siteId, sectorId: input.sectorId, dryRun: input.dryRun, ...body },
  });
}

const MAX_COLUMNS = 6;
const clip = (v: string) => (v.length > 28 ? `${v.slice(0, 27)}…` : v);

/** The first rows of the file as it is (the server's report says how they were read). */
function FilePreview({ rows }: { rows: string[][] }) {
  const [head, ...body] = rows;
  if (!head) return null;
  const cols = head.slice(0, MAX_COLUMNS);
  return (
    <div className="table-wrap">
      <table className="compact">
        <caption className="muted small">
          The first {body.length} rows of the file
          {head.length > MAX_COLUMNS ? ` (${MAX_COLUMNS} of ${head.length} columns)` : ''}
        </caption>
        <thead>
          <tr>
            {cols.map((h, i) => (
              <th key={i} scope="col">
                {clip(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>
              {cols.map((_, j) => (
                <td key={j} title={r[j]}>
                  {clip(r[j] ?? '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Upload or paste a keyword export, preview what will be imported and which rows are refused, then import. */
export function ImportPanel({ siteId, onDone }: { siteId: string; onDone?: (r: ImportReport) => void }) {
  const id = useId();
  const sectors = useQuery(apiQuery<Page<Sector>>(paths.sectors(siteId)));
  const invalidate = useInvalidate();
  const [sectorId, setSectorId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [rows, setRows] = useState<string[][]>([]);
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      importKeywords({
        siteId,
        sectorId: sectorId || sectors.data?.results[0]?.id || '',
        file,
        text,
        dryRun,
      }),
  });
  const sectorOptions = (sectors.data?.results ?? []).map((s) => ({ value: s.id, label: s.name }));
  const ready = Boolean(file || text.trim()) && sectorOptions.length > 0;

  const doPreview = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    run.mutate(true, {
      onSuccess: async (r) => {
        setPreview(r);
        setRows(previewRows(file ? await headText(file) : text));
      },
    });
  };
  const doImport = () =>
    run.mutate(false, {
      onSuccess: async (r) => {
        setDone(r);
        setPreview(null);
        toast(`Imported ${num(r.imported)} keywords`);
        await invalidate(paths.keywords, paths.account);
        onDone?.(r);
      },
    });

  return (
    <div className="import-panel">
      <form onSubmit={doPreview}>
        {sectorOptions.length === 0 && sectors.data ? (
          <p className="notice notice-info">Add a sector to this site first (Settings → Sites).</p>
        ) : (
          <SelectField
            label="Sector"
            options={sectorOptions}
            value={sectorId || sectorOptions[0]?.value || ''}
            onChange={(e) => setSectorId(e.target.value)}
          />
        )}
        <div className="field">
          <label htmlFor={`${id}-file`}>Keyword file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
            aria-describedby={`${id}-formats`}
          />
          <small id={`${id}-formats`} className="muted">
            Semrush, Ahrefs, Google Keyword Planner (UTF-16 TSV), Search Console, or one keyword per line.
          </small>
        </div>
        {!file ? (
          <TextArea
            label="…or paste keywords"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'best espresso machine\nhow to descale a coffee maker'}
          />
        ) : null}
        <ErrorNotice error={run.error} />
        <div className="actions">
          <button type="submit" disabled={!ready || run.isPending}>
            {run.isPending ? 'Reading…' : 'Preview import'}
          </button>
          {preview ? (
            <button
              type="button"
              className="primary"
              onClick={doImport}
              disabled={run.isPending || preview.imported === 0}
            >
              Import {num(preview.imported)} keywords
            </button>
          ) : null}
        </div>
      </form>

      {preview ? (
        <section aria-label="Import preview" className="stacked">
          <p>
            <strong>{preview.format}</strong> file ({preview.encoding}): {num(preview.rows)} rows ·{' '}
            {num(preview.imported)} new keywords · {num(preview.duplicatesInFile)} repeated in the file ·{' '}
            {num(preview.duplicatesExisting)} already in the sector · {num(preview.rejectedCount)} refused.
          </p>
          <FilePreview rows={rows} />
          {preview.rejected.length > 0 ? (
            <details open>
              <summary>Refused rows ({num(preview.rejectedCount)})</summary>
              <ul className="row-errors">
                {preview.rejected.slice(0, 50).map((r) => (
                  <li key={r.line}>
                    Line {r.line}: {r.reason} {r.value ? <code>{r.value.slice(0, 80)}</code> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      {done ? (
        <p className="notice notice-ok" role="status">
          Imported {num(done.imported)} keywords ({num(done.duplicatesExisting)} already there,{' '}
          {num(done.rejectedCount)} refused).
        </p>
      ) : null}
    </div>
  );
}
