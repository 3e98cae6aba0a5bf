import type { StructureKey } from '../../ai/functions/common.schema.js';
import type { SectionElement } from '../../ai/structures.js';
import { cons, faqAnswer, listItem, pros, steps, type TextContext } from './article-text.js';
import { capitalize, escapeHtml, titleCase } from './sandbox-words.js';

/** Which element a section heading asks for (works for any outline, not only the sandbox's own). */
export function elementFor(heading: string): SectionElement {
  const h = heading.toLowerCase();
  if (/frequently asked|\bfaq\b|questions/.test(h)) return 'faq';
  if (/pros and cons|pros & cons/.test(h)) return 'pros-cons';
  if (/^step \d|how to get started|step by step/.test(h)) return 'steps';
  if (/at a glance|comparison table|side-by-side|specifications|key facts|\btable\b/.test(h)) return 'table';
  if (/mistakes|tips|what you need|look for|types|differences|who should|myths|checklist/.test(h))
    return 'list';
  return 'paragraphs';
}

const ul = (items: string[], tag: 'ul' | 'ol' = 'ul') =>
  `<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;

export function listHtml(ctx: TextContext, points: string[]): string {
  const items = points.map((p) => listItem(ctx, p));
  while (items.length < 4)
    items.push(
      listItem(
        ctx,
        ctx.random.pick(['timing', 'your own taste', 'regular checks', 'clean tools', 'good notes']),
      ),
    );
  return ul(items.slice(0, 6));
}

export const stepsHtml = (ctx: TextContext) => ul(steps(ctx, 5), 'ol');

export function prosConsHtml(ctx: TextContext): string {
  return `<h3>Pros</h3>${ul(pros(ctx))}<h3>Cons</h3>${ul(cons(ctx))}`;
}

function question(keyword: string): string {
  const k = keyword.trim().replace(/\?+$/, '');
  if (/^(how|what|why|can|is|are|do|does|should|when|where|which|who)\b/i.test(k)) return `${capitalize(k)}?`;
  return `What should I know about ${k}?`;
}

export function faqHtml(ctx: TextContext, keywords: string[]): string {
  const qs = [...new Set(keywords.map(question))];
  if (qs.length < 2)
    qs.push(`How long does it take to learn ${ctx.subject}?`, `Is ${ctx.subject} worth the effort?`);
  return qs
    .slice(0, 3)
    .map((q) => `<h3>${escapeHtml(q)}</h3><p>${escapeHtml(faqAnswer(ctx))}</p>`)
    .join('');
}

const row = (cells: string[], th = false) =>
  `<tr>${cells.map((c, i) => (th ? `<th scope="col">${escapeHtml(c)}</th>` : i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`;

const table = (head: string[], rows: string[][]) =>
  `<table><thead>${row(head, true)}</thead><tbody>${rows.map((r) => row(r)).join('')}</tbody></table>`;

/** A reference table in the shape the structure calls for; qualitative values only (no invented numbers). */
export function tableHtml(
  ctx: TextContext,
  structure: StructureKey,
  headings: string[],
  sides: { a: string; b: string },
): string {
  const s = titleCase(ctx.subject);
  switch (structure) {
    case 'how-to': {
      const stepHeads = headings.filter((h) => /^step \d/i.test(h));
      const names =
        stepHeads.length >= 2
          ? stepHeads.map((h) => h.replace(/^step \d+:\s*/i, ''))
          : ['Prepare', 'Do the main work', 'Check the result', 'Clean up'];
      return table(
        ['Step', 'What to do', 'Effort'],
        names.map((n, i) => [`Step ${i + 1}`, n, ['Low', 'Medium', 'Low', 'Low'][i % 4]!]),
      );
    }
    case 'listicle': {
      const picks = headings.filter((h) => /^\d+\.\s/.test(h)).map((h) => h.replace(/^\d+\.\s*/, ''));
      const names =
        picks.length >= 2 ? picks : [`Best overall ${s}`, `Best budget ${s}`, `Best ${s} for beginners`];
      const fits = ['Most people', 'Tight budgets', 'First-time buyers', 'Enthusiasts', 'Small spaces'];
      const strengths = [
        'Balanced features',
        'Great value',
        'Very easy to use',
        'Top build quality',
        'Saves space',
      ];
      const prices = ['Mid-range', 'Budget', 'Budget to mid-range', 'Premium', 'Mid-range'];
      return table(
        ['Pick', 'Best for', 'Main strength', 'Price range'],
        names.map((n, i) => [n, fits[i % 5]!, strengths[i % 5]!, prices[i % 5]!]),
      );
    }
    case 'comparison': {
      const a = titleCase(sides.a);
      const b = titleCase(sides.b);
      return table(
        ['Feature', a, b],
        [
          ['Ease of use', 'Simple once learned', 'Simple from day one'],
          ['Effort', 'More hands-on', 'Less hands-on'],
          ['Flexibility', 'High', 'Medium'],
          ['Upkeep', 'Regular care', 'Light care'],
          ['Best for', 'People who like control', 'People who want speed'],
        ],
      );
    }
    case 'review':
      return table(
        ['Specification', 'Detail'],
        [
          ['Type', s],
          ['Best for', 'Everyday use'],
          ['Skill level', 'Beginner to intermediate'],
          ['Upkeep', 'Light, with a weekly check'],
          ['Verdict', 'Recommended for most people'],
        ],
      );
    default:
      return table(
        ['Fact', 'Detail'],
        [
          ['What it is', `${s} in plain terms`],
          ['Best for', 'Beginners and curious readers'],
          ['Time to learn', 'A few short sessions'],
          ['Common mistake', 'Rushing the basics'],
          ['First step', 'Read the getting-started section'],
        ],
      );
  }
}
