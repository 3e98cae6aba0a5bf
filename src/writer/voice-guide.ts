import { z } from 'zod';
import { VoiceGuideSchema } from '../api-contract/voice.schema.js';

export { VoiceGuideSchema };

const Phrase = VoiceGuideSchema.shape.bannedPhrases.removeDefault().element;

export type VoiceGuide = z.output<typeof VoiceGuideSchema>;

const PERSON: Record<NonNullable<VoiceGuide['person']>, string> = {
  'first-singular': 'first person singular ("I")',
  'first-plural': 'first person plural ("we")',
  second: 'second person ("you")',
  third: 'third person (no "I", "we" or "you")',
};

/**
 * The guide as instructions for a writing prompt's `{{voice}}`, after the site's older free-text
 * `voice` setting when there is one.
 * @example voiceInstructions({ tone: 'warm', person: 'second', bannedPhrases: ['game-changer'], preferredTerms: [] })
 */
export function voiceInstructions(guide: VoiceGuide | undefined, legacy?: string): string | undefined {
  const lines: string[] = [];
  if (legacy?.trim()) lines.push(legacy.trim());
  if (guide) {
    if (guide.tone) lines.push(`Tone: ${guide.tone}.`);
    if (guide.person) lines.push(`Write in the ${PERSON[guide.person]}.`);
    if (guide.readingLevel) lines.push(`Reading level: about US grade ${guide.readingLevel}.`);
    for (const p of guide.preferredTerms) {
      lines.push(
        p.insteadOf.length
          ? `Say "${p.term}", not ${p.insteadOf.map((w) => `"${w}"`).join(' or ')}.`
          : `Prefer the term "${p.term}".`,
      );
    }
    if (guide.bannedPhrases.length)
      lines.push(`Never use these phrases: ${guide.bannedPhrases.map((p) => `"${p}"`).join(', ')}.`);
    if (guide.sample) lines.push(`Match the voice of this sample:\n"""\n${guide.sample}\n"""`);
  }
  return lines.length ? lines.join('\n').slice(0, 4000) : undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole-word(ish), case-insensitive, any whitespace between words. */
const phraseRegex = (phrase: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase.trim()).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');

/** The banned phrases present in `text`, as listed in the guide. */
export function findBannedPhrases(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((p) => phraseRegex(p).test(text));
}

/**
 * Last resort after the repair call: in HTML text runs (tags untouched), a banned phrase that a
 * preferred term replaces becomes that term; any other is dropped and the spacing tidied.
 */
export function removeBannedPhrases(
  html: string,
  phrases: readonly string[],
  preferred: VoiceGuide['preferredTerms'] = [],
): string {
  if (phrases.length === 0) return html;
  const replacement = (phrase: string) =>
    preferred.find((p) => p.insteadOf.some((w) => w.toLowerCase() === phrase.trim().toLowerCase()))?.term ??
    '';
  return html
    .split(/(<[^>]+>)/)
    .map((part) => {
      if (part.startsWith('<')) return part;
      let s = part;
      for (const p of phrases) s = s.replace(phraseRegex(p), replacement(p));
      return s
        .replace(/ {2,}/g, ' ')
        .replace(/ +([,.;:!?])/g, '$1')
        .replace(/^ ([,.;:!?]) ?/, '');
    })
    .join('');
}

/** What an AI function's input carries from the guide to check and repair the answer. */
export const VoiceCheckSchema = z.object({
  bannedPhrases: z.array(Phrase).max(100).default([]),
  preferredTerms: VoiceGuideSchema.shape.preferredTerms,
});
export type VoiceCheck = z.output<typeof VoiceCheckSchema>;

/** The banned phrases left in an answer, as repair instructions naming each. */
export function bannedPhraseIssues(texts: string[], check: VoiceCheck | undefined): string[] {
  if (!check?.bannedPhrases.length) return [];
  const found = findBannedPhrases(texts.join('\n'), check.bannedPhrases);
  return found.length
    ? [
        `html: the site's style guide bans ${found.map((p) => `"${p}"`).join(', ')}: say it another way${
          check.preferredTerms.length ? ' (use the preferred terms)' : ''
        }`,
      ]
    : [];
}
