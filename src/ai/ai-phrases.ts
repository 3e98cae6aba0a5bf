import { scanHtml, spliceAll } from '../util/html-scan.js';

/**
 * Tell-tale phrasing readers (and reviewers) recognise as machine-written, with plainer wording.
 * optimize_content asks the model to avoid them, checks the answer, and scrubs what is left.
 * An empty replacement drops the phrase (and tidies the sentence).
 */
const PHRASES: Array<[RegExp, string]> = [
  [/\bin today's (?:fast-paced|digital|modern|ever-changing) (?:world|age|landscape)\b,?\s*/gi, ''],
  [/\bin the (?:ever-evolving|ever-changing|fast-paced) (?:world|landscape|realm) of\b/gi, 'in'],
  [/\bit(?:'s| is) (?:important|worth|crucial) to (?:note|remember|mention) that\s*/gi, ''],
  [/\bit goes without saying that\s*/gi, ''],
  [/\blet'?s (?:dive|delve) (?:in|into)\b/gi, "let's look at"],
  [/\b(?:dive|delve|delving|diving) (?:deep )?into\b/gi, 'look at'],
  [/\bdelve\b/gi, 'look'],
  [/\bunlock the (?:power|potential|secrets) of\b/gi, 'get more from'],
  [/\bunleash\b/gi, 'use'],
  [/\belevate your\b/gi, 'improve your'],
  [/\bnavigate the complexities of\b/gi, 'handle'],
  [/\b(?:a|the) (?:rich )?tapestry of\b/gi, 'a mix of'],
  [/\btestament to\b/gi, 'sign of'],
  [/\bgame[- ]changer\b/gi, 'big improvement'],
  [/\bseamless(?:ly)?\b/gi, 'smooth'],
  [/\bembark on (?:a|your) journey\b/gi, 'start'],
  [
    /\bwhether you're a seasoned (?:pro|expert|professional) or (?:a )?(?:complete )?(?:beginner|novice|newbie)\b,?\s*/gi,
    '',
  ],
  [/\bin conclusion,?\s*/gi, ''],
  [/\bin summary,?\s*/gi, ''],
  [/\bat the end of the day,?\s*/gi, ''],
  [/\bmoreover,\s*/gi, 'also, '],
  [/\bfurthermore,\s*/gi, 'also, '],
  [/\bneedless to say,?\s*/gi, ''],
  [/\bever-evolving\b/gi, 'changing'],
  [/\bboasts\b/gi, 'has'],
  [/\bmeticulous(?:ly)?\b/gi, 'careful'],
  [/\bhoning\b/gi, 'improving'],
];

/** The phrases, readable, for prompts. */
export const AI_PHRASE_EXAMPLES = [
  "in today's fast-paced world",
  "it's important to note that",
  'delve into',
  'unlock the power of',
  'elevate your',
  'navigate the complexities of',
  'tapestry of',
  'testament to',
  'game-changer',
  'seamless',
  'embark on a journey',
  "whether you're a seasoned pro or a beginner",
  'in conclusion',
  'moreover / furthermore',
  'em dashes (—) used as a habit',
];

/** The tell-tale phrases present in `text` (as written there), for a check or a report. */
export function findAiPhrases(text: string): string[] {
  const found = new Set<string>();
  for (const [re] of PHRASES) {
    for (const m of text.matchAll(new RegExp(re.source, re.flags))) found.add(m[0].trim().toLowerCase());
  }
  const dashes = (text.match(/—/g) ?? []).length;
  if (dashes > 2) found.add(`${dashes} em dashes`);
  return [...found];
}

/** Elements after whose open tag a text run starts a sentence. */
const BLOCK_START = new Set('p li h1 h2 h3 h4 h5 h6 td th blockquote figcaption'.split(' '));

/** Replace tell-tale phrasing in text runs of HTML (tags untouched); em dashes become commas. */
export function scrubAiPhrasing(html: string): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let blockStart = true;
  scanHtml(html, {
    openTag(name) {
      blockStart = BLOCK_START.has(name);
    },
    closeTag(span) {
      if (!span.implied) blockStart = false;
    },
    comment() {
      blockStart = false;
    },
    text(run) {
      const atStart = blockStart;
      blockStart = false;
      if (run.open.some((n) => n === 'script' || n === 'style')) return;
      const raw = html.slice(run.start, run.end);
      const next = scrubRun(raw, atStart);
      if (next !== raw) edits.push({ start: run.start, end: run.end, text: next });
    },
  });
  return spliceAll(html, edits);
}

function scrubRun(text: string, blockStart: boolean): string {
  let s = text;
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  s = s.replace(/\s*—\s*/g, ', ');
  // Dropping a lead-in can leave a lower-case sentence start: capitalise it again.
  s = s.replace(/([.!?]\s+)([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());
  if (blockStart) s = s.replace(/^(\s*)([a-z])/, (_, a: string, b: string) => a + b.toUpperCase());
  return s;
}
