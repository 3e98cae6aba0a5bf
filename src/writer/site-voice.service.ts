import type { z } from 'zod';
import { parseInput } from '../errors/index.js';
import type { Site, TenancyService } from '../tenancy/index.js';
import type { Scope } from '../tenancy/scope.js';
import { VoiceGuidePatchSchema } from '../api-contract/voice.schema.js';
import { VoiceGuideSchema, voiceInstructions, type VoiceGuide } from './voice-guide.js';

export { VoiceGuidePatchSchema };

/** A site's voice and style guide, and the instructions every writing prompt gets from it. */
export interface SiteVoiceView {
  siteId: string;
  slug: string;
  /** Null until set with `igny8 site voice set`. */
  guide: VoiceGuide | null;
  /** The older free-text `voice` site setting, still sent first when present. */
  legacyVoice: string | null;
  /** What `{{voice}}` becomes in generate_content and optimize_content. */
  instructions: string | null;
}

export type VoiceGuidePatch = z.input<typeof VoiceGuidePatchSchema>;

function view(site: Site): SiteVoiceView {
  const raw = site.settings.voiceGuide;
  const parsed = raw ? VoiceGuideSchema.safeParse(raw) : undefined;
  const guide = parsed?.success ? parsed.data : null;
  const legacy =
    typeof site.settings.voice === 'string' && site.settings.voice.trim() ? site.settings.voice : null;
  return {
    siteId: site.id,
    slug: site.slug,
    guide,
    legacyVoice: legacy,
    instructions: voiceInstructions(guide ?? undefined, legacy ?? undefined) ?? null,
  };
}

/**
 * The site's style guide, kept in its settings (`voiceGuide`) through the tenancy service that owns
 * `sites`: one validated object, merged field by field on set.
 * @example await core.siteVoice.set(scope, 'coffee-blog', { tone: 'warm', bannedPhrases: ['game-changer'] })
 */
export function createSiteVoiceService(tenancy: Pick<TenancyService, 'getSite' | 'updateSite'>) {
  return {
    async show(scope: Scope, siteRef: string): Promise<SiteVoiceView> {
      return view(await tenancy.getSite(scope, siteRef));
    },
    async set(scope: Scope, siteRef: string, rawPatch: unknown): Promise<SiteVoiceView> {
      const patch = parseInput(VoiceGuidePatchSchema, rawPatch, 'voice guide');
      const site = await tenancy.getSite(scope, siteRef);
      const current = view(site).guide ?? {};
      const merged: Record<string, unknown> = { ...current, ...patch };
      for (const [k, v] of Object.entries(patch)) if (v === null) delete merged[k];
      const guide = parseInput(VoiceGuideSchema, merged, 'voice guide');
      return view(await tenancy.updateSite(scope, site.id, { settings: { voiceGuide: guide } }));
    },
    async clear(scope: Scope, siteRef: string): Promise<SiteVoiceView> {
      const site = await tenancy.getSite(scope, siteRef);
      return view(await tenancy.updateSite(scope, site.id, { settings: { voiceGuide: null } }));
    },
  };
}

export type SiteVoiceService = ReturnType<typeof createSiteVoiceService>;
