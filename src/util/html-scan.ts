import type * as Htmlparser2 from 'htmlparser2';
import { lazyRequire } from './lazy-require.js';

// Loaded on first use: every command imports the writer, few of them read HTML (P11).
const htmlparser2 = lazyRequire<typeof Htmlparser2>('htmlparser2');

/**
 * A run of text between two tags (entities already decoded in `text`), with its place in the
 * source so callers can splice the original string without re-serialising the rest of it.
 */
export interface HtmlTextRun {
  /** Source offsets of the raw run: html.slice(start, end). */
  start: number;
  end: number;
  /** The run as a reader sees it (entities decoded). */
  text: string;
  /** Source ranges [start, end) of the character references inside the run ("&amp;", "&#39;"). */
  entities: ReadonlyArray<readonly [number, number]>;
  /** Names of the open elements around the run, outermost first (valid during the callback only). */
  open: readonly string[];
}

/** An element once it is closed, with the source ranges of its tags. */
export interface HtmlElementSpan {
  name: string;
  attribs: Readonly<Record<string, string>>;
  /** Source offsets: the open tag is html.slice(start, openEnd). */
  start: number;
  openEnd: number;
  /** The close tag is html.slice(closeStart, end); both equal openEnd for a void or unclosed element. */
  closeStart: number;
  end: number;
  /** Closed by the parser (void element, or one the author left open), not by a `</name>` tag. */
  implied: boolean;
}

/** Callbacks in document order; one that returns `false` stops the scan there. */
export interface HtmlVisitor {
  openTag?(
    name: string,
    attribs: Readonly<Record<string, string>>,
    start: number,
    openEnd: number,
  ): void | boolean;
  text?(run: HtmlTextRun): void | boolean;
  closeTag?(span: HtmlElementSpan): void | boolean;
  comment?(): void | boolean;
}

/**
 * Walk HTML with a real parser (htmlparser2, the one sanitize-html uses): tags inside attribute
 * values, comments, scripts and entities are read as a browser would, not guessed by a pattern.
 * @example scanHtml('<p>a &amp; b</p>', { text: (r) => console.log(r.text) }) // "a & b"
 */
export function scanHtml(html: string, visitor: HtmlVisitor): void {
  // One object per element and per run, handed to the visitor as is: a spread per event doubled the cost.
  const stack: HtmlElementSpan[] = [];
  const names: string[] = [];
  let run: (HtmlTextRun & { entities: Array<[number, number]> }) | null = null;
  let stopped = false;
  const after = (result: void | boolean) => {
    if (result !== false) return;
    stopped = true;
    parser.pause();
  };
  const flush = () => {
    const done = run;
    run = null;
    if (done && visitor.text && !stopped) after(visitor.text(done));
  };
  const parser: Htmlparser2.Parser = new (htmlparser2().Parser)(
    {
      onopentag(name, attribs) {
        flush();
        if (stopped) return;
        const openEnd = parser.endIndex + 1;
        const el = {
          name,
          attribs,
          start: parser.startIndex,
          openEnd,
          closeStart: openEnd,
          end: openEnd,
          implied: true,
        };
        stack.push(el);
        names.push(name);
        after(visitor.openTag?.(name, attribs, el.start, el.openEnd));
      },
      ontext(data) {
        if (stopped) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const isEntity = html.charCodeAt(start) === 38 /* & */ && end - start > data.length;
        if (run && run.end === start) {
          run.end = end;
          run.text += data;
        } else {
          flush();
          run = { start, end, text: data, entities: [], open: names };
        }
        if (isEntity) run.entities.push([start, end]);
      },
      onclosetag(name, implied) {
        flush();
        if (stopped) return;
        const el = stack.pop();
        names.pop();
        if (!el) return;
        if (!implied) {
          el.closeStart = parser.startIndex;
          el.end = parser.endIndex + 1;
          el.implied = false;
        }
        after(visitor.closeTag?.(el));
      },
      oncomment() {
        flush();
        if (!stopped) after(visitor.comment?.());
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  if (!stopped) parser.end();
  flush();
}

/**
 * Apply non-overlapping edits [start, end) → text to a string, leaving everything else byte for byte.
 * @example spliceAll('abc', [{ start: 1, end: 2, text: 'X' }]) // "aXc"
 */
export function spliceAll(
  source: string,
  edits: ReadonlyArray<{ start: number; end: number; text: string }>,
): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/**
 * An open tag written from parsed attributes (values re-escaped), for a tag whose attributes changed.
 * @example openTag('a', { href: '/x/?a=1&b=2', rel: 'nofollow' }) // '<a href="/x/?a=1&amp;b=2" rel="nofollow">'
 */
export function openTag(name: string, attribs: Readonly<Record<string, string>>): string {
  const attrs = Object.entries(attribs).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`);
  return `<${name}${attrs.join('')}>`;
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
