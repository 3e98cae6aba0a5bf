import fs from 'node:fs';
import path from 'node:path';
import type { CosmiconfigResult } from 'cosmiconfig';

/** Loads a TypeScript config file (cosmiconfig's loader signature). */
export type ConfigFileLoader = (filepath: string, content: string) => Promise<unknown>;

export interface QuickConfigSearchOptions {
  cwd: string;
  /** An explicit file (--config, IGNY8_CONFIG), as cosmiconfig's `load` would read it. */
  file?: string;
  /** cosmiconfig's search places, in order (its `searchStrategy: 'none'`: the folder only). */
  searchPlaces: readonly string[];
  load: ConfigFileLoader;
}

/** cosmiconfig's meta config (besides package.json's "cosmiconfig" key): it may change the search. */
const META_PLACES = [
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];
const TYPESCRIPT = new Set(['.ts', '.mts']);
/** Errors of a loader that cosmiconfig's search passes over (it goes on to the next place). */
const SKIPPED = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES']);

/**
 * cosmiconfig's answer for the common case, without cosmiconfig (P11): importing it and building its
 * explorer (which first looks for a meta config) cost every command about 25 ms of CPU. Handles a
 * TypeScript config (found in the folder, or named) and an empty folder; answers `undefined` for
 * everything else — a meta config, a package.json with an "igny8" or "cosmiconfig" key, another
 * format, an empty file, `$import`, any read error — which the caller hands to cosmiconfig, so the
 * result is the same either way.
 */
export async function quickConfigSearch(o: QuickConfigSearchOptions): Promise<CosmiconfigResult | undefined> {
  // cosmiconfig looks for its meta config in the process's folder, whatever the search starts from.
  const metaDir = process.cwd();
  if (jsonKeyMayMatter(path.join(metaDir, 'package.json'), 'cosmiconfig')) return undefined;
  if (META_PLACES.some((p) => mayExist(path.join(metaDir, p)))) return undefined;
  if (o.file) return loadTypeScript(path.resolve(o.cwd, o.file), o.load);
  for (const place of o.searchPlaces) {
    const filepath = path.join(o.cwd, place);
    if (place === 'package.json') {
      if (jsonKeyMayMatter(filepath, 'igny8')) return undefined;
    } else if (mayExist(filepath)) {
      return loadTypeScript(filepath, o.load);
    }
  }
  return null;
}

/** False only when the path surely does not exist. */
function mayExist(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

/** False only when the JSON file is absent, or a plain object without the key. */
function jsonKeyMayMatter(file: string, key: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
  try {
    const json: unknown = JSON.parse(text);
    return !json || typeof json !== 'object' || Array.isArray(json) || key in json;
  } catch {
    return true;
  }
}

/** What cosmiconfig's `#readConfiguration` answers for a non-empty TypeScript file, else undefined. */
async function loadTypeScript(
  filepath: string,
  load: ConfigFileLoader,
): Promise<CosmiconfigResult | undefined> {
  if (!TYPESCRIPT.has(path.extname(filepath))) return undefined;
  let content: string;
  try {
    content = fs.readFileSync(filepath, 'utf8');
  } catch {
    return undefined;
  }
  if (content.trim() === '') return undefined;
  let config: unknown;
  try {
    config = await load(filepath, content);
  } catch (err) {
    if (SKIPPED.has(String((err as NodeJS.ErrnoException | null)?.code))) return undefined;
    // As cosmiconfig does: the error names the file it came from.
    if (err && typeof err === 'object') (err as { filepath?: string }).filepath = filepath;
    throw err;
  }
  if (config === null || config === undefined || Object.hasOwn(Object(config), '$import')) return undefined;
  return { config, filepath };
}
