import { z } from 'zod';
import {
  CompareRequestSchema,
  ComparisonSchema,
  EstimateRequestSchema,
  RunEstimateSchema,
  RunListQuerySchema,
  RunLogEntrySchema,
  RunLogQuerySchema,
  RunCostSchema,
  RunParamsSchema,
  RunSchema,
  StartRunRequestSchema,
} from '../../src/api-contract/index.js';
import { requireJobQueue } from '../../src/index.js';
import { followRun } from '../follow-run.js';
import { jsonRoute, listRoute, rawRoute } from '../route.js';
import { openSse } from '../sse.js';

const tags = ['automation'];
const automation = { module: 'automation' } as const;

export const automationRoutes = [
  jsonRoute({
    method: 'post',
    path: '/automation/estimate',
    summary: 'The per-stage plan of a run: items, calls, tokens, credits and USD (nothing runs)',
    tags,
    ...automation,
    role: 'viewer',
    readOnly: true,
    rateLimit: 'planner',
    body: EstimateRequestSchema,
    response: RunEstimateSchema,
    handler: async ({ core, scope, body }) =>
      core.automation.estimate({ ...scope, siteId: body.siteId }, body.options),
  }),
  jsonRoute({
    method: 'post',
    path: '/automation/compare',
    summary:
      'Write the same sample of ideas under each cost profile: cost per article beside the quality checks (articles not saved, credits charged)',
    tags,
    ...automation,
    rateLimit: 'ai',
    body: CompareRequestSchema,
    response: ComparisonSchema,
    handler: async ({ core, scope, body }) => {
      const { siteId, ...input } = body;
      return core.automation.compare({ ...scope, siteId }, input);
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/automation/runs',
    summary:
      'Start a run for a site in the background (refused under estimate + 20% credits); follow it over SSE',
    tags,
    ...automation,
    rateLimit: 'ai',
    status: 202,
    body: StartRunRequestSchema,
    response: RunSchema,
    handler: async ({ deps, core, scope, body }) => {
      const { siteId, options, force } = body;
      if (body.detach) {
        // Workers on any machine pick it up; the SSE stream follows it from the database.
        const jobs = requireJobQueue(core);
        const site = { ...scope, siteId };
        const run = await core.automation.start(site, { options, force, trigger: 'api', detach: true });
        if (run.status === 'queued') await jobs.enqueueRun(site, run.id);
        return core.automation.get(scope, run.id);
      }
      const runId = await deps.runs.launch(scope, (onEvent) =>
        core.automation.start({ ...scope, siteId }, { options, force, trigger: 'api', onEvent }),
      );
      return core.automation.get(scope, runId);
    },
  }),
  listRoute({
    path: '/automation/runs',
    summary: 'Run history, newest first',
    tags,
    ...automation,
    query: RunListQuerySchema,
    item: RunSchema,
    handler: async ({ core, scope, query, page }) =>
      core.automation.list(scope, { siteId: query.siteId, limit: page.limit, offset: page.offset }),
  }),
  jsonRoute({
    method: 'get',
    path: '/automation/runs/:runId',
    summary: 'One run with its per-stage results',
    tags,
    ...automation,
    params: RunParamsSchema,
    response: RunSchema,
    handler: async ({ core, scope, params }) => core.automation.get(scope, params.runId),
  }),
  jsonRoute({
    method: 'get',
    path: '/automation/runs/:runId/cost',
    summary: 'What a run cost: USD and credits per article by stage, and what prompt caching saved',
    tags,
    ...automation,
    params: RunParamsSchema,
    response: RunCostSchema,
    handler: async ({ core, scope, params }) => core.automation.cost(scope, params.runId),
  }),
  jsonRoute({
    method: 'post',
    path: '/automation/runs/:runId/pause',
    summary: 'Pause a run after its current item',
    tags,
    ...automation,
    params: RunParamsSchema,
    response: RunSchema,
    handler: async ({ core, scope, params }) => core.automation.pause(scope, params.runId),
  }),
  jsonRoute({
    method: 'post',
    path: '/automation/runs/:runId/resume',
    summary: 'Resume a paused or interrupted run in the background',
    tags,
    ...automation,
    rateLimit: 'ai',
    status: 202,
    params: RunParamsSchema,
    response: RunSchema,
    handler: async ({ deps, core, scope, params }) => {
      const runId = await deps.runs.launch(scope, (onEvent) =>
        core.automation.resume(scope, params.runId, onEvent),
      );
      return core.automation.get(scope, runId);
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/automation/runs/:runId/cancel',
    summary: 'Cancel a run (finished items stay)',
    tags,
    ...automation,
    params: RunParamsSchema,
    response: RunSchema,
    handler: async ({ core, scope, params }) => core.automation.cancel(scope, params.runId),
  }),
  jsonRoute({
    method: 'get',
    path: '/automation/runs/:runId/logs',
    summary: "A run's log lines, in order",
    tags,
    ...automation,
    params: RunParamsSchema,
    query: RunLogQuerySchema,
    response: z.array(RunLogEntrySchema),
    handler: async ({ core, scope, params, query }) => core.automation.logs(scope, params.runId, query),
  }),
  rawRoute({
    method: 'get',
    path: '/automation/runs/:runId/events',
    summary: 'Live progress of a run as Server-Sent Events (run, stage, item, log, summary, end)',
    description: 'Reconnects resume from the Last-Event-ID header (the last log sequence number seen).',
    tags,
    ...automation,
    params: RunParamsSchema,
    produces: 'text/event-stream',
    handler: async ({ deps, core, scope, params, req, res }) => {
      const run = await core.automation.get(scope, params.runId);
      const afterSeq = Number(req.get('last-event-id')) || 0;
      const stream = openSse(req, res, { registry: deps.sse });
      await followRun(core.automation, deps.runs, scope, run, stream, { pollMs: deps.runPollMs, afterSeq });
    },
  }),
];
