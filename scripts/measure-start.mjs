// `node scripts/measure-start.mjs [later starts, default 3]`: how long `npm start` takes to
// answer /readyz with 200, as someone who just cloned the repository sees it (dist/ removed,
// so the first start builds) and on later starts (dist/ current). Prints one line per start:
// wall time, CPU time of every process and thread it ran (from /proc: user + system, so the
// build's esbuild process counts too), and the load average, since the machine may be shared.
// Needs Linux (/proc) and `npm ci` done.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const later = Number(process.argv[2] ?? 3);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds of `pid` and every process below it, threads included. */
function cpuOfTree(pid) {
  const procs = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(name), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // the process ended while we looked
    }
  }
  let ticks = 0;
  const visit = (id) => {
    ticks += procs.get(id)?.ticks ?? 0;
    for (const [child, p] of procs) if (p.ppid === id) visit(child);
  };
  visit(pid);
  return ticks / TICKS_PER_SECOND;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function measure(label) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  let wall;
  while (wall === undefined) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) wall = (performance.now() - started) / 1000;
    } catch {
      // not listening yet
    }
    if (wall === undefined) await new Promise((r) => setTimeout(r, 20));
    if (performance.now() - started > 120_000) throw new Error(`${label}: not ready in 120 s`);
  }
  const cpu = cpuOfTree(child.pid);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  console.log(`${label}: ready in ${wall.toFixed(2)} s, CPU ${cpu.toFixed(2)} s, load ${load}`);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
await measure('first start (no dist/)');
for (let i = 1; i <= later; i++) await measure(`later start ${i}`);
