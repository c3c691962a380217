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
 * `concurrency` in flight, and returns latency percentiles and throughput.
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
