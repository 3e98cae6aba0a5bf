import path from 'node:path';
import type * as Cosmiconfig from 'cosmiconfig';
import type { CosmiconfigResult } from 'cosmiconfig';
import type * as CosmiconfigTsLoader from 'cosmiconfig-typescript-loader';
import { Igny8Error } from '../errors/index.js';
import { applyEnvOverrides } from './env-overrides.js';
import type { Igny8Config } from './config.schema.js';
import { parseConfig } from './validate-config.js';
import { quickConfigSearch } from './quick-config-search.js';
import { lazyRequire } from '../util/lazy-require.js';

export interface LoadedConfig {
  config: Igny8Config;
  /** Absolute path of the file read, or undefined when running on defaults + environment. */
  filepath: string | undefined;
  /** Folder relative paths in the config resolve against. */
  baseDir: string;
}

export interface LoadConfigOptions {
  cwd?: string;
  /** Explicit file (from --config); a missing file is an error. */
  file?: string;
  env?: NodeJS.ProcessEnv;
}

const SEARCH_PLACES = [
  'package.json',
  'igny8.config.ts',
  'igny8.config.mts',
  'igny8.config.js',
  'igny8.config.mjs',
  'igny8.config.json',
  'igny8.config.yaml',
  'igny8.config.yml',
  '.igny8rc',
  '.igny8rc.json',
];

/**
 * Loaded on first use: the TypeScript loader pulls in jiti, which `igny8 --help` should not pay for.
 * Through require, the packages' CommonJS builds (same code): importing jiti's 160 KB CommonJS file
 * from an ES module makes Node scan it for exports first, 60 vs 24 ms of CPU per command (P11).
 */
const typescriptLoader = lazyRequire<typeof CosmiconfigTsLoader>('cosmiconfig-typescript-loader');
/** Loaded only when quickConfigSearch cannot answer alone (a meta config, YAML, JSON, JavaScript …). */
const cosmiconfigModule = lazyRequire<typeof Cosmiconfig>('cosmiconfig');

type Loader = (filepath: string, content: string) => Promise<unknown>;

/** A TypeScript loader (jiti) made on its first call: a JSON or YAML config never loads jiti. */
function lazyTypeScriptLoader(): Loader {
  let ts: Loader | undefined;
  return (filepath, content) => (ts ??= typescriptLoader().TypeScriptLoader())(filepath, content);
}

function explorer(loadTs: Loader) {
  return cosmiconfigModule().cosmiconfig('igny8', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    loaders: { '.ts': loadTs, '.mts': loadTs },
  });
}

/** Phase 1 + 2: find and read the config (cosmiconfig), apply the environment, validate. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const file = options.file ?? env.IGNY8_CONFIG;
  let result: CosmiconfigResult;
  const loadTs = lazyTypeScriptLoader();
  try {
    const quick = await quickConfigSearch({ cwd, file, searchPlaces: SEARCH_PLACES, load: loadTs });
    if (quick !== undefined) result = quick;
    else {
      const ex = explorer(loadTs);
      result = file ? await ex.load(path.resolve(cwd, file)) : await ex.search(cwd);
    }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (file && /ENOENT/.test(reason)) {
      throw new Igny8Error('CONFIG_NOT_FOUND', `Config file not found: ${file}`, {
        hint: 'Check the --config path, or run `igny8 init` to create one.',
      });
    }
    throw new Igny8Error('CONFIG_INVALID', `Could not read the config file: ${reason}`, {
      hint: 'Fix the syntax error it names (igny8.config.example.ts shows a valid file).',
      cause,
    });
  }
  const raw = (result?.config ?? {}) as Record<string, unknown>;
  const withDefaultExport = (raw.default && typeof raw.default === 'object' ? raw.default : raw) as Record<
    string,
    unknown
  >;
  const source = result?.filepath ? path.relative(cwd, result.filepath) || result.filepath : 'configuration';
  const config = parseConfig(applyEnvOverrides(withDefaultExport, env), source);
  const baseDir = result?.filepath ? path.dirname(result.filepath) : cwd;
  return { config, filepath: result?.filepath, baseDir };
}
