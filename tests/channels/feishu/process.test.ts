/**
 * The Feishu channel in a process of its own: once stop() has resolved and the caller has closed
 * what it opened, nothing of the channel (a timer, a socket) may keep the process alive.
 * bin/perf-target.js only sets process.exitCode, so a lingering handle delays the exit after SIGTERM.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stop-child.ts');

it('after stop() with a turn in flight, the process exits at once (no 30 s stop timer left behind)', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let closedAt: number | undefined;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (closedAt === undefined && out.includes('closed')) closedAt = Date.now();
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('exit', (c) => {
      clearTimeout(guard);
      resolve(c);
    });
  });
  expect(out).toContain('closed 1'); // the turn in flight was answered before stop() resolved
  expect(code).toBe(0);
  expect(Date.now() - closedAt!).toBeLessThan(3_000);
});
