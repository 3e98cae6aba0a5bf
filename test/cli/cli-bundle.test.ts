import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../helpers/tiny-pdf.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the package (Node resolves the packages the bundle leaves out from here), not in dist/.
const outdir = path.join(root, '.test-results', `cli-bundle-${process.pid}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-bundle-'));
afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.IGNY8_DATABASE_URL;
delete env.IGNY8_ACCOUNT;
delete env.IGNY8_CONFIG;

/** Run the bundled CLI's main() with args, as bin/igny8.js does. */
function bundled(args: string[]) {
  const entry = pathToFileURL(path.join(outdir, 'main.js')).href;
  const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(['node', 'igny8', ...process.argv.slice(1)]);`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
    cwd: work,
    encoding: 'utf8',
    env,
  });
}

// `npm run build` writes this bundle and bin/igny8.js loads it first: the packaged CLI is this file.
describe('the bundled CLI (scripts/build-cli-bundle.mjs)', () => {
  it('builds a few chunks and runs a database command end to end', { timeout: 300_000 }, () => {
    const build = spawnSync(process.execPath, ['scripts/build-cli-bundle.mjs', '--outdir', outdir], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('main.js');
    // Kysely and zod are inlined: a command loads tens of files, not the ~830 of the per-file build.
    expect(files.length).toBeLessThan(100);

    const help = bundled(['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: igny8/);

    expect(bundled(['init', '--yes']).status).toBe(0);
    const file = path.join(root, 'examples/semrush-coffee.csv');
    const imp = bundled(['keywords', 'import', file, '--json']);
    expect(imp.status, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ format: 'semrush', imported: 80 });
    const list = bundled(['keywords', 'list', '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/best milk frother/);

    // The knowledge base parses a PDF in a worker started from beside the bundled code.
    fs.writeFileSync(
      path.join(work, 'brew.pdf'),
      tinyPdf(['Cold brew steeps for twelve hours in the fridge.']),
    );
    const kb = bundled(['kb', 'add', 'brew.pdf', '--json']);
    expect(kb.status, kb.stderr).toBe(0);
    expect(bundled(['kb', 'search', 'steeps', '--json']).stdout).toMatch(/twelve hours/);

    // A keyword file over 2 MB is parsed in a worker started from beside the bundled code too.
    expect(files).toContain('keyword-rows-worker.js');
    const lines = ['Keyword,Volume,KD,CPC'];
    for (let i = 0; i < 60_000; i++) lines.push(`espresso grinder model ${i} review,${i},${i % 101},1.25`);
    lines.push('espresso grinder model 7 review,1,1,1');
    fs.writeFileSync(path.join(work, 'big.csv'), `${lines.join('\n')}\n`);
    expect(fs.statSync(path.join(work, 'big.csv')).size).toBeGreaterThan(2 * 1024 * 1024);
    const big = bundled(['keywords', 'import', 'big.csv', '--json']);
    expect(big.status, big.stderr).toBe(0);
    expect(JSON.parse(big.stdout)).toMatchObject({ format: 'csv', imported: 60_000, duplicatesInFile: 1 });

    const unknown = bundled(['nonsense']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'nonsense'/);
  });
});
