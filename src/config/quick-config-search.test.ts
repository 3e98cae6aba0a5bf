import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { TypeScriptLoader } from 'cosmiconfig-typescript-loader';
import { afterAll, describe, expect, it } from 'vitest';
import { quickConfigSearch } from './quick-config-search.js';
import { loadConfig } from './load-config.js';

const PLACES = ['package.json', 'igny8.config.ts', 'igny8.config.mts', 'igny8.config.json', '.igny8rc'];
const TS_CONFIG = `const config: { database: { url: string } } = { database: { url: 'sqlite:./x.db' } };\nexport default config;\n`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-quick-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function folder(files: Record<string, string>): string {
  const dir = path.join(tmp, String(n++));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** quickConfigSearch's answer for `dir`, with the process in `dir` (where meta configs are read). */
async function quick(dir: string) {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await quickConfigSearch({ cwd: dir, searchPlaces: PLACES, load: TypeScriptLoader() });
  } finally {
    process.chdir(before);
  }
}

/** Both answers, searched (or loaded) from `dir` with the process in `dir` (where meta configs are read). */
async function both(dir: string, file?: string) {
  const ts = TypeScriptLoader();
  const before = process.cwd();
  process.chdir(dir);
  try {
    const quick = await quickConfigSearch({ cwd: dir, file, searchPlaces: PLACES, load: ts });
    const ex = cosmiconfig('igny8', {
      searchPlaces: PLACES,
      searchStrategy: 'none',
      loaders: { '.ts': ts, '.mts': ts },
      cache: false,
    });
    const slow = file ? await ex.load(path.resolve(dir, file)) : await ex.search(dir);
    return { quick, slow };
  } finally {
    process.chdir(before);
  }
}

describe('quickConfigSearch answers as cosmiconfig does, or leaves the answer to it', () => {
  it('finds a TypeScript config in the folder, past a package.json without an "igny8" key', async () => {
    const dir = folder({ 'package.json': '{"name":"site"}', 'igny8.config.ts': TS_CONFIG });
    const { quick, slow } = await both(dir);
    expect(quick).toEqual({
      config: { database: { url: 'sqlite:./x.db' } },
      filepath: path.join(dir, 'igny8.config.ts'),
    });
    expect(quick).toEqual(slow);
  });

  it('answers null for a folder without a config, like cosmiconfig', async () => {
    const dir = folder({});
    const { quick, slow } = await both(dir);
    expect(quick).toBeNull();
    expect(slow).toBeNull();
  });

  it('loads an explicitly named TypeScript file', async () => {
    const dir = folder({ 'conf/other.mts': TS_CONFIG });
    const { quick, slow } = await both(dir, 'conf/other.mts');
    expect(quick?.filepath).toBe(path.join(dir, 'conf/other.mts'));
    expect(quick).toEqual(slow);
  });

  it.each([
    [
      'a package.json "igny8" key',
      { 'package.json': '{"igny8":{"database":{"url":"sqlite:./p.db"}}}', 'igny8.config.ts': TS_CONFIG },
    ],
    ['a cosmiconfig meta config', { '.config/config.json': '{}', 'igny8.config.ts': TS_CONFIG }],
    [
      'a "cosmiconfig" key in package.json',
      { 'package.json': '{"cosmiconfig":{}}', 'igny8.config.ts': TS_CONFIG },
    ],
    ['a package.json that is not JSON', { 'package.json': '{', 'igny8.config.ts': TS_CONFIG }],
    [
      'an empty TypeScript file',
      { 'igny8.config.ts': '  \n', '.igny8rc': '{"database":{"url":"sqlite:./r.db"}}' },
    ],
    ['a JSON config', { 'igny8.config.json': '{"database":{"url":"sqlite:./j.db"}}' }],
    ['$import', { 'igny8.config.ts': `export default { $import: './base.json' };\n`, 'base.json': '{}' }],
  ])('leaves %s to cosmiconfig', async (_what, files) => {
    expect(await quick(folder(files))).toBeUndefined();
  });

  it('a config that does not compile fails with the file named, as through cosmiconfig', async () => {
    const dir = folder({ 'igny8.config.ts': 'export default {{;\n' });
    const err: unknown = await quick(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({ filepath: path.join(dir, 'igny8.config.ts') });
    await expect(loadConfig({ cwd: dir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('loadConfig reads a JSON config through cosmiconfig and a TypeScript one without it, alike', async () => {
    const json = folder({ '.igny8rc.json': '{"database":{"url":"sqlite:./j.db"}}' });
    const ts = folder({ 'igny8.config.ts': TS_CONFIG });
    const a = await loadConfig({ cwd: json, env: {} });
    const b = await loadConfig({ cwd: ts, env: {} });
    expect(a.config.database.url).toBe('sqlite:./j.db');
    expect(a.filepath).toBe(path.join(json, '.igny8rc.json'));
    expect(b.config.database.url).toBe('sqlite:./x.db');
    expect(b.filepath).toBe(path.join(ts, 'igny8.config.ts'));
  });
});
