import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { freePort } from '../helpers/free-port.js';
import { runCli } from '../helpers/run-cli.js';
import { DIALECTS } from '../helpers/test-db.js';

// docs/self-hosting.md, followed literally: its SQL creates the role and the database, its `export`
// lines are the environment, its `igny8` lines run in order (servers and workers as long-lived
// processes, each in a folder of its own, as on separate machines). The second server starts the
// way the Dockerfile starts the image, the second worker the way compose.yaml starts workers.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const DOC = fs.readFileSync(path.join(root, 'docs/self-hosting.md'), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The fenced blocks of one section (from its heading to the next `## `). */
function blocks(section: string, lang: string): string[] {
  const start = DOC.indexOf(`## ${section}`);
  expect(start, `section "${section}" in docs/self-hosting.md`).toBeGreaterThan(-1);
  const end = DOC.indexOf('\n## ', start + 3);
  const text = DOC.slice(start, end === -1 ? undefined : end);
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

interface Proc {
  name: string;
  child: ChildProcess;
  out: () => string;
}

describe.runIf(DIALECTS.includes('postgres'))('docs/self-hosting.md, followed literally', () => {
  const procs: Proc[] = [];
  const dirs: string[] = [];
  const name = `igny8_doc_${randomBytes(4).toString('hex')}`;
  const admin = process.env.IGNY8_TEST_PG_URL!;
  const psql = (sqlText: string, url = admin) =>
    execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sqlText], { encoding: 'utf8' });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await sleep(300);
    try {
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      psql(`DROP ROLE IF EXISTS ${name}`);
    } catch {
      // best effort
    }
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it(
    'brings up two servers and two workers on a fresh database; tokens and images work on both servers',
    { timeout: 600_000 },
    async () => {
      // 1. The database and its role, exactly as the guide's SQL says (names made unique).
      const [ddl] = blocks('1. Create the database', 'sql');
      const password = `pw-${randomBytes(6).toString('hex')}`;
      for (const stmt of ddl!
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join('\n')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)) {
        psql(stmt.replace(/\bigny8\b/g, name).replace("'change-me'", `'${password}'`));
      }

      // 2. The environment: the guide's export lines, pointed at the test server.
      const env: Record<string, string> = {};
      const section = '3. Bring up server and workers';
      const bash = blocks(section, 'bash');
      const u = new URL(admin);
      for (const line of bash.join('\n').split('\n')) {
        const m = /^export (\w+)=(.*)$/.exec(line.trim());
        if (!m) continue;
        let value = m[2]!;
        if (m[1] === 'IGNY8_DATABASE_URL') {
          const db = new URL(value);
          db.hostname = u.hostname;
          db.port = u.port;
          db.username = name;
          db.password = password;
          db.pathname = `/${name}`;
          value = db.toString();
        } else value = execFileSync('bash', ['-c', `printf %s ${value}`], { encoding: 'utf8' });
        env[m[1]!] = value;
      }
      expect(Object.keys(env).sort()).toEqual(['IGNY8_DATABASE_URL', 'IGNY8_JWT_SECRET', 'IGNY8_MASTER_KEY']);
      expect(env.IGNY8_MASTER_KEY).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      const baseEnv = {
        ...env,
        IGNY8_ACCOUNT: undefined,
        OPENAI_API_KEY: undefined,
        ANTHROPIC_API_KEY: undefined,
      };

      const machine = (label: string) => {
        const d = fs.mkdtempSync(path.join(os.tmpdir(), `igny8-${label}-`));
        dirs.push(d);
        return d;
      };
      const start = (label: string, args: string[], cwd: string, extra: Record<string, string> = {}) => {
        const child = spawn(process.execPath, ['--import', TSX, path.join(root, 'cli/run.ts'), ...args], {
          cwd,
          env: { ...process.env, NO_COLOR: '1', ...baseEnv, ...extra } as NodeJS.ProcessEnv,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout!.on('data', (d) => (out += d));
        child.stderr!.on('data', (d) => (out += d));
        const p = { name: label, child, out: () => out };
        procs.push(p);
        return p;
      };
      const waitOk = async (url: string, p: Proc, ms = 90_000) => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          if (p.child.exitCode !== null) throw new Error(`${p.name} exited: ${p.out()}`);
          const r = await fetch(url).catch(() => null);
          if (r?.ok) return (await r.json()) as Record<string, unknown>;
          await sleep(300);
        }
        throw new Error(`${url} not ready: ${p.out()}`);
      };

      // 3. The guide's igny8 commands, in order.
      const commands = bash
        .join('\n')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('igny8 '))
        .map((l) => l.split(/\s+/).slice(1));
      const admin1 = machine('admin');
      fs.writeFileSync(
        path.join(admin1, 'keywords.txt'),
        'espresso machine\nbest espresso machine\ncold brew ratio\n',
      );
      const servers: string[] = [];
      const workerHealth: string[] = [];
      let ownerPassword = '';
      for (const args of commands) {
        if (args[0] === 'serve') {
          const port = await freePort();
          const withPort = args.map((a, i) => (args[i - 1] === '--port' ? String(port) : a));
          const p = start('server-1', withPort, machine('server-1'));
          servers.push(`http://127.0.0.1:${port}`);
          await waitOk(`${servers[0]}/readyz`, p);
        } else if (args[0] === 'worker') {
          const port = await freePort();
          const withPort = args.map((a, i) => (args[i - 1] === '--health-port' ? String(port) : a));
          const p = start(`worker-${workerHealth.length + 1}`, withPort, machine('worker'));
          workerHealth.push(`http://127.0.0.1:${port}`);
          expect(await waitOk(`http://127.0.0.1:${port}/readyz`, p)).toEqual({ status: 'ready' });
        } else {
          const r = await runCli([...args, ...(args[0] === 'init' ? ['--json'] : [])], {
            cwd: admin1,
            env: baseEnv,
            timeoutMs: 180_000,
          });
          expect(r.code, `igny8 ${args.join(' ')}: ${r.stderr}`).toBe(0);
          if (args[0] === 'init') ownerPassword = (JSON.parse(r.stdout) as { password: string }).password;
        }
      }
      expect(servers).toHaveLength(1);
      expect(workerHealth).toHaveLength(2);
      expect(ownerPassword).not.toBe('');

      // 4. A second server started as the image starts it (Dockerfile ENV + ENTRYPOINT/CMD), and a
      //    third worker as compose.yaml starts workers, each in its own folder.
      const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
      const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
      const imageEnv: Record<string, string> = {};
      for (const m of finalStage.matchAll(/(\w+)=(\S+)/g))
        if (/^IGNY8_|^NODE_ENV$/.test(m[1]!)) imageEnv[m[1]!] = m[2]!;
      const entry = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(finalStage)![1]!) as string[];
      const cmd = JSON.parse(/^CMD (.*)$/m.exec(finalStage)![1]!) as string[];
      expect(entry).toEqual(['node', 'bin/igny8.js']);
      expect(imageEnv.IGNY8_HOST).toBe('0.0.0.0');
      const port2 = await freePort();
      const server2 = start('server-2 (image)', cmd, machine('server-2'), {
        ...imageEnv,
        IGNY8_PORT: String(port2),
        IGNY8_MEDIA_DIR: path.join(machine('server-2-media'), 'media'),
      });
      servers.push(`http://127.0.0.1:${port2}`);
      await waitOk(`${servers[1]}/readyz`, server2);
      const compose = parseYaml(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8')) as {
        services: Record<string, { command: string[] }>;
      };
      const wargs = compose.services.worker!.command.map((a, i, all) =>
        all[i - 1] === '--health-port' ? '0' : a,
      );
      expect(wargs[0]).toBe('worker');
      start('worker-3 (compose)', wargs, machine('worker-3'));

      for (const base of servers)
        expect(await waitOk(`${base}/healthz`, procs[0]!)).toEqual({ status: 'ok' });

      // 5. A token from one server works on the other (one shared JWT secret, no local key files).
      const login = await fetch(`${servers[0]}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.com', password: ownerPassword }),
      });
      expect(login.status).toBe(200);
      const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
      for (const base of servers) {
        const me = await fetch(`${base}/api/v1/images`, { headers: { authorization: `Bearer ${token}` } });
        expect(me.status, base).toBe(200);
      }
      for (const dir of dirs) expect(fs.existsSync(path.join(dir, '.igny8'))).toBe(false);

      // 6. The workers finish the run; every image they made is served, byte for byte, by both servers.
      const runsOf = async () => {
        const r = await runCli(['runs', 'list', '--json'], { cwd: admin1, env: baseEnv });
        return (
          JSON.parse(r.stdout) as { items: Array<{ id: string; status: string; startedAt: string | null }> }
        ).items;
      };
      let runs = await runsOf();
      const until = Date.now() + 300_000;
      while (Date.now() < until && !runs.every((r) => r.status === 'completed')) {
        await sleep(2_000);
        runs = await runsOf();
      }
      expect(runs.map((r) => r.status)).toEqual(['completed']);
      expect(runs[0]!.startedAt).toMatch(/^\d{4}-/);
      const list = await fetch(`${servers[1]}/api/v1/images?limit=50`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const images = (
        (await list.json()) as { data: { results: Array<{ id: string; status: string }> } }
      ).data.results.filter((i) => i.status === 'done');
      expect(images.length).toBeGreaterThan(0);
      for (const img of images) {
        const bodies: Buffer[] = [];
        for (const base of servers) {
          const r = await fetch(`${base}/api/v1/images/${img.id}/file`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(r.status, `${base} image ${img.id}`).toBe(200);
          expect(r.headers.get('content-type')).toMatch(/^image\//);
          bodies.push(Buffer.from(await r.arrayBuffer()));
        }
        expect(bodies[0]!.equals(bodies[1]!)).toBe(true);
      }
    },
  );
});
