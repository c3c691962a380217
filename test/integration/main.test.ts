import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Runs the real entry point as a child process, the way `npm run dev` and the container do,
 * with a clean environment so nothing from the developer's shell leaks in.
 */

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The schema refuses PORT=0, so ask the OS for a free port and hand it over. */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForStatus(url: string, status: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.text();
      if (res.status === status) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${withinMs} ms (last: ${last})`);
}

describe('main.ts', () => {
  it('exits 1 with one stderr line per configuration problem', async () => {
    const run = runMain({ NODE_ENV: 'production', PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trimEnd().split('\n')).toEqual([
      'config: PORT must be an integer between 1 and 65535 (got "abc")',
      'config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'config: MONGODB_URI is required when NODE_ENV=production',
    ]);
    expect(run.stdout()).toBe('');
  });

  it('exits 1 with its own message when Slack has a signing secret but no token', {
    timeout: 30_000,
  }, async () => {
    const run = runMain({ PORT: String(await freePort()), SLACK_SIGNING_SECRET: 'sign' });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(
      'config: SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set',
    );
    expect(run.stdout() + run.stderr()).not.toMatch(/MongoClientClosedError|unhandled/i);
  });

  it('exits 1 and logs why when the database cannot be reached', async () => {
    const deadPort = await freePort();
    const run = runMain({
      PORT: String(await freePort()),
      MONGODB_URI: `mongodb://app:s3cret@127.0.0.1:${deadPort}/`,
    });
    expect(await run.exited).toBe(1);
    expect(run.stdout()).toContain('"msg":"startup failed"');
    expect(run.stdout()).not.toContain('s3cret');
  });

  // END-TO-END: needs the embedded MongoDB server (packages/embedded-mongo), because with no
  // MONGODB_URI the process starts it. Fails until that server accepts driver connections.
  it('serves /healthz and /readyz on the embedded database and exits 0 on SIGTERM', {
    timeout: 70_000,
  }, async () => {
    const port = await freePort();
    const run = runMain({ PORT: String(port), DEMO: 'off' });
    const base = `http://127.0.0.1:${port}`;
    try {
      // Starting means compiling the TypeScript sources (tsx) while other test files run
      // beside it: on a 2-core machine shared with other suites that has taken 25 s.
      await waitForStatus(`${base}/healthz`, 200, 50_000);
      await waitForStatus(`${base}/readyz`, 200, 5_000);
    } catch (err) {
      throw new Error(`${err}\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
    }

    // The log line is written after the server listens, so /healthz can answer first: the
    // line is waited for (on a loaded machine it came after the first read of stdout).
    const linesNow = () =>
      run
        .stdout()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string });
    await expect.poll(() => linesNow().map((l) => l.msg)).toContain('listening');
    const lines = linesNow();
    expect(lines.some((l) => /embedded in-memory MongoDB.*not for production/.test(l.msg))).toBe(
      true,
    );

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('"msg":"stopped"');
  });
});
