/**
 * Slack ack benchmark: `npm run bench:slack`.
 *
 * Starts the whole service in-process (embedded MongoDB on its worker thread) with the Slack
 * adapter pointed at a local stand-in for the Web API and response URLs, then sends signed
 * requests exactly as Slack does, 100 at a time:
 *   - `/request-session @mentor message` slash commands, each from a different mentee
 *   - *Enroll* clicks (block_actions) on one public session
 * and, in the same run, the same requests to a bare Bolt app (HTTPReceiver) whose listeners
 * only ack. Measured: ack latency (request sent -> HTTP response) p50/p99 and requests/s.
 * The work after each ack (identify, the use case, DMs to the stand-in) runs meanwhile, as
 * it would in production, and is drained between runs.
 *
 * Targets: p99 ack under 100 ms at 100 concurrent requests, and at least half the bare
 * app's requests/s. Exit code 1 on a FAIL.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp } from '@slack/bolt';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createAndPublishSession } from '../src/core/sessions/index.js';
import { installWorkspace } from '../src/core/workspaces/install.js';
import { createLogger } from '../src/logger.js';
import { type LoadResult, runLoad } from './support/load.js';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const CONCURRENCY = 100;
const REQUESTS = Number(process.env.BENCH_SLACK_REQUESTS ?? 2_000);
const WARMUP = 200;
const MENTORS = 20;
const P99_TARGET_MS = 100;
const MIN_RATIO = 0.5;

/** The Web API and response URLs, answered at once; counts what the service sent. */
async function standIn(): Promise<{
  server: Server;
  url: string;
  calls: () => number;
  quietFor: (ms: number) => Promise<void>;
}> {
  let calls = 0;
  let last = Date.now();
  const server = createServer((req, res) => {
    calls += 1;
    last = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const args = new URLSearchParams(Buffer.concat(chunks).toString());
      const body =
        method === 'users.info'
          ? {
              ok: true,
              user: {
                id: args.get('user'),
                name: args.get('user'),
                real_name: args.get('user'),
                tz: 'Europe/Berlin',
                profile: {},
              },
            }
          : method === 'conversations.open'
            ? { ok: true, channel: { id: `D${args.get('users')}` } }
            : { ok: true, ts: '1700000000.000100', view: { id: 'V1', hash: 'h' } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    quietFor: async (ms) => {
      while (Date.now() - last < ms) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

const sign = (body: string) => {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
};

function commandBody(i: number, responseBase: string): string {
  return new URLSearchParams({
    token: 'x',
    team_id: TEAM,
    team_domain: 'bench',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: `UB${i}`,
    user_name: `mentee${i}`,
    command: '/request-session',
    text: `<@UMENTOR${i % MENTORS}|mentor> Could we talk about careers?`,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: `${responseBase}/response/${i}`,
    trigger_id: `${i}.trigger`,
  }).toString();
}

function enrolBody(i: number, sessionId: string, responseBase: string): string {
  const payload = {
    type: 'block_actions',
    user: { id: `UE${i}`, username: `e${i}`, name: `e${i}`, team_id: TEAM },
    api_app_id: 'A1',
    token: 'x',
    container: { type: 'message', channel_id: `DUE${i}`, message_ts: `1700000000.${i}` },
    trigger_id: `${i}.trigger`,
    team: { id: TEAM, domain: 'bench' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: `DUE${i}`, name: 'directmessage' },
    message: { type: 'message', ts: `1700000000.${i}`, text: '' },
    actions: [
      {
        action_id: 'session.enrol',
        block_id: 'b',
        value: sessionId,
        type: 'button',
        action_ts: `1700000001.${i}`,
      },
    ],
    response_url: `${responseBase}/response/e${i}`,
    state: { values: {} },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Sends the signed bodies from a separate load-generator process. */
function load(url: string, bodies: string[]): Promise<LoadResult> {
  return runLoad(
    url,
    CONCURRENCY,
    bodies.map((body) => ({
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
    })),
  );
}

async function main(): Promise<void> {
  const api = await standIn();
  const loaded = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: `${api.url}/api/`,
    SLACK_MESSAGES_PER_SECOND: '100',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const service = await startApp(
    { ...loaded.config, PORT: 0, HOST: '127.0.0.1' },
    createLogger({ LOG_LEVEL: 'silent' }),
  );
  const core = service.core;

  // A workspace, mentors to ask, and one public session with room for every click.
  const identity = (userId: string) => ({
    platform: 'slack' as const,
    tenantId: TEAM,
    userId,
    displayName: userId,
    timeZone: 'Europe/Berlin',
  });
  const installed = await installWorkspace(core, {
    installer: identity('UMENTOR0'),
    workspaceName: 'bench',
  });
  if (!installed.ok) throw installed.error;
  for (let m = 0; m < MENTORS; m++) {
    const mentor = await core.people.upsertIdentity(identity(`UMENTOR${m}`), new Date());
    await core.people.addRole(mentor.id, 'mentor', new Date());
  }
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const session = await createAndPublishSession(core, {
    actor: { personId: `slack:${TEAM}:UMENTOR0` },
    input: {
      title: 'Bench session',
      start: { date: day, time: '10:00' },
      end: { date: day, time: '11:00' },
      seatLimit: 500,
    },
  });
  if (!session.ok) throw session.error;
  const sessionId = session.value.session.id;

  // The bare Bolt app: Bolt's own HTTPReceiver, listeners that only ack.
  const bare = new BoltApp({
    signingSecret: SECRET,
    authorize: async () => ({ botToken: 'xoxb-bench' }),
    logLevel: 'error' as never,
  });
  bare.command('/request-session', async ({ ack }) => ack());
  bare.action('session.enrol', async ({ ack }) => ack());
  const bareServer = (await bare.start(0)) as Server;
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;
  const ourUrl = `http://127.0.0.1:${service.port}/slack/events`;

  const commands = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => commandBody(from + i, api.url));
  const clicks = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => enrolBody(from + i, sessionId, api.url));

  const rows: { scenario: string; target: string; p50: number; p99: number; rps: number }[] = [];
  const run = async (scenario: string, bodies: (from: number, n: number) => string[]) => {
    await load(bareUrl, bodies(1_000_000, WARMUP));
    rows.push({
      scenario,
      target: 'bare Bolt (ack only)',
      ...(await load(bareUrl, bodies(2_000_000, REQUESTS))),
    });
    await load(ourUrl, bodies(3_000_000, WARMUP));
    await api.quietFor(500);
    rows.push({ scenario, target: 'mentorbot', ...(await load(ourUrl, bodies(0, REQUESTS))) });
    await api.quietFor(1_000);
  };
  await run('/request-session', commands);
  await run('Enroll click', clicks);

  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `\nSlack ack benchmark: ${REQUESTS} requests per run, ${CONCURRENCY} concurrent, after ${WARMUP} warm-up\n`,
  );
  console.log('| scenario | target | ack p50 ms | ack p99 ms | requests/s |');
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.scenario} | ${r.target} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.rps.toFixed(0)} |`,
    );
  let failed = false;
  console.log('');
  for (const scenario of ['/request-session', 'Enroll click']) {
    const ours = rows.find((r) => r.scenario === scenario && r.target === 'mentorbot');
    const base = rows.find((r) => r.scenario === scenario && r.target !== 'mentorbot');
    if (!ours || !base) continue;
    const ratio = ours.rps / base.rps;
    const ok = ours.p99 < P99_TARGET_MS && ratio >= MIN_RATIO;
    failed ||= !ok;
    console.log(
      `${scenario}: p99 ${fmt(ours.p99)} ms (target < ${P99_TARGET_MS}), throughput ratio ${ratio.toFixed(2)} of bare Bolt (target >= ${MIN_RATIO}): ${ok ? 'PASS' : 'FAIL'}`,
    );
  }
  console.log(`Web API calls served by the stand-in: ${api.calls()}`);

  await bare.stop();
  await service.stop();
  api.server.close();
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
