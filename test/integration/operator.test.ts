import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/adapters/mongo/client.js';
import { RateLimitedError } from '../../src/adapters/notify/rate-limit.js';
import { createTeamsAdapter } from '../../src/adapters/teams/index.js';
import { type App, startApp } from '../../src/app.js';
import type { Notification } from '../../src/core/notifications.js';
import { AgendaScheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { useTestDatabase } from '../helpers/db.js';
import { teamsConfig } from './teams/harness.js';

/**
 * The operator's kit, as an operator meets it: /metrics (Prometheus text, optional bearer
 * token) whose figures move when traffic flows, and the jobs dashboard at /admin/jobs behind
 * basic auth.
 */

const TOKEN = 'metrics-token-0123456789';
const ADMIN = { user: 'ops', password: 'a-long-admin-password-0123' };

let app: App;
let url: string;

beforeAll(async () => {
  nock('https://smba.test').persist().post(/.*/).reply(200, { id: 'm-1' });
  const test = await useTestDatabase();
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  const config = teamsConfig({
    METRICS_TOKEN: TOKEN,
    ADMIN_USERNAME: ADMIN.user,
    ADMIN_PASSWORD: ADMIN.password,
  });
  app = await startApp(config, logger, {
    // The service's own client (command monitoring on), on the test database.
    connectDatabase: async () => {
      const database = await connectDatabase(
        { ...config, MONGODB_URI: test.uri, MONGODB_DB: test.db.databaseName },
        logger,
      );
      const close = async () => {
        await database.close();
        await test.close();
      };
      return { ...database, close };
    },
    adapters: [createTeamsAdapter],
  });
  url = `http://127.0.0.1:${app.port}`;
});

afterAll(async () => {
  await app?.stop();
  nock.cleanAll();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** The value of one sample, e.g. `value(text, 'x_total{a="b"}')`; 0 when absent. */
function value(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

/** The sum of every sample of `name` whose labels include all of `labels`. */
function sum(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (matches) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

const helpMessage = (id: string) => ({
  type: 'message',
  id,
  text: 'help',
  channelId: 'msteams',
  serviceUrl: 'https://smba.test/amer/',
  from: { id: '29:op', aadObjectId: 'op-user', name: 'Operator' },
  recipient: { id: '28:bot', name: 'mentorbot' },
  conversation: { id: 'a:op-chat', conversationType: 'personal', tenantId: 'op-tenant' },
  channelData: { tenant: { id: 'op-tenant' } },
});

describe('GET /metrics', () => {
  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('names every metric of the operator kit, and the process defaults', async () => {
    const text = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
      'mentorbot_http_request_duration_seconds',
      'mentorbot_interactions_total',
      'mentorbot_pending_work',
      'mentorbot_job_runs_total',
      'mentorbot_job_lag_seconds',
      'mentorbot_notifications_total',
      'mentorbot_rate_limited_total',
      'mentorbot_db_command_duration_seconds',
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  });

  it('moves when a Teams message is handled: requests, interactions and database commands', async () => {
    const before = await scrape();
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(helpMessage(`op-${Date.now()}`)),
    });
    expect(res.status).toBe(200);
    await expect
      .poll(async () => {
        const after = await scrape();
        return [
          sum(after, 'mentorbot_interactions_total', { platform: 'teams', kind: 'message' }) -
            sum(before, 'mentorbot_interactions_total', { platform: 'teams', kind: 'message' }),
          sum(after, 'mentorbot_http_request_duration_seconds_count', {
            route: '/api/messages',
            status: '200',
          }) -
            sum(before, 'mentorbot_http_request_duration_seconds_count', {
              route: '/api/messages',
              status: '200',
            }),
          sum(after, 'mentorbot_db_command_duration_seconds_count') >
            sum(before, 'mentorbot_db_command_duration_seconds_count'),
        ];
      })
      .toEqual([1, 1, true]);
    expect(value(before, 'mentorbot_pending_work')).toBeGreaterThanOrEqual(0);
  });

  it('counts a notification nobody can receive as skipped', async () => {
    const labels = { platform: 'teams', kind: 'requestReceived', outcome: 'skipped' };
    const before = sum(await scrape(), 'mentorbot_notifications_total', labels);
    await app.notifier.notify({
      kind: 'requestReceived',
      recipient: 'teams:op-tenant:never-wrote',
      workspaceId: 'teams:op-tenant',
      request: {},
    } as unknown as Notification);
    expect(sum(await scrape(), 'mentorbot_notifications_total', labels)).toBe(before + 1);
  });

  it('counts job runs and how late they started', async () => {
    const before = await scrape();
    // A session whose start is already past: its Live job is due at once, and runs late.
    const now = Date.now();
    await new AgendaScheduler(app.jobs.agenda).sessionScheduled(
      { id: 'no-such-session', startsAt: new Date(now - 2_000), endsAt: new Date(now + 3_600_000) },
      [],
    );
    await app.jobs.agenda.now('expire-requests', {});
    await expect
      .poll(
        async () => {
          const after = await scrape();
          return (
            sum(after, 'mentorbot_job_lag_seconds_count', { job: 'session-live' }) -
            sum(before, 'mentorbot_job_lag_seconds_count', { job: 'session-live' })
          );
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(1);
    const after = await scrape();
    expect(sum(after, 'mentorbot_job_lag_seconds_sum', { job: 'session-live' })).toBeGreaterThan(
      sum(before, 'mentorbot_job_lag_seconds_sum', { job: 'session-live' }) + 1.5,
    );
    expect(sum(after, 'mentorbot_job_runs_total', { job: 'session-live' })).toBeGreaterThan(
      sum(before, 'mentorbot_job_runs_total', { job: 'session-live' }),
    );
  });
});

describe('rate limits', () => {
  it('counts each 429 a platform answers with', async () => {
    const { CountingNotifier } = await import('../../src/adapters/notify/counting.js');
    const before = sum(await scrape(), 'mentorbot_rate_limited_total', { platform: 'slack' });
    const limited = new CountingNotifier('slack', {
      notify: async () => {
        throw new RateLimitedError(1_000);
      },
    });
    await expect(
      limited.notify({ kind: 'requestReceived' } as unknown as Notification),
    ).rejects.toBeInstanceOf(RateLimitedError);
    expect(sum(await scrape(), 'mentorbot_rate_limited_total', { platform: 'slack' })).toBe(
      before + 1,
    );
  });
});

describe('/admin/jobs (Agendash)', () => {
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('answers 401 without credentials or with wrong ones', async () => {
    const none = await fetch(`${url}/admin/jobs/`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${url}/admin/jobs/`, {
      headers: { authorization: basic(ADMIN.user, 'wrong-password') },
    });
    expect(wrong.status).toBe(401);
  });

  it('serves the dashboard and its job list to the admin', async () => {
    const auth = { authorization: basic(ADMIN.user, ADMIN.password) };
    const page = await fetch(`${url}/admin/jobs/`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${url}/admin/jobs/api`, { headers: auth });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { overview?: unknown };
    expect(body.overview).toBeDefined();
  });
});
