/**
 * A load generator in its own process, so that sending requests and timing them does not
 * share the event loop of the service being measured. Reads a plan (JSON file: url,
 * concurrency, requests), sends every request with `concurrency` in flight over keep-alive
 * connections, and prints the latencies (ms) and the wall time as JSON on stdout. The first
 * `concurrency` requests open the connections and are not timed.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

interface Plan {
  url: string;
  concurrency: number;
  requests: Array<{ body: string; headers: Record<string, string> }>;
}

const plan = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Plan;
const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });

function send(body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      plan.url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// One untimed request per connection first: opening 100 connections at once is not what
// is measured (Slack and Teams keep theirs open).
let next = Math.min(plan.concurrency, plan.requests.length);
await Promise.all(plan.requests.slice(0, next).map((item) => send(item.body, item.headers)));
const latencies: number[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: plan.concurrency }, async () => {
    while (next < plan.requests.length) {
      const item = plan.requests[next++] as Plan['requests'][number];
      latencies.push(await send(item.body, item.headers));
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(`${JSON.stringify({ latencies, seconds })}\n`);
