import { z } from 'zod';
import {
  ScheduleListRequestSchema,
  ScheduleParamsSchema,
  ScheduleRequestSchema,
  ScheduleSchema,
  ScheduleSlotSchema,
} from '../../src/api-contract/index.js';
import { resolveSiteRef } from '../../src/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['schedules'];

export const scheduleRoutes = [
  listRoute({
    path: '/schedules',
    summary: 'Automation schedules of your account, with their next and last slot',
    tags,
    query: ScheduleListRequestSchema,
    item: ScheduleSchema,
    handler: async ({ core, scope, query, page }) => {
      const narrowed = query.siteId ? await resolveSiteRef(core.db, scope.accountId, query.siteId) : scope;
      const all = await core.schedules.list(narrowed);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/schedules',
    summary: "Schedule a site's pipeline (preset or cron, in the account's timezone)",
    tags,
    role: 'editor',
    status: 201,
    body: ScheduleRequestSchema,
    response: ScheduleSchema,
    handler: async ({ core, scope, body }) => core.schedules.add(scope, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/schedules/:scheduleId',
    summary: 'One schedule',
    tags,
    params: ScheduleParamsSchema,
    response: ScheduleSchema,
    handler: async ({ core, scope, params }) => core.schedules.get(scope, params.scheduleId),
  }),
  jsonRoute({
    method: 'get',
    path: '/schedules/:scheduleId/slots',
    summary: 'Recent slots of a schedule and what each did (started a run, skipped, failed)',
    tags,
    params: ScheduleParamsSchema,
    response: z.array(ScheduleSlotSchema),
    handler: async ({ core, scope, params }) => core.schedules.slots(scope, params.scheduleId),
  }),
  ...(['pause', 'resume'] as const).map((verb) =>
    jsonRoute({
      method: 'post',
      path: `/schedules/:scheduleId/${verb}`,
      summary: verb === 'pause' ? 'Pause a schedule' : 'Resume a schedule (from now on)',
      tags,
      role: 'editor',
      params: ScheduleParamsSchema,
      response: ScheduleSchema,
      handler: async ({ core, scope, params }) => core.schedules[verb](scope, params.scheduleId),
    }),
  ),
  jsonRoute({
    method: 'delete',
    path: '/schedules/:scheduleId',
    summary: 'Remove a schedule (its runs stay)',
    tags,
    role: 'editor',
    params: ScheduleParamsSchema,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    handler: async ({ core, scope, params }) => {
      const s = await core.schedules.get(scope, params.scheduleId);
      await core.schedules.remove(scope, s.id);
      return { id: s.id, deleted: true as const };
    },
  }),
];
