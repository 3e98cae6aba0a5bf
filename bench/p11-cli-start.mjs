#!/usr/bin/env node
// P11: start of a database command. `igny8 keywords list` on a small workspace (made by `igny8 init`,
// 200 keywords) against `igny8 --help` and a bare `node -e ""`, all measured in this run: wall time
// and the child's own CPU time (user + system, printed by an --import hook at exit), median of
// BENCH_RUNS (15) after two warm-ups. Target: keywords list ≤ 250 ms, --help ≤ 120 ms.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round, root } from './lib/bench-helpers.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const bin = path.join(root, 'bin/igny8.js');
const cpuHook = `data:text/javascript,${encodeURIComponent(
  "process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\n@@cpu '+(c.user+c.system)/1000+'\\n')})",
)}`;

function time(args, cwd) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', cpuHook, ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i < 2) continue;
    wall.push(ms);
    cpu.push(Number(/@@cpu ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN));
  }
  const med = (a) => round([...a].sort((x, y) => x - y)[Math.floor(a.length / 2)], 1);
  return { wall_median_ms: med(wall), cpu_median_ms: med(cpu) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-p11-'));
try {
  const init = spawnSync(process.execPath, [bin, 'init', '--yes'], { cwd: dir, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  const file = path.join(dir, 'kw.txt');
  fs.writeFileSync(file, Array.from({ length: 200 }, (_, i) => `coffee grinder ${i}`).join('\n'));
  const imp = spawnSync(process.execPath, [bin, 'keywords', 'import', file], { cwd: dir, encoding: 'utf8' });
  const baseline = time(['-e', ''], dir);
  const help = time([bin, '--help'], dir);
  const list = time([bin, 'keywords', 'list'], dir);
  console.log(
    JSON.stringify(
      {
        id: 'P11',
        what: '`igny8 keywords list` on a small workspace (200 keywords), and `igny8 --help`',
        runs,
        import_ok: imp.status === 0,
        baseline_node_empty: baseline,
        igny8_help: help,
        keywords_list: list,
        list_cpu_ratio_vs_node_empty: round(list.cpu_median_ms / baseline.cpu_median_ms),
        list_minus_node_empty_wall_ms: round(list.wall_median_ms - baseline.wall_median_ms, 1),
        target_ms: { keywords_list: 250, help: 120 },
        met: list.wall_median_ms <= 250 && help.wall_median_ms <= 120,
      },
      null,
      2,
    ),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
