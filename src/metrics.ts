import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MongoClient } from 'mongodb';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { afterAck } from './adapters/after-ack.js';
import { timingSafeEqualText } from './http-auth.js';

/**
 * Prometheus metrics (`GET /metrics`). One registry for the process, like the process it
 * describes: the adapters, jobs and database client count into it wherever they run, and
 * `ops/grafana/mentorbot.json` charts these names.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpDuration = new Histogram({
  name: 'mentorbot_http_request_duration_seconds',
  help: 'HTTP requests by route (the mount prefix or probe path), method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const interactions = new Counter({
  name: 'mentorbot_interactions_total',
  help: 'Slack requests and Teams activities handled, by kind and outcome (ok or failed).',
  labelNames: ['platform', 'kind', 'outcome'] as const,
  registers: [registry],
});

new Gauge({
  name: 'mentorbot_pending_work',
  help: 'Interactions answered (Slack ack, Teams 200) whose work has not started yet.',
  registers: [registry],
  collect() {
    this.set(afterAck.pending);
  },
});

export const jobRuns = new Counter({
  name: 'mentorbot_job_runs_total',
  help: 'Scheduled jobs run, by job name and outcome (ok or failed).',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

export const jobLag = new Histogram({
  name: 'mentorbot_job_lag_seconds',
  help: 'How late a job started against the time it was scheduled for.',
  labelNames: ['job'] as const,
  buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});

export const notifications = new Counter({
  name: 'mentorbot_notifications_total',
  help: 'Notifications (DMs) by platform, kind and outcome: sent, skipped (nobody to send to) or failed.',
  labelNames: ['platform', 'kind', 'outcome'] as const,
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'mentorbot_rate_limited_total',
  help: 'Platform answers asking us to slow down (HTTP 429), by platform.',
  labelNames: ['platform'] as const,
  registers: [registry],
});

export const dbCommandDuration = new Histogram({
  name: 'mentorbot_db_command_duration_seconds',
  help: 'MongoDB commands as the driver timed them, by command name.',
  labelNames: ['command'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [registry],
});

/** Counts one interaction around the work that handles it; a failure is counted and rethrown. */
export async function countInteraction(
  platform: 'slack' | 'teams',
  kind: string,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
    interactions.inc({ platform, kind, outcome: 'ok' });
  } catch (err) {
    interactions.inc({ platform, kind, outcome: 'failed' });
    throw err;
  }
}

/** Times every command of the client (it must be created with `monitorCommands: true`). */
export function observeDatabase(client: MongoClient): void {
  const observe = (event: { commandName: string; duration: number }) =>
    dbCommandDuration.observe({ command: event.commandName }, event.duration / 1000);
  client.on('commandSucceeded', observe);
  client.on('commandFailed', observe);
}

/** `GET /metrics`, behind `Authorization: Bearer METRICS_TOKEN` when a token is set. */
export function metricsRoute(token: string | undefined) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (token) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!timingSafeEqualText(given, token)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end();
        return;
      }
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
