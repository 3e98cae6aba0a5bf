import { z } from 'zod';
import { probePlansTable } from '../../src/index.js';
import { buildOpenApi } from '../openapi.js';
import { jsonRoute, rawRoute } from '../route.js';
import { SERVER_VERSION } from '../version.js';

export const metaRoutes = [
  jsonRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness and database check',
    tags: ['meta'],
    public: true,
    response: z.object({
      status: z.literal('ok'),
      version: z.string(),
      database: z.enum(['sqlite', 'postgres']),
    }),
    handler: async ({ core }) => {
      await probePlansTable(core.db);
      return { status: 'ok' as const, version: SERVER_VERSION, database: core.dialect };
    },
  }),
  rawRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['meta'],
    public: true,
    produces: 'application/json',
    handler: async ({ deps, res }) => {
      res.json(buildOpenApi(deps.routes, SERVER_VERSION));
    },
  }),
];
