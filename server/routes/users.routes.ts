import {
  DeletedSchema,
  UserCreateRequestSchema,
  UserParamsSchema,
  UserPasswordRequestSchema,
  UserRoleRequestSchema,
  UserSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['users'];

export const userRoutes = [
  listRoute({
    path: '/users',
    summary: 'Users of your account',
    tags,
    item: UserSchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.tenancy.listUsers(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/users',
    summary: 'Add a user (without a password they sign in after a password reset)',
    tags,
    permission: 'users.manage',
    status: 201,
    body: UserCreateRequestSchema,
    response: UserSchema,
    handler: async ({ core, scope, actor, body }) => core.tenancy.addUser(scope, body, { by: actor }),
  }),
  jsonRoute({
    method: 'get',
    path: '/users/:userId',
    summary: 'One user by id or email',
    tags,
    params: UserParamsSchema,
    response: UserSchema,
    handler: async ({ core, scope, params }) => core.tenancy.findUser(scope, params.userId),
  }),
  jsonRoute({
    method: 'put',
    path: '/users/:userId/role',
    summary: "Change a user's role (the last owner cannot be demoted)",
    tags,
    permission: 'users.manage',
    params: UserParamsSchema,
    body: UserRoleRequestSchema,
    response: UserSchema,
    handler: async ({ core, scope, actor, params, body }) =>
      core.tenancy.setRole(scope, params.userId, body.role, { by: actor }),
  }),
  jsonRoute({
    method: 'post',
    path: '/users/:userId/disable',
    summary: 'Disable a user: no sign-in, and their API keys stop working',
    tags,
    permission: 'users.manage',
    params: UserParamsSchema,
    response: UserSchema,
    handler: async ({ core, scope, actor, params }) =>
      core.tenancy.disableUser(scope, params.userId, { by: actor }),
  }),
  jsonRoute({
    method: 'post',
    path: '/users/:userId/enable',
    summary: 'Enable a disabled user',
    tags,
    permission: 'users.manage',
    params: UserParamsSchema,
    response: UserSchema,
    handler: async ({ core, scope, actor, params }) =>
      core.tenancy.enableUser(scope, params.userId, { by: actor }),
  }),
  jsonRoute({
    method: 'put',
    path: '/users/:userId/password',
    summary: "Set another user's password",
    tags,
    permission: 'users.manage',
    params: UserParamsSchema,
    body: UserPasswordRequestSchema,
    response: UserSchema,
    handler: async ({ core, scope, actor, params, body }) =>
      core.tenancy.setPassword(scope, params.userId, body.password, { by: actor }),
  }),
  jsonRoute({
    method: 'delete',
    path: '/users/:userId',
    summary: 'Remove a user (their API keys are revoked)',
    tags,
    permission: 'users.manage',
    params: UserParamsSchema,
    response: DeletedSchema,
    handler: async ({ core, scope, actor, params }) => {
      const removed = await core.tenancy.removeUser(scope, params.userId, { by: actor });
      return { id: removed.id, deleted: true as const };
    },
  }),
];
