import type { Comparison } from '../../src/automation/index.js';
import { renderTable } from '../output.js';

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** The profiles side by side (one column each), then every article's checks per profile. */
export function renderComparison(cmp: Comparison): string {
  const col = (f: (p: Comparison['profiles'][number]) => string | number) =>
    Object.fromEntries(cmp.profiles.map((p) => [p.profile, String(f(p))]));
  const n = (p: Comparison['profiles'][number]) => p.summary.articles || 1;
  const rows = [
    { check: 'text model', ...col((p) => p.textModel + (p.sandbox ? ' (sandbox answered)' : '')) },
    {
      check: 'image model (priced, not generated)',
      ...col((p) => `${p.imageModel} × ${p.summary.images.perArticle}`),
    },
    {
      check: 'articles written',
      ...col((p) => `${p.summary.articles}${p.summary.failed ? ` (${p.summary.failed} failed)` : ''}`),
    },
    {
      check: 'USD per article (text + images)',
      ...col(
        (p) =>
          `$${p.summary.usdPerArticle.toFixed(4)} ($${p.summary.text.usdPerArticle.toFixed(4)} + $${p.summary.images.usdPerArticle.toFixed(4)})`,
      ),
    },
    {
      check: 'credits per article',
      ...col(
        (p) =>
          `${p.summary.creditsPerArticle} (${p.summary.text.creditsPerArticle} + ${p.summary.images.creditsPerArticle})`,
      ),
    },
    { check: 'outline followed', ...col((p) => `${p.summary.outlineFollowed}/${p.summary.articles}`) },
    {
      check: 'length within 20% of target',
      ...col((p) => `${p.summary.lengthOnTarget}/${p.summary.articles}`),
    },
    { check: 'SEO score (avg)', ...col((p) => p.summary.avgSeoScore) },
    { check: 'reading ease (avg)', ...col((p) => p.summary.avgReadingEase) },
    {
      check: 'banned/filler phrases',
      ...col((p) => `${p.summary.aiPhrases} (${(p.summary.aiPhrases / n(p)).toFixed(1)}/article)`),
    },
    { check: 'duplicate passages (avg share)', ...col((p) => pct(p.summary.avgDuplicateShare)) },
  ];
  const detail = cmp.profiles.flatMap((p) =>
    p.articles.map((a) => ({
      profile: p.profile,
      article: a.title.slice(0, 40),
      words: a.error ? '—' : `${a.words}/${a.targetWords}`,
      outline: a.outline ? `${a.outline.h2}/${a.outline.sections}` : '—',
      seo: a.seoScore ?? '—',
      ease: a.readingEase ?? '—',
      phrases: a.aiPhrases?.length ?? '—',
      dup: a.duplicateShare === undefined ? '—' : pct(a.duplicateShare),
      usd: a.usd.toFixed(4),
      credits: a.credits,
      error: a.error ? `${a.error.code}: ${a.error.message.slice(0, 60)}` : '',
    })),
  );
  return [
    `Compare ${cmp.id}: ${cmp.sample.length} idea${cmp.sample.length === 1 ? '' : 's'} under ${cmp.profiles.length} profile${cmp.profiles.length === 1 ? '' : 's'} (articles not saved; text credits charged)`,
    renderTable(rows),
    '',
    renderTable(detail),
  ].join('\n');
}
