/**
 * The line that ends a template's stable prefix. Everything above it (instructions, site context,
 * voice, structure) is the same for every item of a site, so providers serve it from their prompt
 * cache; everything below it (the item) changes per call.
 */
export const VARIABLE_PART_MARKER = '<!-- variable part -->';

const MARKER_LINE = /^[ \t]*<!--\s*variable part\s*-->[ \t]*\r?\n?/im;

/**
 * Split a rendered prompt at its variable-part marker: `prefix` is the cacheable part (empty when
 * the template has no marker, as older overrides do), `variable` the rest.
 * @example splitPrompt('Rules\n<!-- variable part -->\nItem') // { prefix: 'Rules', variable: 'Item' }
 */
export function splitPrompt(rendered: string): { prefix: string; variable: string } {
  const m = MARKER_LINE.exec(rendered);
  if (!m) return { prefix: '', variable: rendered };
  return {
    prefix: rendered.slice(0, m.index).trimEnd(),
    variable: rendered.slice(m.index + m[0].length).trimStart(),
  };
}
