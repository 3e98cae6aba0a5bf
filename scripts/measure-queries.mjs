#!/usr/bin/env node
// Counts the database queries in src/, cli/ and server/ (tests and migrations left out) and says
// where they live: inside a `*.repository.ts` file or outside one, and which modules write each
// table. Issue 15 asks that each table have one owning module whose repository alone writes it;
// this is the measurement, and test/ci/table-owners.test.ts holds the rule against it.
//
// A query is one Kysely statement: a `selectFrom` / `insertInto` / `updateTable` / `deleteFrom`
// call that is not a subquery of another statement, or a raw `sql`…`` / `sql.raw(…)` template run
// with `.execute(…)`. Fragments (`sql<number>`count(*)``) and subqueries belong to their statement.
//
//   node scripts/measure-queries.mjs            # summary JSON
//   node scripts/measure-queries.mjs --writes   # plus every write with its file and line
//   node scripts/measure-queries.mjs --outside  # plus every query outside a repository, by file
//   node scripts/measure-queries.mjs --root DIR # measure another checkout
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOTS = ['src', 'cli', 'server'];
const existing = (root) => ROOTS.filter((r) => existsSync(join(root, r)));
const BUILDER_KIND = {
  selectFrom: 'select',
  insertInto: 'insert',
  updateTable: 'update',
  deleteFrom: 'delete',
};
const WRITE_KINDS = new Set(['insert', 'update', 'delete']);

function skipped(rel) {
  return (
    /\.test\.tsx?$/.test(rel) ||
    rel.startsWith('src/db/migrations/') ||
    rel.endsWith('.d.ts') ||
    !/\.tsx?$/.test(rel)
  );
}

function listFiles(root, dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules') continue;
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else if (!skipped(rel)) out.push(rel);
  }
  return out;
}

/** The module a file belongs to: `src/writer/x.ts` → `writer`, `src/core.ts` → `core`, `cli/…` → `cli`. */
export function moduleOf(rel) {
  const parts = rel.split('/');
  if (parts[0] !== 'src') return parts[0];
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.tsx?$/, '');
}

function builderCall(node) {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return null;
  const name = node.expression.name.text;
  return Object.hasOwn(BUILDER_KIND, name) ? BUILDER_KIND[name] : null;
}

// Does the method chain this call ends (`db.selectFrom(..).where(..)`) start at a query builder?
function chainHasStatement(call) {
  let e = call.expression;
  while (e) {
    if (ts.isCallExpression(e)) {
      if (builderCall(e)) return true;
      e = e.expression;
    } else if (
      ts.isPropertyAccessExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isParenthesizedExpression(e)
    ) {
      e = e.expression;
    } else return false;
  }
  return false;
}

// A builder call inside the arguments of another statement's chain is a subquery of it.
function isSubquery(node) {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isCallExpression(p) && p.arguments.includes(child) && chainHasStatement(p)) return true;
    if (ts.isCallExpression(p) && child !== p.expression && builderCall(p) && p.arguments.includes(child))
      return true;
    if (ts.isSourceFile(p)) return false;
  }
  return false;
}

function tableArg(call) {
  const arg = call.arguments[0];
  if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
    return arg.text.trim().split(/\s+/)[0];
  }
  return '<dynamic>';
}

function templateText(tpl) {
  if (ts.isNoSubstitutionTemplateLiteral(tpl)) return tpl.text;
  return [tpl.head.text, ...tpl.templateSpans.map((s) => `\${…}${s.literal.text}`)].join('');
}

// The kind and table of a raw statement, read from its SQL text.
function rawStatement(text) {
  const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
  let m = /\binsert (?:or \w+ )?into "?([a-z_][a-z0-9_]*|\$\{…\})/.exec(t);
  if (m) return { kind: 'insert', table: m[1] === '${…}' ? '<dynamic>' : m[1] };
  m = /\bdelete from "?([a-z_][a-z0-9_]*|\$\{…\})/.exec(t);
  if (m) return { kind: 'delete', table: m[1] === '${…}' ? '<dynamic>' : m[1] };
  m = /(?:^|\bwith\b.*?\)\s*|;\s*)update "?([a-z_][a-z0-9_]*|\$\{…\})"? (?:as \w+ )?set\b/.exec(t);
  if (m) return { kind: 'update', table: m[1] === '${…}' ? '<dynamic>' : m[1] };
  return { kind: 'raw', table: null };
}

function isExecuted(node) {
  const p = node.parent;
  return p && ts.isPropertyAccessExpression(p) && p.expression === node && p.name.text === 'execute';
}

/** Every query in one file: `{ kind, table, line, subquery }`. */
export function queriesIn(text, fileName = 'x.ts') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const at = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node) => {
    const kind = builderCall(node);
    if (kind && !isSubquery(node)) {
      found.push({ kind, table: tableArg(node), line: at(node) });
    } else if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      node.tag.text === 'sql' &&
      isExecuted(node)
    ) {
      found.push({ ...rawStatement(templateText(node.template)), line: at(node) });
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'sql' &&
      node.expression.name.text === 'raw' &&
      isExecuted(node)
    ) {
      const arg = node.arguments[0];
      const sqlText =
        arg && ts.isTemplateExpression(arg) ? templateText(arg) : arg && 'text' in arg ? arg.text : '';
      found.push({ ...rawStatement(sqlText), line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Measures the repository at `root`; see the header for what counts. */
export function measureQueries(root) {
  const files = existing(root)
    .flatMap((r) => listFiles(root, r))
    .sort();
  const summary = {
    total: 0,
    inRepositories: 0,
    outside: 0,
    byKind: {},
    outsideByKind: {},
    outsideByModule: {},
  };
  const writes = [];
  const outsideByFile = {};
  for (const file of files) {
    const inRepository = file.endsWith('.repository.ts');
    const module = moduleOf(file);
    for (const q of queriesIn(readFileSync(join(root, file), 'utf8'), file)) {
      summary.total += 1;
      summary.byKind[q.kind] = (summary.byKind[q.kind] ?? 0) + 1;
      if (inRepository) summary.inRepositories += 1;
      else {
        summary.outside += 1;
        summary.outsideByModule[module] = (summary.outsideByModule[module] ?? 0) + 1;
        summary.outsideByKind[q.kind] = (summary.outsideByKind[q.kind] ?? 0) + 1;
        (outsideByFile[file] ??= []).push(`${q.line}:${q.kind}${q.table ? ` ${q.table}` : ''}`);
      }
      if (WRITE_KINDS.has(q.kind))
        writes.push({ table: q.table, module, file, line: q.line, kind: q.kind, inRepository });
    }
  }
  const writers = {};
  for (const w of writes) {
    writers[w.table] ??= {};
    writers[w.table][w.module] = (writers[w.table][w.module] ?? 0) + 1;
  }
  const sortedWriters = Object.fromEntries(Object.entries(writers).sort(([a], [b]) => a.localeCompare(b)));
  const tablesWithSeveralWriters = Object.entries(sortedWriters)
    .filter(([, mods]) => Object.keys(mods).length > 1)
    .map(([t]) => t);
  return {
    ...summary,
    writesOutsideRepositories: writes.filter((w) => !w.inRepository).length,
    tablesWithSeveralWriters,
    writers: sortedWriters,
    writes,
    outsideByFile,
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const rootAt = process.argv.indexOf('--root');
  const root = rootAt > 0 ? process.argv[rootAt + 1] : join(dirname(fileURLToPath(import.meta.url)), '..');
  const result = measureQueries(root);
  if (!process.argv.includes('--writes')) delete result.writes;
  if (!process.argv.includes('--outside')) delete result.outsideByFile;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
