/**
 * Synthesize a value that validates against a JSON Schema (the subset zod's toJSONSchema and
 * hand-written schemas use): objects, arrays with min/maxItems and prefixItems, enums, const,
 * strings with min/maxLength, formats and simple patterns, integer/number bounds, anyOf/oneOf/allOf,
 * and local $refs. Deterministic for a given `rand`.
 */
export type JsonSchema = Record<string, unknown>;

export interface SampleOptions {
  rand?: () => number;
  /** Words to weave into strings so outputs look related to the prompt. */
  topic?: string;
}

interface Ctx {
  rand: () => number;
  topic: string;
  root: JsonSchema;
  depth: number;
}

const FILLER =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore';

export function sampleFromSchema(schema: JsonSchema, options: SampleOptions = {}): unknown {
  const ctx: Ctx = {
    rand: options.rand ?? Math.random,
    topic: options.topic ?? 'sample topic',
    root: schema,
    depth: 0,
  };
  return sample(schema, ctx, 'value', 0);
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[
      decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))
    ];
  }
  return (node as JsonSchema) ?? {};
}

function mergeAllOf(schema: JsonSchema): JsonSchema {
  const parts = (schema.allOf as JsonSchema[]) ?? [];
  const out: JsonSchema = { ...schema };
  delete out.allOf;
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties') out.properties = { ...(out.properties as object), ...(v as object) };
      else if (k === 'required')
        out.required = [...new Set([...((out.required as string[]) ?? []), ...(v as string[])])];
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

function typeOf(schema: JsonSchema): string {
  const t = schema.type;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') as string | undefined) ?? 'null';
  if (typeof t === 'string') return t;
  if (schema.properties || schema.additionalProperties) return 'object';
  if (schema.items || schema.prefixItems) return 'array';
  return 'string';
}

function sample(input: JsonSchema | boolean, ctx: Ctx, key: string, index: number): unknown {
  if (typeof input === 'boolean') return input ? 'value' : null;
  let schema = input;
  if (ctx.depth > 12) return null;
  if (typeof schema.$ref === 'string')
    schema = { ...resolveRef(schema.$ref, ctx.root), ...schema, $ref: undefined };
  if (Array.isArray(schema.allOf)) schema = mergeAllOf(schema);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[Math.floor(ctx.rand() * schema.enum.length)];
  }
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options) && options.length > 0) {
    const pick = options.find((o) => o.type !== 'null') ?? options[0]!;
    return sample({ ...schema, anyOf: undefined, oneOf: undefined, ...pick }, ctx, key, index);
  }
  const inner = { ...ctx, depth: ctx.depth + 1 };
  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, inner, index);
    case 'array':
      return sampleArray(schema, inner, key);
    case 'integer':
      return sampleNumber(schema, ctx, true);
    case 'number':
      return sampleNumber(schema, ctx, false);
    case 'boolean':
      return ctx.rand() < 0.5;
    case 'null':
      return null;
    default:
      return sampleString(schema, ctx, key, index);
  }
}

function sampleObject(schema: JsonSchema, ctx: Ctx, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = (schema.properties as Record<string, JsonSchema>) ?? {};
  // Properties inherit the object's position, so the 3rd item of a list gets "Title 3".
  for (const [k, s] of Object.entries(props)) out[k] = sample(s, ctx, k, index);
  const extra = schema.additionalProperties;
  const min = (schema.minProperties as number | undefined) ?? 0;
  if (Object.keys(props).length === 0 && extra && typeof extra === 'object') {
    const n = Math.max(1, min);
    for (let i = 0; i < n; i++) out[`key${i + 1}`] = sample(extra as JsonSchema, ctx, 'value', i);
  }
  return out;
}

function sampleArray(schema: JsonSchema, ctx: Ctx, key: string): unknown[] {
  const prefix = (schema.prefixItems as JsonSchema[] | undefined) ?? [];
  const minItems = (schema.minItems as number | undefined) ?? 0;
  const maxItems = (schema.maxItems as number | undefined) ?? Math.max(minItems, prefix.length, 3);
  const low = Math.max(minItems, prefix.length, Math.min(1, maxItems));
  const high = Math.max(low, Math.min(maxItems, low + 3));
  const count = low + Math.floor(ctx.rand() * (high - low + 1));
  const items = schema.items;
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    if (i < prefix.length) out.push(sample(prefix[i]!, ctx, key, i));
    else if (items === false) break;
    else out.push(sample((items as JsonSchema | undefined) ?? {}, ctx, singular(key), i));
  }
  return out;
}

function sampleNumber(schema: JsonSchema, ctx: Ctx, integer: boolean): number {
  const exMin = schema.exclusiveMinimum as number | undefined;
  const exMax = schema.exclusiveMaximum as number | undefined;
  const step = integer ? 1 : 0.01;
  let lo = (schema.minimum as number | undefined) ?? (exMin !== undefined ? exMin + step : undefined);
  let hi = (schema.maximum as number | undefined) ?? (exMax !== undefined ? exMax - step : undefined);
  if (lo === undefined) lo = hi !== undefined ? Math.min(0, hi) : 0;
  if (hi === undefined || hi - lo > 1000) hi = lo + 100;
  if (integer) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  let v = lo + ctx.rand() * Math.max(0, hi - lo);
  v = integer ? Math.round(v) : Math.round(v * 100) / 100;
  const mult = schema.multipleOf as number | undefined;
  if (mult) {
    v = Math.ceil(lo / mult) * mult;
    if (integer) v = Math.round(v);
  }
  return Math.min(hi, Math.max(lo, v));
}

function singular(key: string): string {
  return key.endsWith('ies') ? `${key.slice(0, -3)}y` : key.endsWith('s') ? key.slice(0, -1) : key;
}

function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Value';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function fit(text: string, min: number, max: number): string {
  let t = text;
  while (t.length < min) t = `${t} ${FILLER}`;
  t = t.slice(0, Math.max(min, Math.min(max, t.length))).trimEnd();
  while (t.length < min) t += 'x';
  return t;
}

function sampleString(schema: JsonSchema, ctx: Ctx, key: string, index: number): string {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? Math.max(min, 400);
  const n = index + 1;
  const byFormat: Record<string, () => string> = {
    uri: () => `https://example.com/${slug(ctx.topic) || 'page'}-${n}`,
    url: () => `https://example.com/${slug(ctx.topic) || 'page'}-${n}`,
    email: () => `writer${n}@example.com`,
    'date-time': () => '2025-01-01T00:00:00Z',
    date: () => '2025-01-01',
    time: () => '12:00:00',
    hostname: () => 'example.com',
    uuid: () => uuidFrom(ctx.rand),
  };
  const format = schema.format as string | undefined;
  if (format && byFormat[format]) return byFormat[format]();
  const base = /html/i.test(key)
    ? `<h2>${humanize(ctx.topic)}</h2><p>${humanize(key)} ${n} about ${ctx.topic}.</p>`
    : `${humanize(key)} ${n} about ${ctx.topic}`;
  if (typeof schema.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(schema.pattern, 'u');
    } catch {
      re = undefined;
    }
    const candidates = [slug(base), slug(`${key} ${n}`), slug(key), 'example', 'a', '1', 'A1', 'example-1'];
    const ok = re ? candidates.find((c) => re!.test(c) && c.length >= min && c.length <= max) : undefined;
    if (ok) return ok;
  }
  return fit(base, min, max);
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ['8', '9', 'a', 'b'][Math.floor(rand() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
