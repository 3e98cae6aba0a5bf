import fs from 'node:fs';
import type { Command } from 'commander';
import type { SiteVoiceView } from '../../src/index.js';
import { action, type CliContext } from '../context.js';
import { renderKeyValues } from '../output.js';

interface VoiceFlags {
  tone?: string;
  person?: string;
  readingLevel?: string;
  ban: string[];
  prefer: string[];
  sample?: string;
  file?: string;
}

const repeat = (v: string, prev: string[]) => [...prev, v];
/** "none" clears a field. */
const clearable = (v: string | undefined) =>
  v === undefined ? undefined : /^(none|null)$/i.test(v) ? null : v;

function render(v: SiteVoiceView): string {
  const g = v.guide;
  return renderKeyValues({
    site: v.slug,
    tone: g?.tone ?? '—',
    person: g?.person ?? '—',
    readingLevel: g?.readingLevel ?? '—',
    bannedPhrases: g?.bannedPhrases.join(', ') || '—',
    preferredTerms:
      g?.preferredTerms
        .map((p) => (p.insteadOf.length ? `${p.term} (not ${p.insteadOf.join(', ')})` : p.term))
        .join('; ') || '—',
    sample: g?.sample ?? '—',
    legacyVoice: v.legacyVoice ?? '—',
  });
}

/** The patch from --file (a JSON guide) and the flags on top of it. */
async function patchFrom(o: VoiceFlags): Promise<Record<string, unknown>> {
  const { Igny8Error } = await import('../../src/index.js');
  let patch: Record<string, unknown> = {};
  if (o.file) {
    const text =
      o.file === '-'
        ? fs.readFileSync(0, 'utf8')
        : fs.existsSync(o.file)
          ? fs.readFileSync(o.file, 'utf8')
          : null;
    if (text === null)
      throw new Igny8Error('FILE_NOT_FOUND', `No file ${o.file}`, { hint: 'Check the --file path.' });
    try {
      patch = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Igny8Error('VALIDATION_FAILED', `--file ${o.file} is not valid JSON`, {
        hint: 'Pass a JSON object such as {"tone":"warm","person":"second","bannedPhrases":["game-changer"]}.',
      });
    }
  }
  if (o.tone !== undefined) patch.tone = clearable(o.tone);
  if (o.person !== undefined) patch.person = clearable(o.person);
  if (o.sample !== undefined) patch.sample = clearable(o.sample);
  if (o.readingLevel !== undefined) {
    const level = clearable(o.readingLevel);
    patch.readingLevel = level === null ? null : Number(level);
  }
  if (o.ban.length) patch.bannedPhrases = o.ban;
  if (o.prefer.length) {
    patch.preferredTerms = o.prefer.map((p) => {
      const [term, alts] = p.split('=');
      return {
        term: term!.trim(),
        insteadOf: (alts ?? '')
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      };
    });
  }
  if (Object.keys(patch).length === 0) {
    throw new Igny8Error('USAGE', 'Nothing to set', {
      hint: 'Pass --tone, --person, --reading-level, --ban, --prefer, --sample or --file guide.json.',
    });
  }
  return patch;
}

async function scope(ctx: CliContext) {
  return { core: await ctx.core(), scope: { accountId: await ctx.accountId() } };
}

/** `igny8 site voice show|set|clear <site>`: the site's voice and style guide. */
export function registerSiteVoice(site: Command): void {
  const voice = site
    .command('voice')
    .description('the site’s voice and style guide, used by every writing prompt');
  voice
    .command('show <site>')
    .description('the guide and the instructions writing prompts get from it')
    .action(
      action(async (ctx, ref: string) => {
        const { core, scope: s } = await scope(ctx);
        const v = await core.siteVoice.show(s, ref);
        ctx.out.result(v, () => render(v));
      }),
    );
  voice
    .command('set <site>')
    .description('change the guide (flags change one field each; lists replace; "none" clears a field)')
    .option('--tone <text>', 'how the site sounds, e.g. "warm, expert, no hype"')
    .option('--person <person>', 'first-singular, first-plural, second or third')
    .option('--reading-level <grade>', 'US school grade 3–16 (8 reads easily)')
    .option('--ban <phrase>', 'a phrase no article may contain (repeat for more)', repeat, [])
    .option(
      '--prefer <term=alts>',
      'a preferred term and the words it replaces: "espresso=expresso,coffee shot"',
      repeat,
      [],
    )
    .option('--sample <text>', 'a short passage in the site’s voice')
    .option('-f, --file <path>', 'a JSON guide to merge ("-" for stdin)')
    .action(
      action(async (ctx, ref: string, o: VoiceFlags) => {
        const { core, scope: s } = await scope(ctx);
        const v = await core.siteVoice.set(s, ref, await patchFrom(o));
        ctx.out.result(v, () => render(v));
      }),
    );
  voice
    .command('clear <site>')
    .description('remove the guide')
    .action(
      action(async (ctx, ref: string) => {
        const { core, scope: s } = await scope(ctx);
        const v = await core.siteVoice.clear(s, ref);
        ctx.out.result(v, () => `${v.slug}: voice guide removed`);
      }),
    );
}
