import { z } from 'zod';
import { ErrorEnvelopeSchema, pageSchema } from '../src/api-contract/index.js';
import { effectiveQuerySchema } from './mount-routes.js';
import { pathParams, rateScopeOf, requiredRole, type AnyRoute } from './route.js';

type JsonSchema = Record<string, unknown>;

export const API_PREFIX = '/api/v1';

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function envelope(data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      success: { const: true },
      data,
      message: { type: 'string' },
      request_id: { type: 'string' },
    },
    required: ['success', 'data', 'request_id'],
  };
}

function parameters(route: AnyRoute): JsonSchema[] {
  const out: JsonSchema[] = [];
  const pathSchema = route.params ? toSchema(route.params, 'input') : undefined;
  const pathProps = (pathSchema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of pathParams(route.path)) {
    out.push({ name, in: 'path', required: true, schema: pathProps[name] ?? { type: 'string' } });
  }
  const query = effectiveQuerySchema(route);
  if (query) {
    const q = toSchema(query, 'input');
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      out.push({
        name,
        in: 'query',
        required: required.has(name),
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  }
  return out;
}

function successResponse(route: AnyRoute): JsonSchema {
  if (route.kind === 'raw') {
    return { description: 'Streamed response', content: { [route.produces]: { schema: {} } } };
  }
  const data =
    route.kind === 'list' ? toSchema(pageSchema(route.item), 'output') : toSchema(route.response, 'output');
  return { description: 'Success', content: { 'application/json': { schema: envelope(data) } } };
}

function operation(route: AnyRoute): JsonSchema {
  const errorRef = { $ref: '#/components/responses/Error' };
  return {
    operationId: `${route.method}${route.path.replace(/[:/{}-]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: route.public ? [] : [{ bearerAuth: [] }, { apiKey: [] }],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: { [String(route.status ?? 200)]: successResponse(route), default: errorRef },
    'x-igny8-role': route.public ? 'public' : requiredRole(route),
    'x-igny8-rate-limit': rateScopeOf(route),
    ...(route.module ? { 'x-igny8-module': route.module } : {}),
  };
}

/** The OpenAPI 3.1 document, generated from the same route table and zod schemas the server runs. */
export function buildOpenApi(routes: readonly AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const p = API_PREFIX + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[p] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'igny8 API',
      version,
      description:
        'Every response is an envelope: { success: true, data, message?, request_id } or ' +
        '{ success: false, error, code, errors?, request_id }. Lists page with ?page=&page_size= or ?limit=&offset=.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'Send "ApiKey <key>".',
        },
      },
      responses: {
        Error: {
          description: 'Error envelope; `code` comes from the error catalog.',
          content: { 'application/json': { schema: toSchema(ErrorEnvelopeSchema, 'output') } },
        },
      },
    },
  };
}
