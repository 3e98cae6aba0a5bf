import type { ContentEdit } from '../../api/types';
import { useDebounced } from '../../util/use-debounced';

const STYLE = `body{font:16px/1.6 system-ui,sans-serif;margin:16px;color:#1d2330;background:#fff}
img{max-width:100%;height:auto}h1,h2,h3{line-height:1.25}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:4px 8px}
figure{margin:1em 0}a{color:#2a55d4}`;

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The article as it will read, in a sandboxed frame: no scripts run and nothing reaches the
 * dashboard's page, whatever the HTML holds.
 */
export function ArticlePreview({ draft }: { draft: ContentEdit }) {
  const html = useDebounced(draft.html ?? '', 300);
  const title = useDebounced(draft.title ?? '', 300);
  const doc = `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><h1>${escape(title)}</h1>${html}</body></html>`;
  return <iframe className="preview" title="Article preview" sandbox="" srcDoc={doc} />;
}
