/**
 * A load generator in its own process, so that sending requests and timing them does not
 * share the event loop of the service being measured. Reads a plan (JSON file: url,
 * concurrency, requests, optionally a rate), sends every request over keep-alive
 * connections, and prints as JSON on stdout the latencies (ms), the wall time, and when
 * (epoch ms) each request with a `key` was sent. The first `concurrency` requests open the
 * connections and are not timed.
 *
 * Without a rate, `concurrency` requests are in flight at all times (a burst); with one, a
 * request starts every 1/rate seconds whatever the answers do (sustained load, open loop).
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

interface Plan {
  url: string;
  concurrency: number;
  rate?: number;
  requests: Array<{ body: string; headers: Record<string, string>; key?: string }>;
}

const plan = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Plan;
const agent = new Agent({
  keepAlive: true,
  maxSockets: plan.rate ? Number.POSITIVE_INFINITY : plan.concurrency,
});
const sent: Record<string, number> = {};
const epoch = () => performance.timeOrigin + performance.now();

function send(item: Plan['requests'][number]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    if (item.key) sent[item.key] = epoch();
    const req = request(
      plan.url,
      {
        method: 'POST',
        agent,
        headers: { ...item.headers, 'content-length': String(Buffer.byteLength(item.body)) },
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
    req.end(item.body);
  });
}

// One untimed request per connection first: opening 100 connections at once is not what
// is measured (Slack and Teams keep theirs open).
let next = Math.min(plan.concurrency, plan.requests.length);
await Promise.all(plan.requests.slice(0, next).map(send));
const latencies: number[] = [];
const started = performance.now();
if (plan.rate) {
  const every = 1000 / plan.rate;
  const inFlight: Promise<void>[] = [];
  for (let n = 0; next < plan.requests.length; n++) {
    const item = plan.requests[next++] as Plan['requests'][number];
    const wait = started + n * every - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(item).then((ms) => void latencies.push(ms)));
  }
  await Promise.all(inFlight);
} else {
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (next < plan.requests.length) {
        const item = plan.requests[next++] as Plan['requests'][number];
        latencies.push(await send(item));
      }
    }),
  );
}
const seconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(`${JSON.stringify({ latencies, seconds, sent })}\n`);
