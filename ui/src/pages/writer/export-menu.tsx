import { useMutation } from '@tanstack/react-query';
import { apiResponse } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { Content } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';

type Format = 'md' | 'html';

/** `inline; filename="my-post.md"` → `my-post.md`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const m = disposition?.match(/filename="?([^";]+)"?/i);
  return m?.[1] ?? fallback;
}

/** Hand a file to the browser's downloads (an object URL on a transient link). */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Download the article as Markdown (YAML front matter) or an HTML document, as `igny8 content export` writes it. */
export function ExportMenu({ content }: { content: Content }) {
  const download = useMutation({
    mutationFn: async (format: Format) => {
      const res = await apiResponse(paths.contentExport(content.id), { query: { format } });
      saveFile(
        await res.blob(),
        filenameOf(res.headers.get('content-disposition'), `${content.slug}.${format}`),
      );
    },
  });
  return (
    <details className="export-menu">
      <summary className="button">{download.isPending ? 'Exporting…' : 'Export'}</summary>
      <div className="export-panel" role="group" aria-label="Export formats">
        <button type="button" onClick={() => download.mutate('md')} disabled={download.isPending}>
          Markdown (.md)
        </button>
        <button type="button" onClick={() => download.mutate('html')} disabled={download.isPending}>
          HTML (.html)
        </button>
        <ErrorNotice error={download.error} />
      </div>
    </details>
  );
}
