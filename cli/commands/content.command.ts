import fs from 'node:fs';
import type { Command } from 'commander';
import type { ContentPublishState, ContentView, Core } from '../../src/index.js';
import { action } from '../context.js';
import { renderTable } from '../output.js';

/** One destination's state as a short line: "blog: draft on site, scheduled 2030-05-06 09:15 (Europe/Berlin)". */
async function publishLine(p: ContentPublishState, timezone: string): Promise<string> {
  const { formatZoned, siteStatus } = await import('../../src/publishing/index.js');
  const status = siteStatus({ status: p.status, remote_status: p.remoteStatus });
  const when = p.scheduledAt
    ? `, scheduled ${formatZoned(p.scheduledAt, timezone)} (${timezone})`
    : p.publishedAt
      ? `, sent ${formatZoned(p.publishedAt, timezone)} (${timezone})`
      : '';
  return `${p.destination}: ${status}${when}${p.remoteUrl ? ` ${p.remoteUrl}` : ''}${p.error && p.status !== 'published' ? ` — ${p.error}` : ''}`;
}

async function accountTimezone(core: Core, accountId: string): Promise<string> {
  return (await core.tenancy.getAccount({ accountId }))?.timezone || 'UTC';
}

export function registerContent(program: Command): void {
  const content = program
    .command('content')
    .description('review articles: list, show, edit, approve, reject, export');
  content
    .command('list')
    .description('articles, newest first')
    .option('--site <id|slug>', 'only this site')
    .option('--status <status>', 'draft | review | approved | rejected')
    .option('--search <text>', 'title or focus keyword contains')
    .option('--limit <n>', 'how many', '50')
    .action(
      action(async (ctx, f: { site?: string; status?: string; search?: string; limit: string }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const { resolveSiteRef } = await import('../../src/index.js');
        const siteId = f.site ? (await resolveSiteRef(core.db, accountId, f.site)).siteId : undefined;
        const res = await core.content.list(
          { accountId },
          { siteId, status: f.status as never, search: f.search, limit: Number(f.limit) },
        );
        const timezone = await accountTimezone(core, accountId);
        const { formatZoned, siteStatus } = await import('../../src/publishing/index.js');
        const rows = res.items.map((c) => {
          const p = c.publishing?.[0];
          return {
            id: c.id,
            status: c.status,
            seo: c.seoScore,
            words: c.wordCount,
            keyword: c.focusKeyword,
            title: c.title,
            // The first destination's state; `content show` lists every one.
            destination: p
              ? `${p.destination}${(c.publishing?.length ?? 0) > 1 ? ` +${c.publishing!.length - 1}` : ''}`
              : null,
            site: p ? siteStatus({ status: p.status, remote_status: p.remoteStatus }) : null,
            scheduled: p ? formatZoned(p.scheduledAt, timezone) : null,
            url: p?.remoteUrl ?? null,
          };
        });
        ctx.out.result(res, () => `${renderTable(rows)}\n${res.total} article(s); times in ${timezone}`);
      }),
    );
  content
    .command('show <id>')
    .description('an article with its SEO report, images and link suggestions')
    .option('--html', 'print the HTML body')
    .action(
      action(async (ctx, id: string, f: { html?: boolean }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const c = await core.content.get({ accountId }, id);
        const timezone = await accountTimezone(core, accountId);
        const published = await Promise.all((c.publishing ?? []).map((p) => publishLine(p, timezone)));
        ctx.out.result(c, () =>
          [
            `${c.title}  [${c.status}]  SEO ${c.seoScore ?? '—'}/100  ${c.wordCount} words`,
            `slug: ${c.slug}\nfocus keyword: ${c.focusKeyword ?? '—'}\nmeta title: ${c.metaTitle ?? '—'}\nmeta description: ${c.metaDescription ?? '—'}`,
            'SEO checks:',
            ...(c.seoReport?.checks ?? []).map(
              (k) => `  ${k.passed ? '✓' : k.severity === 'warning' ? '!' : '✗'} ${k.label} — ${k.detail}`,
            ),
            `images: ${(c.images ?? []).map((i) => `${i.role}#${i.position} ${i.status}`).join(', ') || 'none'}`,
            `link suggestions: ${(c.linkSuggestions?.suggestions ?? []).map((l) => `"${l.anchor}" → ${l.href}`).join('; ') || 'none'}`,
            `published:${published.length ? published.map((l) => `\n  ${l}`).join('') : ' not yet'}`,
            ...groundingLines(c.grounding),
            ...(f.html ? ['', c.html] : []),
          ].join('\n'),
        );
      }),
    );
  content
    .command('edit <id>')
    .description('edit fields; HTML is sanitized and the SEO score recomputed')
    .option('--title <text>')
    .option('--slug <slug>')
    .option('--meta-title <text>')
    .option('--meta-description <text>')
    .option('--focus-keyword <text>')
    .option('--excerpt <text>')
    .option('--html-file <file>', 'replace the body with this HTML file')
    .action(
      action(async (ctx, id: string, f: Record<string, string | undefined>) => {
        const core = await ctx.core();
        const patch = {
          title: f.title,
          slug: f.slug,
          metaTitle: f.metaTitle,
          metaDescription: f.metaDescription,
          focusKeyword: f.focusKeyword,
          excerpt: f.excerpt,
          html: f.htmlFile ? fs.readFileSync(f.htmlFile, 'utf8') : undefined,
        };
        const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const c = await core.content.edit({ accountId: await ctx.accountId() }, id, clean);
        ctx.out.result(c, () => `updated ${c.id}: SEO ${c.seoScore}/100, ${c.wordCount} words`);
      }),
    );
  content
    .command('approve <ids...>')
    .description('approve articles (applies their reviewed internal links)')
    .option('--no-links', 'do not apply link suggestions')
    .action(
      action(async (ctx, ids: string[], f: { links: boolean }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const done: Array<Awaited<ReturnType<typeof core.content.approve>>> = [];
        for (const id of ids)
          done.push(await core.content.approve({ accountId }, id, { applyLinks: f.links }));
        ctx.out.result(done, () => done.map((c) => `approved ${c.id} ${c.title}`).join('\n'));
      }),
    );
  content
    .command('reject <id>')
    .description('reject an article')
    .option('--reason <text>')
    .action(
      action(async (ctx, id: string, f: { reason?: string }) => {
        const core = await ctx.core();
        const c = await core.content.reject({ accountId: await ctx.accountId() }, id, f.reason);
        ctx.out.result(c, () => `rejected ${c.id}`);
      }),
    );
  content
    .command('export <dir>')
    .description('write articles as Markdown or HTML with front matter, images copied beside them')
    .option('--format <md|html>', 'file format', 'md')
    .option('--site <id|slug>', 'only this site')
    .option('--status <status>', 'which articles (default approved)', 'approved')
    .action(
      action(async (ctx, dir: string, f: { format: string; site?: string; status: string }) => {
        const core = await ctx.core();
        const accountId = await ctx.accountId();
        const m = await import('../../src/index.js');
        if (f.format !== 'md' && f.format !== 'html')
          throw new m.Igny8Error('USAGE', `Unknown format "${f.format}"`, {
            hint: 'Use --format md or --format html.',
          });
        const siteId = f.site ? (await m.resolveSiteRef(core.db, accountId, f.site)).siteId : undefined;
        const files = await core.content.exportTo(
          { accountId },
          { dir, format: f.format, siteId, status: f.status as never },
        );
        ctx.out.result({ dir, files }, () => `${files.length} article(s) written to ${dir}`);
      }),
    );
}

/** The review's view of grounding: each cited source and the sentences that cite it. */
function groundingLines(g: ContentView['grounding']): string[] {
  if (!g) return [];
  if (g.status === 'ungrounded')
    return [`grounding: none — written without citations (${g.reason ?? 'no passages'})`];
  const lines = [`grounding: ${g.cited.length} source(s) cited of ${g.supplied.length} passage(s) supplied`];
  for (const c of g.cited) {
    lines.push(`  [${c.n}] ${c.title}${c.url ? ` — ${c.url}` : ''}`);
    for (const s of g.sentences.filter((x) => x.cites.includes(c.n)))
      lines.push(`      “${s.sentence.length > 140 ? `${s.sentence.slice(0, 139)}…` : s.sentence}”`);
  }
  return lines;
}
