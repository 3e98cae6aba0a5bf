import {
  DeletedSchema,
  PublishingSettingsPatchRequestSchema,
  SectorCreateRequestSchema,
  SectorUpdateRequestSchema,
  SectorParamsSchema,
  SectorSchema,
  SiteCreateRequestSchema,
  SiteParamsSchema,
  SiteSchema,
  SiteSummarySchema,
  SitePublishingSchema,
  SiteUpdateRequestSchema,
  SiteVoiceSchema,
  VoiceGuidePatchSchema,
} from '../../src/api-contract/index.js';
import { getPublishingSettings, updatePublishingSettings } from '../../src/publishing/index.js';
import { jsonRoute, listRoute } from '../route.js';

export const siteRoutes = [
  listRoute({
    path: '/sites',
    summary: 'Sites of your account, with sector counts',
    tags: ['sites'],
    item: SiteSummarySchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.tenancy.listSites(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/sites',
    summary: 'Add a site (within the plan limit)',
    tags: ['sites'],
    permission: 'sites.manage',
    status: 201,
    body: SiteCreateRequestSchema,
    response: SiteSchema,
    handler: async ({ core, scope, body }) => core.tenancy.addSite(scope, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId',
    summary: 'One site by id or slug',
    tags: ['sites'],
    params: SiteParamsSchema,
    response: SiteSchema,
    handler: async ({ core, scope, params }) => core.tenancy.getSite(scope, params.siteId),
  }),
  jsonRoute({
    method: 'patch',
    path: '/sites/:siteId',
    summary: 'Change a site (settings are merged)',
    tags: ['sites'],
    permission: 'sites.manage',
    params: SiteParamsSchema,
    body: SiteUpdateRequestSchema,
    response: SiteSchema,
    handler: async ({ core, scope, params, body }) => core.tenancy.updateSite(scope, params.siteId, body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/sites/:siteId',
    summary: 'Delete a site with everything under it',
    tags: ['sites'],
    permission: 'sites.manage',
    params: SiteParamsSchema,
    response: DeletedSchema,
    handler: async ({ core, scope, params }) => {
      const site = await core.tenancy.removeSite(scope, params.siteId);
      return { id: site.id, deleted: true as const };
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/publishing',
    summary: "A site's publishing schedule: mode, time slots, stagger, days, limits, auto-publish",
    tags: ['sites', 'publishing'],
    module: 'publishing',
    params: SiteParamsSchema,
    response: SitePublishingSchema,
    handler: async ({ core, scope, params }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      const { publishing, timezone } = await getPublishingSettings(core.db, { ...scope, siteId: site.id });
      return { siteId: site.id, timezone, publishing };
    },
  }),
  jsonRoute({
    method: 'patch',
    path: '/sites/:siteId/publishing',
    summary: "Change a site's publishing schedule (only the keys given; checked as a whole)",
    tags: ['sites', 'publishing'],
    module: 'publishing',
    permission: 'settings.manage',
    params: SiteParamsSchema,
    body: PublishingSettingsPatchRequestSchema,
    response: SitePublishingSchema,
    handler: async ({ core, scope, params, body }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      const siteScope = { ...scope, siteId: site.id };
      await updatePublishingSettings(core.db, siteScope, body);
      const { publishing, timezone } = await getPublishingSettings(core.db, siteScope);
      return { siteId: site.id, timezone, publishing };
    },
  }),
  listRoute({
    path: '/sites/:siteId/sectors',
    summary: 'Sectors of a site',
    tags: ['sectors'],
    params: SiteParamsSchema,
    item: SectorSchema,
    handler: async ({ core, scope, params, page }) => {
      const all = await core.tenancy.listSectors(scope, params.siteId);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/sites/:siteId/sectors',
    summary: 'Add a sector to a site',
    tags: ['sectors'],
    permission: 'sites.manage',
    status: 201,
    params: SiteParamsSchema,
    body: SectorCreateRequestSchema,
    response: SectorSchema,
    handler: async ({ core, scope, params, body }) => core.tenancy.addSector(scope, params.siteId, body),
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/sectors/:sectorId',
    summary: 'One sector by id or slug',
    tags: ['sectors'],
    params: SectorParamsSchema,
    response: SectorSchema,
    handler: async ({ core, scope, params }) => core.tenancy.getSector(scope, params.siteId, params.sectorId),
  }),
  jsonRoute({
    method: 'patch',
    path: '/sites/:siteId/sectors/:sectorId',
    summary: "Rename a sector or set its language (null inherits the site's)",
    tags: ['sectors'],
    permission: 'sites.manage',
    params: SectorParamsSchema,
    body: SectorUpdateRequestSchema,
    response: SectorSchema,
    handler: async ({ core, scope, params, body }) =>
      core.tenancy.updateSector(scope, params.siteId, params.sectorId, body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/sites/:siteId/sectors/:sectorId',
    summary: 'Delete a sector with its keywords, clusters, ideas and content',
    tags: ['sectors'],
    permission: 'sites.manage',
    params: SectorParamsSchema,
    response: DeletedSchema,
    handler: async ({ core, scope, params }) => {
      const sector = await core.tenancy.removeSector(scope, params.siteId, params.sectorId);
      return { id: sector.id, deleted: true as const };
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/voice',
    summary: "A site's voice and style guide, and the instructions writing prompts get from it",
    tags: ['sites'],
    params: SiteParamsSchema,
    response: SiteVoiceSchema,
    handler: async ({ core, scope, params }) => core.siteVoice.show(scope, params.siteId),
  }),
  jsonRoute({
    method: 'patch',
    path: '/sites/:siteId/voice',
    summary: "Change a site's voice and style guide (fields given; lists replace; null removes)",
    tags: ['sites'],
    permission: 'sites.manage',
    params: SiteParamsSchema,
    body: VoiceGuidePatchSchema,
    response: SiteVoiceSchema,
    handler: async ({ core, scope, params, body }) => core.siteVoice.set(scope, params.siteId, body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/sites/:siteId/voice',
    summary: "Remove a site's voice and style guide",
    tags: ['sites'],
    permission: 'sites.manage',
    params: SiteParamsSchema,
    response: SiteVoiceSchema,
    handler: async ({ core, scope, params }) => core.siteVoice.clear(scope, params.siteId),
  }),
];
