import {
  AuthSessionSchema,
  InviteAcceptRequestSchema,
  InviteCreatedSchema,
  InviteCreateRequestSchema,
  InviteParamsSchema,
  InvitePreviewSchema,
  InviteSchema,
  InviteTokenRequestSchema,
} from '../../src/api-contract/index.js';
import { deliverMail } from '../deliver-mail.js';
import { deliverSession } from '../refresh-cookie.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['invites'];

export const inviteRoutes = [
  listRoute({
    path: '/invites',
    summary: 'Invitations of your account, newest first',
    tags,
    permission: 'users.manage',
    item: InviteSchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.tenancy.listInvites(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/invites',
    summary: 'Invite someone by email with a role (never above yours); the link is mailed, never returned',
    tags,
    permission: 'users.manage',
    status: 201,
    body: InviteCreateRequestSchema,
    response: InviteCreatedSchema,
    handler: async ({ deps, core, scope, actor, body, req, requestId }) => {
      const { invite, token } = await core.tenancy.createInvite(scope, body, actor);
      const account = await core.tenancy.getAccount(scope);
      const link = `${req.protocol}://${req.get('host')}/invite?token=${encodeURIComponent(token)}`;
      const delivery = await deliverMail(
        deps,
        {
          to: invite.email,
          subject: `You are invited to ${account?.name ?? 'a team'} on igny8`,
          text:
            `You have been invited to join ${account?.name ?? 'a team'} on igny8 as ${invite.role}.\n\n` +
            `Accept the invite and choose your password here (valid until ${invite.expiresAt}):\n${link}\n\n` +
            `Invite code: ${token}\n`,
        },
        `Invite for ${invite.email}: ${link}`,
        requestId,
      );
      return { invite, delivery };
    },
  }),
  jsonRoute({
    method: 'delete',
    path: '/invites/:inviteId',
    summary: 'Revoke an invitation that has not been accepted',
    tags,
    permission: 'users.manage',
    params: InviteParamsSchema,
    response: InviteSchema,
    handler: async ({ core, scope, params }) => core.tenancy.revokeInvite(scope, params.inviteId),
  }),
  jsonRoute({
    method: 'post',
    path: '/invites/preview',
    summary: 'What an invite link offers: email, role and team (for the accept page)',
    tags,
    public: true,
    readOnly: true,
    rateLimit: 'auth_strict',
    body: InviteTokenRequestSchema,
    response: InvitePreviewSchema,
    handler: async ({ core, body }) => core.tenancy.previewInvite(body.token),
  }),
  jsonRoute({
    method: 'post',
    path: '/invites/accept',
    summary: 'Accept an invite: set your password, join the team and sign in',
    tags,
    public: true,
    rateLimit: 'auth_strict',
    status: 201,
    body: InviteAcceptRequestSchema,
    response: AuthSessionSchema,
    handler: async ({ core, body, req, res }) => deliverSession(req, res, await core.auth.acceptInvite(body)),
  }),
];
