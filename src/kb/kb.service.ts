import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { FetchLike, LookupFn } from '../publishing/url-guard.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { isUniqueViolation } from '../tenancy/db-errors.js';
import { newId, nowIso } from '../util/ids.js';
import { chunkPassages } from './chunk-passages.js';
import { decodeText as decodeImportText } from '../planner/decode-text.js';
import { formatFromMime, formatFromName, KB_FORMATS, sniffFormat } from './detect-format.js';
import { extractHtml } from './extract-html.js';
import {
  extractInWorker,
  KB_PARSE_MEMORY_MB,
  KB_PARSE_TIMEOUT_MS,
  type ParseLimits,
} from './extract-in-worker.js';
import { extractMarkdown } from './extract-markdown.js';
import { fetchPage } from './fetch-page.js';
import * as repo from './kb.repository.js';
import type { ExtractedDoc, KbFormat, KbHit, KbOrigin, KbPassage, KbSource } from './kb.types.js';
import {
  retrieveForOutline,
  type OutlineForRetrieval,
  type RetrieveOptions,
  type Retrieved,
} from './retrieve-for-outline.js';
import { searchTerms } from './search-terms.js';
import { segmentForIndex } from './segment-words.js';
import { textSearchConfig } from './text-search-config.js';

/** What `kb add` reads: a file on disk, bytes (stdin, an upload) or a page fetched once now. */
export type KbAddInput =
  | { kind: 'file'; path: string; title?: string; url?: string; format?: KbFormat }
  | { kind: 'bytes'; bytes: Uint8Array; fileName?: string; title?: string; url?: string; format?: KbFormat }
  | { kind: 'url'; url: string; title?: string };

export interface KbAddResult {
  source: KbSource;
  /** False when the same bytes were already in the site's knowledge base (nothing was added). */
  created: boolean;
}

export interface KbServiceOptions {
  db: Db;
  /** Refuse private and loopback page addresses unless allowed (the server's config; the CLI allows). */
  urlGuard: { allowPrivate: boolean };
  /** Largest source read, in bytes (default 10 MiB). */
  maxBytes?: number;
  /** Most passages one source may become (default 5,000). */
  maxPassages?: number;
  fetchTimeoutMs?: number;
  /** Longest one PDF or DOCX may take to read (default 30 s; config kb.parseTimeoutMs). */
  parseTimeoutMs?: number;
  /** Most heap reading one PDF or DOCX may use, in MiB (default 512; config kb.parseMemoryMb). */
  parseMemoryMb?: number;
  /** Tests: answer page fetches in process, resolve names without DNS. */
  fetch?: FetchLike;
  lookup?: LookupFn;
}

export const KB_MAX_BYTES = 10 * 1024 * 1024;

export function toKbSource(r: repo.KbSourceRow): KbSource {
  return {
    id: r.id,
    siteId: r.site_id,
    title: r.title,
    url: r.url,
    origin: r.origin,
    fileName: r.file_name,
    format: r.format,
    sha256: r.sha256,
    bytes: Number(r.bytes),
    chars: Number(r.chars),
    passageCount: Number(r.passage_count),
    createdAt: r.created_at,
  };
}

const toPassage = (r: repo.KbPassageRow): KbPassage => ({
  id: r.id,
  sourceId: r.source_id,
  seq: Number(r.seq),
  heading: r.heading,
  text: r.text,
  words: Number(r.words),
});

const tooLarge = (what: string, max: number) =>
  new Igny8Error('KB_SOURCE_TOO_LARGE', `${what} is larger than ${Math.round(max / 1024)} KiB`, {
    hint: 'Split it into smaller files, or add only the part you need.',
    details: { maxBytes: max },
  });

interface RawSource {
  bytes: Uint8Array;
  origin: KbOrigin;
  name: string;
  fileName: string | null;
  url: string | null;
  format: KbFormat | null;
  title?: string;
}

/**
 * Text in UTF-8, UTF-16 (BOM or sniffed) or a legacy code page (chardet + iconv-lite, as keyword
 * imports decode); binary or undecodable bytes are refused.
 */
