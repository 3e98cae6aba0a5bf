/**
 * Grounded writing, the pure half: which passages the writer was given, which numbers the article
 * cites, the checks the validator applies, the renumbering and the Sources list igny8 appends itself
 * (titles and URLs come from the knowledge base, never from the model).
 */

/** A passage handed to the writer, numbered for citation as [n]. */
export interface SuppliedPassage {
  n: number;
  passageId: string;
  sourceId: string;
  /** The source's title and URL, as the Sources list shows them. */
  title: string;
  url: string | null;
  heading: string | null;
  text: string;
  /** Outline sections (0-based) it was retrieved for. */
  sections: number[];
}

export interface CitedSource {
  /** The number in the published article (renumbered by first appearance). */
  n: number;
  /** The number it had in the writer's prompt. */
  suppliedN: number;
  passageId: string;
  sourceId: string;
  title: string;
  url: string | null;
}

/** Stored with the article (contents.grounding): how it is grounded and what it cites. */
export interface Grounding {
  status: 'grounded' | 'ungrounded';
  /** Why an article is ungrounded. */
  reason: 'no-knowledge-base' | 'no-matching-passages' | null;
  supplied: Array<Omit<SuppliedPassage, 'text' | 'heading'>>;
  cited: CitedSource[];
}

/** A sentence of the article and the sources it cites (the review's view). */
export interface CitedSentence {
  sentence: string;
  cites: number[];
}

const CITATION = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;

/** Every citation number in a text, in order of appearance (repeats kept). */
export function citationNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(CITATION))
    for (const part of m[1]!.split(/[,;]/)) out.push(Number(part.trim()));
  return out;
}

/**
 * What the validator refuses: a citation to a number that was not supplied, an article given
 * passages that cites none of them, an article given none that cites anything.
 */
export function citationProblems(html: string, supplied: readonly Pick<SuppliedPassage, 'n'>[]): string[] {
  const known = new Set(supplied.map((p) => p.n));
  const cited = citationNumbers(html.replace(/<[^>]+>/g, ' '));
  if (supplied.length === 0)
    return cited.length
      ? ['html: no source passages were supplied, so the article must not contain citations such as [1]']
      : [];
  const unknown = [...new Set(cited.filter((n) => !known.has(n)))];
  const problems: string[] = [];
  if (unknown.length)
    problems.push(
      `html: cites ${unknown.map((n) => `[${n}]`).join(', ')}, but only passages ${[...known]
        .map((n) => `[${n}]`)
        .join(', ')} were supplied; cite only supplied passages, by their numbers`,
    );
  if (cited.length === 0)
    problems.push(
      'html: ground the factual claims in the supplied source passages and cite them with their numbers, such as [1]',
    );
  return problems;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The article's citations renumbered 1, 2, 3… by first appearance, and the Sources list appended
 * (an <h2> and an ordered list of source titles linked to their URLs). Call after citationProblems
 * passed. Returns the HTML and the grounding to store.
 */
export function applyCitations(
  html: string,
  supplied: readonly SuppliedPassage[],
  reason: Grounding['reason'],
): { html: string; grounding: Grounding } {
  const bySupplied = new Map(supplied.map((p) => [p.n, p]));
  const order = new Map<number, number>();
  for (const n of citationNumbers(html.replace(/<[^>]+>/g, ' ')))
    if (bySupplied.has(n) && !order.has(n)) order.set(n, order.size + 1);
  const renumbered = html.replace(CITATION, (whole, list: string) => {
    const nums = list.split(/[,;]/).map((s) => order.get(Number(s.trim())));
    return nums.every((n) => n !== undefined) ? `[${nums.join(', ')}]` : whole;
  });
  const cited: CitedSource[] = [...order].map(([suppliedN, n]) => {
    const p = bySupplied.get(suppliedN)!;
    return { n, suppliedN, passageId: p.passageId, sourceId: p.sourceId, title: p.title, url: p.url };
  });
  const grounding: Grounding = {
    status: supplied.length ? 'grounded' : 'ungrounded',
    reason: supplied.length ? null : reason,
    supplied: supplied.map(({ text: _t, heading: _h, ...rest }) => rest),
    cited,
  };
  if (!cited.length) return { html: renumbered, grounding };
  const items = cited
    .map(
      (c) =>
        `<li>${escapeHtml(c.title)}${c.url ? ` — <a href="${escapeHtml(c.url)}">${escapeHtml(c.url)}</a>` : ''}</li>`,
    )
    .join('\n');
  return { html: `${renumbered}\n<h2>Sources</h2>\n<ol>\n${items}\n</ol>`, grounding };
}

/**
 * The sentences of an article's text that cite sources, with the numbers each cites (the Sources
 * list itself is left out).
 * @example citedSentences('Cold brew steeps 12 hours [1]. Enjoy.') // [{ sentence: 'Cold brew steeps 12 hours [1].', cites: [1] }]
 */
export function citedSentences(text: string): CitedSentence[] {
  const body = text.split(/\n\s*Sources\s*\n/)[0] ?? text;
  const out: CitedSentence[] = [];
  for (const line of body.split('\n'))
    for (const s of line.split(/(?<=[.!?…](?:\s*\[[\d,;\s]+\])*)\s+(?=[^\s[])/)) {
      const cites = [...new Set(citationNumbers(s))];
      if (cites.length) out.push({ sentence: s.trim(), cites });
    }
  return out;
}
