import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Absolute, so the child finds tsx whatever its cwd is.
const TSX = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the igny8 CLI in a child process without a TTY. Uses the built CLI when IGNY8_TEST_BUILT=1
 * (scripts/test.mjs builds first), otherwise runs the TypeScript source through tsx.
 */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const built = process.env.IGNY8_TEST_BUILT === '1';
  const argv = built
    ? [path.join(root, 'bin/igny8.js'), ...args]
    : ['--import', TSX, path.join(root, 'cli/run.ts'), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: opts.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Start the CLI without waiting (for tests that kill it); stdout/stderr are collected on the child. */
export function spawnCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined> } = {},
): ChildProcess & { output: { stdout: string; stderr: string } } {
  const built = process.env.IGNY8_TEST_BUILT === '1';
  const argv = built
    ? [path.join(root, 'bin/igny8.js'), ...args]
    : ['--import', TSX, path.join(root, 'cli/run.ts'), ...args];
  const child = spawn(process.execPath, argv, {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: { stdout: string; stderr: string } };
  child.output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (child.output.stdout += d));
  child.stderr!.on('data', (d) => (child.output.stderr += d));
  return child;
}
