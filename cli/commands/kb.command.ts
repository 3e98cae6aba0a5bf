import path from 'node:path';
import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';

const FORMATS = 'markdown | text | html | pdf | docx';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export function registerKb(program: Command): void {
  const kb = program
    .command('kb')
    .description("the site's knowledge base: sources the writer grounds articles in and cites");
  kb.command('add <source>')
    .description(`add a file (${FORMATS}), a page URL (fetched once, main content only) or - for stdin`)
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--title <title>', 'the title cited in Sources lists (default: the document’s own)')
    .option('--url <url>', 'the address cited for a file or stdin (pages cite their own)')
    .option('--format <format>', `what stdin or a file without an extension holds: ${FORMATS}`)
    .action(
      action(
        async (ctx, source: string, o: { site?: string; title?: string; url?: string; format?: string }) => {
          const core = await ctx.core();
          const { resolveSiteRef, KB_FORMATS, Igny8Error } = await import('../../src/index.js');
          const scope = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
          if (o.format && !KB_FORMATS.includes(o.format as never))
            throw new Igny8Error('USAGE', `--format must be one of ${FORMATS}, not "${o.format}"`);
          const format = o.format as (typeof KB_FORMATS)[number] | undefined;
          const extra = {
            ...(o.title ? { title: o.title } : {}),
            ...(o.url ? { url: o.url } : {}),
            ...(format ? { format } : {}),
          };
          const res = /^https?:\/\//i.test(source)
            ? await core.kb.add(scope, { kind: 'url', url: source, ...(o.title ? { title: o.title } : {}) })
            : source === '-'
              ? await core.kb.add(scope, { kind: 'bytes', bytes: await readStdin(), ...extra })
              : await core.kb.add(scope, { kind: 'file', path: path.resolve(ctx.cwd, source), ...extra });
          const s = res.source;
          ctx.out.result(res, () =>
            res.created
              ? `Added "${s.title}" (${s.format}, ${s.passageCount} passages) as ${s.id}`
              : `Already in the knowledge base: "${s.title}" (${s.id}); nothing added`,
          );
        },
      ),
    );
  kb.command('list')
    .description('sources, newest first')
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action(async (ctx, o: { site?: string; limit: string; offset: string }) => {
        const core = await ctx.core();
        const { resolveSiteRef } = await import('../../src/index.js');
        const scope = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
        const page = await core.kb.list(scope, { limit: Number(o.limit), offset: Number(o.offset) });
        const rows = page.items.map((s) => ({
          id: s.id,
          title: s.title,
          format: s.format,
          passages: s.passageCount,
          from: s.url ?? s.fileName ?? s.origin,
          added: s.createdAt.replace('T', ' ').slice(0, 16),
        }));
        ctx.out.result(page, () => `${renderTable(rows)}\n(${page.items.length} of ${page.total})`);
      }),
    );
  kb.command('show <id>')
    .description('a source and its passages')
    .action(
      action(async (ctx, id: string) => {
        const core = await ctx.core();
        const s = await core.kb.show({ accountId: await ctx.accountId() }, id);
        ctx.out.result(s, () =>
          [
            `${s.title}  [${s.format}, ${s.passageCount} passages, ${s.chars} characters]`,
            `from: ${s.url ?? s.fileName ?? s.origin}`,
            ...s.passages.map((p) => `\n#${p.seq}${p.heading ? ` — ${p.heading}` : ''}\n${p.text}`),
          ].join('\n'),
        );
      }),
    );
  kb.command('remove <id>')
    .description('remove a source and its passages (articles keep their citations)')
    .action(
      action(async (ctx, id: string) => {
        const core = await ctx.core();
        const s = await core.kb.remove({ accountId: await ctx.accountId() }, id);
        ctx.out.result({ removed: s }, () => `Removed "${s.title}" (${s.passageCount} passages)`);
      }),
    );
  kb.command('search <query>')
    .description('the passages that best match, ranked by the full-text index')
    .option('--site <id|slug>', 'the igny8 site (default: the only one)')
    .option('--limit <n>', 'how many', '10')
    .action(
      action(async (ctx, query: string, o: { site?: string; limit: string }) => {
        const core = await ctx.core();
        const { resolveSiteRef } = await import('../../src/index.js');
        const scope = await resolveSiteRef(core.db, await ctx.accountId(), o.site);
        const hits = await core.kb.search(scope, query, Number(o.limit));
        ctx.out.result({ items: hits }, () =>
          hits.length
            ? hits
                .map(
                  (h) =>
                    `${h.score.toFixed(2)}  ${h.sourceTitle}${h.heading ? ` — ${h.heading}` : ''}\n      ${h.text.slice(0, 160)}${h.text.length > 160 ? '…' : ''}`,
                )
                .join('\n')
            : 'No passages match.',
        );
      }),
    );
}
