import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  /** Requests per second over the whole run. */
  readonly rps: number;
  /** When (epoch ms) each request with a key was sent. */
  readonly sent: Readonly<Record<string, number>>;
}

/** A request the load generator sends; `key` names the outcome it waits for (outcomeLatency). */
export interface LoadRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly key?: string;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Sends the requests from a separate process (bench/support/load-worker.ts) with
 * `concurrency` in flight, or at `rate` per second whatever the answers do, and returns
 * latency percentiles and throughput (the first `concurrency` requests open the
 * connections and are not timed).
 */
export async function runLoad(
  url: string,
  concurrency: number,
  requests: readonly LoadRequest[],
  options: { rate?: number } = {},
): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mentorbot-load-'));
  const file = path.join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify({ url, concurrency, requests, ...options }));
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
    const { latencies, seconds, sent } = JSON.parse(output) as {
      latencies: number[];
      seconds: number;
      sent: Record<string, number>;
    };
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      rps: latencies.length / seconds,
      sent,
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
  /**
   * When (epoch ms) the first call showing each outcome arrived, by outcome key (see
   * stand-in.ts), since the last time this was asked.
   */
  outcomes(): Promise<Record<string, number>>;
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
    outcomes: async () =>
      (await (await fetch(`${url}/__outcomes`)).json()) as Record<string, number>,
    stop: () => child.kill('SIGTERM'),
  };
}

/**
 * Outcome latency: from a request's sending to the arrival of the call that shows its
 * outcome to the person, p50 and p99 over the requests whose outcome came (`missing`: none).
 */
export function outcomeLatency(
  sent: Readonly<Record<string, number>>,
  arrived: Readonly<Record<string, number>>,
): { p50: number; p99: number; missing: number } {
  const latencies: number[] = [];
  let missing = 0;
  for (const [key, at] of Object.entries(sent)) {
    const outcome = arrived[key];
    if (outcome === undefined) missing += 1;
    else latencies.push(outcome - at);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), missing };
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
