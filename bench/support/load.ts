import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  /** Requests per second over the whole run. */
  readonly rps: number;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Sends the requests from a separate process (bench/support/load-worker.ts) with
 * `concurrency` in flight, and returns latency percentiles and throughput (the first
 * `concurrency` requests open the connections and are not timed).
 */
export async function runLoad(
  url: string,
  concurrency: number,
  requests: Array<{ body: string; headers: Record<string, string> }>,
): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mentorbot-load-'));
  const file = path.join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify({ url, concurrency, requests }));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const worker = path.join(path.dirname(new URL(import.meta.url).pathname), 'load-worker.ts');
      const child = spawn(process.execPath, ['--import', 'tsx', worker, file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`load generator exited with ${code}`)),
      );
    });
    const { latencies, seconds } = JSON.parse(output) as { latencies: number[]; seconds: number };
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      rps: latencies.length / seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface StandIn {
  readonly url: string;
  /** Calls served so far. */
  calls(): Promise<number>;
  /** Resolves once no call has come for `ms`, with the time (epoch ms) of the last call. */
  quietFor(ms: number): Promise<number>;
  stop(): void;
}

/** Starts bench/support/stand-in.ts in its own process. */
export async function startStandIn(mode: 'slack' | 'teams'): Promise<StandIn> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'stand-in.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Never left behind, however the bench ends.
  process.once('exit', () => child.kill('SIGTERM'));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const stats = async () =>
    (await (await fetch(`${url}/__stats`)).json()) as {
      calls: number;
      last: number;
      quietMs: number;
    };
  return {
    url,
    calls: async () => (await stats()).calls,
    quietFor: async (ms) => {
      for (;;) {
        const now = await stats();
        if (now.quietMs >= ms) return now.last;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => child.kill('SIGTERM'),
  };
}

/**
 * Polls `count` until it reaches `expected` or `limitMs` have passed, and answers the last
 * count and the time it was read (epoch ms): how long the work after the answers took.
 */
export async function untilCounted(
  count: () => Promise<number>,
  expected: number,
  limitMs = 60_000,
): Promise<{ count: number; at: number }> {
  const since = Date.now();
  let now = await count();
  while (now < expected && Date.now() - since < limitMs) {
    await new Promise((r) => setTimeout(r, 100));
    now = await count();
  }
  return { count: now, at: Date.now() };
}
