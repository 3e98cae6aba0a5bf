import { z } from 'zod';
import {
  AccountDetailsSchema,
  AccountSchema,
  AccountUpdateRequestSchema,
  ModulesChangeRequestSchema,
  ModuleStateSchema,
  PlanSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute } from '../route.js';

const toList = <K extends string>(states: Record<K, boolean>) =>
  (Object.keys(states) as K[]).map((name) => ({ name, enabled: states[name] }));

const ModuleListSchema = z.array(ModuleStateSchema);

export const accountRoutes = [
  jsonRoute({
    method: 'get',
    path: '/account',
    summary: 'Your account with its plan, modules and usage of the plan limits',
    tags: ['account'],
    response: AccountDetailsSchema,
    handler: async ({ core, scope }) => core.tenancy.showAccount(scope),
  }),
  jsonRoute({
    method: 'patch',
    path: '/account',
    summary: 'Rename the account or change its timezone',
    tags: ['account'],
    permission: 'settings.manage',
    body: AccountUpdateRequestSchema,
    response: AccountSchema,
    handler: async ({ core, scope, body }) => core.tenancy.updateAccount(scope, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/plans',
    summary: 'The plans of this server, smallest first',
    tags: ['account'],
    response: z.array(PlanSchema),
    handler: async ({ core }) => core.tenancy.listPlans(),
  }),
  jsonRoute({
    method: 'get',
    path: '/modules',
    summary: 'Modules and whether each is enabled for your account',
    tags: ['modules'],
    response: ModuleListSchema,
    handler: async ({ core, scope }) => toList((await core.tenancy.showAccount(scope)).modules),
  }),
  jsonRoute({
    method: 'patch',
    path: '/modules',
    summary: 'Enable or disable modules (a disabled module is refused by the API)',
    tags: ['modules'],
    permission: 'settings.manage',
    body: ModulesChangeRequestSchema,
    response: ModuleListSchema,
    handler: async ({ core, scope, body }) => toList(await core.tenancy.setModules(scope, body)),
  }),
];