function decodeText(bytes: Uint8Array, name: string): string {
  try {
    return decodeImportText(bytes).text;
  } catch (err) {
    throw new Igny8Error(
      'KB_SOURCE_UNREADABLE',
      `${name} is not readable text (binary, or an unknown encoding)`,
      {
        hint: `Add Markdown, text, HTML, PDF or DOCX (${KB_FORMATS.join(', ')}), saved as UTF-8.`,
        cause: err,
      },
    );
  }
}

async function extract(raw: RawSource, format: KbFormat, limits: ParseLimits): Promise<ExtractedDoc> {
  switch (format) {
    // Third-party parsers of binary formats run in a worker with a time and heap limit.
    case 'pdf':
    case 'docx':
      return extractInWorker(format, raw.bytes, raw.name, limits);
    case 'html':
      return extractHtml(decodeText(raw.bytes, raw.name));
    case 'markdown':
    case 'text':
      return extractMarkdown(decodeText(raw.bytes, raw.name), format === 'markdown');
  }
}

/** A site's knowledge base: sources split into passages, searched with the database's full-text index. */
export function createKbService(options: KbServiceOptions) {
  const { db } = options;
  const maxBytes = options.maxBytes ?? KB_MAX_BYTES;
  const maxPassages = options.maxPassages ?? 5000;
  const parseLimits: ParseLimits = {
    timeoutMs: options.parseTimeoutMs ?? KB_PARSE_TIMEOUT_MS,
    maxMemoryMb: options.parseMemoryMb ?? KB_PARSE_MEMORY_MB,
  };

  async function read(input: KbAddInput): Promise<RawSource> {
    if (input.kind === 'file') {
      const stat = await fs.stat(input.path).catch(() => null);
      if (!stat?.isFile())
        throw new Igny8Error('FILE_NOT_FOUND', `${input.path} is not a readable file`, {
          hint: 'Check the path; use - to read standard input.',
        });
      if (stat.size > maxBytes) throw tooLarge(input.path, maxBytes);
      const fileName = path.basename(input.path);
      return {
        bytes: await fs.readFile(input.path),
        origin: 'file',
        name: fileName,
        fileName,
        url: input.url ?? null,
        format: input.format ?? formatFromName(fileName),
        ...(input.title ? { title: input.title } : {}),
      };
    }
    if (input.kind === 'bytes') {
      if (input.bytes.byteLength > maxBytes) throw tooLarge(input.fileName ?? 'The input', maxBytes);
      return {
        bytes: input.bytes,
        origin: input.fileName ? 'file' : 'stdin',
        name: input.fileName ?? 'standard input',
        fileName: input.fileName ?? null,
        url: input.url ?? null,
        format: input.format ?? (input.fileName ? formatFromName(input.fileName) : null),
        ...(input.title ? { title: input.title } : {}),
      };
    }
    const page = await fetchPage(input.url, {
      allowPrivate: options.urlGuard.allowPrivate,
      maxBytes,
      timeoutMs: options.fetchTimeoutMs ?? 15_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    return {
      bytes: page.bytes,
      origin: 'url',
      name: page.url,
      fileName: null,
      url: page.url,
      format: formatFromMime(page.contentType) ?? formatFromName(new URL(page.url).pathname),
      ...(input.title ? { title: input.title } : {}),
    };
  }

  return {
    /**
     * Read, extract, split and index one source, in one transaction (nothing half-indexed).
     * @example await kb.add({ accountId, siteId }, { kind: 'file', path: 'docs/brewing.md' })
     */
    async add(scope: SiteScope, input: KbAddInput): Promise<KbAddResult> {
      const raw = await read(input);
      if (raw.bytes.byteLength === 0)
        throw new Igny8Error('KB_SOURCE_UNREADABLE', `${raw.name} is empty`, {
          hint: 'Add a file with text in it.',
        });
      const sniffed = sniffFormat(raw.bytes);
      // The bytes win over a name or header that says text: a PDF named .txt is still a PDF.
      const format = sniffed === 'pdf' || sniffed === 'docx' ? sniffed : (raw.format ?? sniffed);
      if (!format)
        throw new Igny8Error('UNSUPPORTED_FORMAT', `${raw.name} is not Markdown, text, HTML, PDF or DOCX`, {
          hint: 'Convert it to one of those formats (or pass --format when the name has no extension).',
        });
      const sha256 = createHash('sha256').update(raw.bytes).digest('hex');
      const existing = await repo.findSourceBySha(db, scope, sha256);
      if (existing) return { source: toKbSource(existing), created: false };
      const doc = await extract(raw, format, parseLimits);
      const drafts = chunkPassages(doc.blocks);
      if (drafts.length === 0)
        throw new Igny8Error('KB_SOURCE_UNREADABLE', `No text found in ${raw.name}`, {
          hint:
            format === 'pdf'
              ? 'A scanned PDF has no text layer; run OCR on it first.'
              : 'Add a source with text.',
        });
      if (drafts.length > maxPassages)
        throw new Igny8Error(
          'KB_SOURCE_TOO_LARGE',
          `${raw.name} makes ${drafts.length} passages (limit ${maxPassages})`,
          {
            hint: 'Split it into smaller sources.',
          },
        );
      // Indexed in the site's language (its stemmer on PostgreSQL; porter only for English on SQLite).
      const tsConfig = textSearchConfig(await repo.siteLanguage(db, scope));
      const sourceId = newId();
      const row: repo.KbSourceRow = {
        id: sourceId,
        account_id: scope.accountId,
        site_id: scope.siteId,
        title: (raw.title ?? doc.title ?? raw.fileName ?? raw.url ?? 'Untitled').slice(0, 300),
        url: raw.url,
        origin: raw.origin,
        file_name: raw.fileName,
        format,
        sha256,
        bytes: raw.bytes.byteLength,
        chars: drafts.reduce((n, d) => n + d.text.length, 0),
        passage_count: drafts.length,
        created_at: nowIso(),
        ts_config: tsConfig,
      };
      const passages = drafts.map((d) => ({
        id: newId(),
        account_id: scope.accountId,
        site_id: scope.siteId,
        source_id: sourceId,
        seq: d.seq,
        heading: d.heading,
        text: d.text,
        words: d.words,
        ts_config: tsConfig,
        fts_heading: segmentForIndex(d.heading),
        fts_text: segmentForIndex(d.text),
      }));
      try {
        await transaction(db, (trx) => repo.insertSource(trx, row, passages));
      } catch (err) {
        // The same bytes added at the same moment by another process: theirs stands.
        const other = isUniqueViolation(err) ? await repo.findSourceBySha(db, scope, sha256) : undefined;
        if (other) return { source: toKbSource(other), created: false };
        throw err;
      }
      return { source: toKbSource(row), created: true };
    },

    async list(scope: SiteScope, page: { limit?: number; offset?: number } = {}) {
      const limit = page.limit ?? 50;
      const offset = page.offset ?? 0;
      const [rows, total] = await Promise.all([
        repo.listSources(db, scope, { limit, offset }),
        repo.countSources(db, scope),
      ]);
      return { items: rows.map(toKbSource), total, limit, offset };
    },

    async get(scope: Scope, id: string): Promise<KbSource> {
      const row = await repo.getSource(db, scope, id);
      if (!row)
        throw new Igny8Error('KB_SOURCE_NOT_FOUND', `Knowledge-base source ${id} not found`, {
          hint: 'List them with `igny8 kb list`.',
        });
      return toKbSource(row);
    },

    /** A source with its passages in order. */
    async show(scope: Scope, id: string): Promise<KbSource & { passages: KbPassage[] }> {
      const source = await this.get(scope, id);
      const passages = await repo.sourcePassages(db, scope, id);
      return { ...source, passages: passages.map(toPassage) };
    },

    async remove(scope: Scope, id: string): Promise<KbSource> {
      const source = await this.get(scope, id);
      await transaction(db, (trx) => repo.deleteSource(trx, scope, id));
      return source;
    },

    /** The site's passages best matching `query` (full-text, ranked). */
    async search(scope: SiteScope, query: string, limit = 10): Promise<KbHit[]> {
      const rows = await repo.searchPassages(db, scope, searchTerms(query), limit);
      return rows.map((r) => ({
        ...toPassage(r),
        sourceTitle: r.source_title,
        sourceUrl: r.source_url,
        score: r.score,
      }));
    },

    /** The passages each outline section should be grounded in (see retrieveForOutline). */
    retrieve(scope: SiteScope, outline: OutlineForRetrieval, opts?: RetrieveOptions): Promise<Retrieved> {
      return retrieveForOutline(db, scope, outline, opts);
    },
  };
}

export type KbService = ReturnType<typeof createKbService>;
