import { htmlToText } from './html-text.js';

/** What the JSON-LD needs beyond the article: the site it appears on and when it went live. */
export interface StructuredDataContext {
  /** The site: the Article's author and publisher. */
  site: { name: string; url?: string | null };
  /** ISO time the article is (or will be) published; the last update otherwise. */
  datePublished: string;
  dateModified?: string;
  /** The article's own URL, when known (WordPress after publishing, a static site's permalink). */
  url?: string | null;
  /** The featured image's URL, when it has one. */
  imageUrl?: string | null;
}

/** The article fields the structured data is built from (a ContentView has them all). */
export interface StructuredArticle {
  title: string;
  html: string;
  excerpt: string | null;
  metaDescription: string | null;
  keywords: string[];
  provenance: Record<string, unknown>;
}

type JsonLd = Record<string, unknown>;

const FAQ_HEADING = /\b(faqs?|frequently asked|questions)\b/i;
const STEP_HEADING = /^\s*step\s*\d+\s*[:.)-]?\s*/i;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** The body cut at each H2: the intro first, then one { heading, html } per section. */
export function h2Sections(html: string): {
  intro: string;
  sections: Array<{ heading: string; body: string }>;
} {
  const parts = html.split(/(?=<h2[\s>])/i);
  const intro = /^<h2[\s>]/i.test(parts[0] ?? '') ? '' : (parts.shift() ?? '');
  const sections = parts.map((p) => {
    const m = /^<h2[^>]*>([\s\S]*?)<\/h2>/i.exec(p);
    return { heading: htmlToText(m?.[1] ?? ''), body: m ? p.slice(m[0].length) : p };
  });
  return { intro, sections };
}

/** Question/answer pairs of the FAQ section: each H3 is a question, the text up to the next H3 its answer. */
export function faqPairs(html: string): Array<{ question: string; answer: string }> {
  const faq = h2Sections(html).sections.find((s) => FAQ_HEADING.test(s.heading));
  if (!faq) return [];
  return faq.body
    .split(/(?=<h3[\s>])/i)
    .map((part) => {
      const m = /^<h3[^>]*>([\s\S]*?)<\/h3>/i.exec(part);
      return m ? { question: htmlToText(m[1]!), answer: htmlToText(part.slice(m[0].length)) } : null;
    })
    .filter((p): p is { question: string; answer: string } => Boolean(p && p.question && p.answer));
}

/** The steps of a how-to: "Step N" H2 sections, else the items of its first ordered list. */
export function howToSteps(html: string): Array<{ name: string; text: string }> {
  const steps = h2Sections(html)
    .sections.filter((s) => STEP_HEADING.test(s.heading))
    .map((s) => ({ name: s.heading.replace(STEP_HEADING, '') || s.heading, text: htmlToText(s.body) }));
  if (steps.length) return steps.filter((s) => s.text);
  const ol = /<ol[^>]*>([\s\S]*?)<\/ol>/i.exec(html);
  if (!ol) return [];
  return [...ol[1]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/gi)]
    .map((m) => htmlToText(m[1]!))
    .filter(Boolean)
    .map((text) => ({ name: clip(text, 110), text }));
}

/**
 * schema.org JSON-LD for an article: an Article always, a FAQPage when it has a FAQ section with
 * questions, a HowTo when it was written with the how-to structure and has steps.
 * @example structuredData(content, { site: { name: 'Coffee Blog' }, datePublished: '2026-01-01T09:00:00Z' })
 */
export function structuredData(a: StructuredArticle, ctx: StructuredDataContext): JsonLd[] {
  const org = {
    '@type': 'Organization',
    name: ctx.site.name,
    ...(ctx.site.url ? { url: ctx.site.url } : {}),
  };
  const description = a.metaDescription ?? a.excerpt ?? undefined;
  const out: JsonLd[] = [
    {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: clip(a.title, 110),
      ...(description ? { description } : {}),
      datePublished: ctx.datePublished,
      dateModified: ctx.dateModified ?? ctx.datePublished,
      author: org,
      publisher: org,
      ...(a.keywords.length ? { keywords: a.keywords.join(', ') } : {}),
      ...(ctx.imageUrl ? { image: ctx.imageUrl } : {}),
      ...(ctx.url ? { mainEntityOfPage: { '@type': 'WebPage', '@id': ctx.url }, url: ctx.url } : {}),
    },
  ];
  const faq = faqPairs(a.html);
  if (faq.length) {
    out.push({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: faq.map((q) => ({
        '@type': 'Question',
        name: q.question,
        acceptedAnswer: { '@type': 'Answer', text: q.answer },
      })),
    });
  }
  const steps = a.provenance.structure === 'how-to' ? howToSteps(a.html) : [];
  if (steps.length) {
    out.push({
      '@context': 'https://schema.org',
      '@type': 'HowTo',
      name: clip(a.title, 110),
      ...(description ? { description } : {}),
      step: steps.map((s, i) => ({ '@type': 'HowToStep', position: i + 1, name: s.name, text: s.text })),
    });
  }
  return out;
}

/**
 * The JSON-LD as one `<script type="application/ld+json">` on one line (WordPress's auto-paragraphs
 * leave a single line alone); "<" is escaped so no text can close the script.
 */
export function jsonLdScript(items: JsonLd[]): string {
  const json = JSON.stringify(items.length === 1 ? items[0] : items).replace(/</g, '\\u003c');
  return `<script type="application/ld+json">${json}</script>`;
}

/** An anchor id as Markdown renderers make them (lower case, words joined by hyphens). */
export function headingId(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section'
  );
}

/**
 * A table of contents of the H2 sections, placed after the introduction; each H2 gets an id (kept
 * when it has one) the contents link to. Fewer than three sections get none.
 */
export function withTableOfContents(html: string): string {
  const used = new Set<string>();
  const entries: Array<{ id: string; text: string }> = [];
  const withIds = html.replace(
    /<h2(\s[^>]*)?>([\s\S]*?)<\/h2>/gi,
    (all, attrs: string | undefined, inner: string) => {
      const text = htmlToText(inner);
      const existing = /\sid="([^"]+)"/i.exec(attrs ?? '')?.[1];
      let id = existing ?? headingId(text);
      for (let n = 2; !existing && used.has(id); n++) id = `${headingId(text)}-${n}`;
      used.add(id);
      entries.push({ id, text });
      return existing ? all : `<h2 id="${id}"${attrs ?? ''}>${inner}</h2>`;
    },
  );
  if (entries.length < 3) return html;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const toc = `<nav class="igny8-toc" aria-label="Contents"><p><strong>Contents</strong></p><ol>${entries
    .map((e) => `<li><a href="#${e.id}">${esc(e.text)}</a></li>`)
    .join('')}</ol></nav>`;
  const first = withIds.search(/<h2[\s>]/i);
  return `${withIds.slice(0, first)}${toc}${withIds.slice(first)}`;
}
