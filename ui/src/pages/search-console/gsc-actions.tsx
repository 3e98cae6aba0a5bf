import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { ErrorNotice } from '../../components/feedback';
import { toast } from '../../components/toast';
import { num } from '../../util/format';
import { gscPath, type GscImportReport, type GscPullReport } from './gsc-paths';

/** The chosen file as base64 (exports may be UTF-16; zips are refused by the server with a reason). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Editors: upload a per-day export, or pull from the API when the site is connected. */
export function GscActions({ siteId, connected }: { siteId: string; connected: boolean }) {
  const invalidate = useInvalidate();
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after an import.
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation({
    mutationFn: async (f: File) =>
      api<GscImportReport>(gscPath(siteId, '/import'), {
        method: 'POST',
        body: { contentBase64: await base64Of(f), fileName: f.name },
      }),
    onSuccess: (r) => {
      toast(
        `Imported ${num(r.stored)} rows (${r.dateFrom} … ${r.dateTo}); ${num(r.replaced)} replaced` +
          (r.offDomainCount ? `, ${num(r.offDomainCount)} off-domain rows left out` : ''),
      );
      setFile(null);
      setInputKey((k) => k + 1);
      return invalidate(gscPath(siteId));
    },
  });
  const pull = useMutation({
    mutationFn: () => api<GscPullReport>(gscPath(siteId, '/pull'), { method: 'POST', body: {} }),
    onSuccess: (r) => {
      toast(`Pulled ${r.dateFrom} … ${r.dateTo}: ${num(r.stored)} rows`);
      return invalidate(gscPath(siteId));
    },
  });
  return (
    <div className="gsc-actions">
      <form
        aria-label="Import a Search Console export"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <label>
          Per-day export (CSV with Date, Page and/or Query, Clicks, Impressions, Position)
          <input
            key={inputKey}
            type="file"
            accept=".csv,.tsv,.txt"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" className="primary" disabled={!file || upload.isPending}>
          {upload.isPending ? 'Importing…' : 'Import'}
        </button>
      </form>
      <ErrorNotice error={upload.error} />
      {connected ? (
        <>
          <button type="button" disabled={pull.isPending} onClick={() => pull.mutate()}>
            {pull.isPending ? 'Pulling…' : 'Pull from Search Console'}
          </button>
          <ErrorNotice error={pull.error} />
        </>
      ) : null}
    </div>
  );
}
