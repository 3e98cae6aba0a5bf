import { describe, expect, it } from 'vitest';
import { buildOpenApi, API_PREFIX } from './openapi.js';
import { pathParams } from './route.js';
import { ALL_ROUTES } from './routes/index.js';

type Obj = Record<string, unknown>;

/** Every nested value, depth-first (to check $refs and schema shapes anywhere in the document). */
function* walk(node: unknown, path = '#'): Generator<[string, unknown]> {
  yield [path, node];
  if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node as Obj)) yield* walk(v, `${path}/${k}`);
}

describe('OpenAPI document', () => {
  const doc = buildOpenApi(ALL_ROUTES, '0.0.0-test') as {
    openapi: string;
    info: Obj;
    paths: Record<string, Record<string, Obj>>;
    components: Obj;
  };

  it('is OpenAPI 3.1 with info, paths and components', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: '0.0.0-test' });
    expect(typeof doc.paths).toBe('object');
    expect(Object.keys((doc.components as { securitySchemes: Obj }).securitySchemes).sort()).toEqual([
      'apiKey',
      'bearerAuth',
    ]);
  });

  it('lists every route of the route table with its method, and nothing else', () => {
    const expected = ALL_ROUTES.map(
      (r) => `${r.method} ${API_PREFIX}${r.path.replace(/:(\w+)/g, '{$1}')}`,
    ).sort();
    const listed = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .sort();
    expect(listed).toEqual(expected);
    expect(new Set(expected).size).toBe(ALL_ROUTES.length);
  });

  it('declares each path parameter, unique operation ids, and object schemas', () => {
    const ids = new Set<string>();
    for (const route of ALL_ROUTES) {
      const op = doc.paths[`${API_PREFIX}${route.path.replace(/:(\w+)/g, '{$1}')}`]![route.method]!;
      expect(ids.has(op.operationId as string), `duplicate ${op.operationId as string}`).toBe(false);
      ids.add(op.operationId as string);
      const params = op.parameters as Array<{ name: string; in: string; required: boolean; schema: Obj }>;
      const inPath = params.filter((p) => p.in === 'path').map((p) => p.name);
      expect(inPath).toEqual(pathParams(route.path));
      for (const p of params) {
        expect(['path', 'query']).toContain(p.in);
        expect(typeof p.schema).toBe('object');
        if (p.in === 'path') expect(p.required).toBe(true);
      }
      const responses = op.responses as Obj;
      expect(Object.keys(responses)).toContain('default');
      const success = responses[String(route.status ?? 200)] as { content: Record<string, { schema: Obj }> };
      for (const media of Object.values(success.content)) expect(typeof media.schema).toBe('object');
      if (route.body) {
        const body = (op.requestBody as { content: { 'application/json': { schema: Obj } } }).content[
          'application/json'
        ];
        expect(body.schema.type).toBeDefined();
      }
      if (route.kind === 'list') {
        const names = params.filter((p) => p.in === 'query').map((p) => p.name);
        expect(names).toEqual(expect.arrayContaining(['page', 'page_size', 'limit', 'offset']));
      }
    }
  });

  it('has no $ref that points outside components and no draft-specific $schema inside', () => {
    for (const [where, value] of walk(doc)) {
      if (!value || typeof value !== 'object') continue;
      const ref = (value as Obj).$ref;
      if (typeof ref === 'string') {
        expect(ref, where).toMatch(/^#\/components\//);
        const target = ref
          .slice(2)
          .split('/')
          .reduce<unknown>((n, k) => (n as Obj | undefined)?.[k], doc);
        expect(target, `${where} → ${ref}`).toBeDefined();
      }
      expect((value as Obj).$schema, where).toBeUndefined();
    }
  });
});
