/**
 * Slack ack benchmark: `npm run bench:slack`.
 *
 * Starts the whole service in-process (embedded MongoDB on its worker thread) with the Slack
 * adapter pointed at a local stand-in for the Web API and response URLs (its own process,
 * bench/support/stand-in.ts), then sends signed
 * requests exactly as Slack does, 100 at a time:
 *   - `/request-session @mentor message` slash commands, each from a different mentee
 *   - *Enroll* clicks (block_actions) on one public session
 * and, in the same run, the same requests to a bare Bolt app (HTTPReceiver) whose listeners
 * only ack. Measured: ack latency (request sent -> HTTP response) p50/p99 and requests/s.
 * The work after each ack (identify, the use case, DMs to the stand-in) runs meanwhile, as
 * it would in production, and is drained between runs.
 *
 * Each runs on two services side by side, without the durable inbox (acks from memory only,
 * as before issue 12) and with it (every request recorded in MongoDB before its ack, as the
 * service runs), and the run prints how much the record adds to the ack p99 (target: at
 * most ~10%).
 *
 * Targets: p99 ack under 100 ms at 100 concurrent requests, and at least half the bare
 * app's requests/s. Exit code 1 on a FAIL.
 */
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp } from '@slack/bolt';
import { afterAck } from '../src/adapters/after-ack.js';
import { connectDatabase } from '../src/adapters/mongo/client.js';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createAndPublishSession } from '../src/core/sessions/index.js';
import { installWorkspace } from '../src/core/workspaces/install.js';
import { createLogger } from '../src/logger.js';
import { coreOf } from '../test/helpers/app.js';
import { type LoadResult, runLoad, startStandIn, untilCounted } from './support/load.js';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const CONCURRENCY = 100;
const REQUESTS = Number(process.env.BENCH_SLACK_REQUESTS ?? 2_000);
const WARMUP = 200;
const MENTORS = 20;
const SESSIONS = Math.ceil((REQUESTS + 2 * WARMUP) / 450);
const P99_TARGET_MS = 100;
const MIN_RATIO = 0.5;

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
  const api = await startStandIn('slack');
  const loaded = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: `${api.url}/api/`,
    SLACK_MESSAGES_PER_SECOND: '100',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  /** The service, with or without the inbox, on a database of its own, seeded alike. */
  const ourService = async (inbox: boolean) => {
    const service = await startApp(
      { ...loaded.config, PORT: 0, HOST: '127.0.0.1' },
      createLogger({ LOG_LEVEL: 'silent' }),
      { connectDatabase, ...(inbox ? {} : { inbox: false as const }) },
    );
    const core = await coreOf(service, loaded.config);

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
    // Sessions to enrol in: every click takes a seat, SESSIONS sessions in turn (a session
    // has at most 500 seats).
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const sessionIds: string[] = [];
    for (let n = 0; n < SESSIONS; n++) {
      const session = await createAndPublishSession(core, {
        actor: { personId: `slack:${TEAM}:UMENTOR0` },
        input: {
          title: `Bench session ${n + 1}`,
          start: { date: day, time: '10:00' },
          end: { date: day, time: '11:00' },
          seatLimit: 500,
          // No BigBlueButton server here: the sessions meet on Google Meet.
          meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
        },
      });
      if (!session.ok) throw session.error;
      sessionIds.push(session.value.session.id);
    }

    // What the work after the acks left behind, counted in the database.
    const requestsMade = async () => {
      let n = 0;
      for (let m = 0; m < MENTORS; m++)
        n += (
          await core.requests.find({
            workspaceId: `slack:${TEAM}`,
            mentorId: `slack:${TEAM}:UMENTOR${m}`,
            statuses: ['pending'],
            limit: 100_000,
          })
        ).length;
      return n;
    };
    const enrolled = async () => {
      let n = 0;
      for (const id of sessionIds) n += (await core.sessions.get(id))?.enrolledIds.length ?? 0;
      return n;
    };
    const url = `http://127.0.0.1:${service.port}/slack/events`;
    return { service, url, sessionIds, requestsMade, enrolled };
  };
  const services = { 'no inbox': await ourService(false), inbox: await ourService(true) };

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

  const commands = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => commandBody(from + i, api.url));
  const clicks = (from: number, n: number, sessionIds: string[]) =>
    Array.from({ length: n }, (_, i) =>
      enrolBody(from + i, sessionIds[(from + i) % SESSIONS] as string, api.url),
    );
  type Ours = (typeof services)['inbox'];

  const rows: {
    scenario: string;
    target: string;
    p50: number;
    p99: number;
    rps: number;
    writtenAfter?: number;
    calledAfter?: number;
    written?: number;
  }[] = [];
  const run = async (
    scenario: string,
    bodies: (from: number, n: number, sessionIds: string[]) => string[],
    written: (ours: Ours) => Promise<number>,
  ) => {
    const bareIds = services.inbox.sessionIds;
    await load(bareUrl, bodies(1_000_000, WARMUP, bareIds));
    rows.push({
      scenario,
      target: 'bare Bolt (ack only)',
      ...(await load(bareUrl, bodies(2_000_000, REQUESTS, bareIds))),
    });
    // The service without the inbox, then with it: the same requests, one after the other.
    for (const [inbox, ours] of Object.entries(services)) {
      await load(ours.url, bodies(3_000_000, WARMUP, ours.sessionIds));
      await api.quietFor(500);
      const before = await written(ours);
      const result = await load(ours.url, bodies(0, REQUESTS, ours.sessionIds));
      const lastAck = Date.now();
      // Until every request's change is in the database (at most a minute) ...
      const { count, at: writtenAt } = await untilCounted(
        async () => (await written(ours)) - before,
        REQUESTS,
      );
      // ... and until the last Web API call (DMs are paced at SLACK_MESSAGES_PER_SECOND).
      const lastCall = await api.quietFor(1_000);
      // Whatever is still left (past the minute) ends before the next service is measured,
      // so that one service's work never weighs on the other's acks.
      await afterAck.drain(300_000);
      await api.quietFor(1_000);
      rows.push({
        scenario,
        target: `mentorbot, ${inbox}`,
        ...result,
        writtenAfter: (writtenAt - lastAck) / 1000,
        calledAfter: Math.max(0, lastCall - lastAck) / 1000,
        written: count,
      });
    }
  };
  await run('/request-session', commands, (ours) => ours.requestsMade());
  await run('Enroll click', clicks, (ours) => ours.enrolled());

  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `\nSlack ack benchmark: ${REQUESTS} requests per run, ${CONCURRENCY} concurrent, after ${WARMUP} warm-up\n`,
  );
  console.log(
    '| scenario | target | ack p50 ms | ack p99 ms | requests/s | written | all written, s after last ack | last Web API call, s after last ack |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const opt = (n: number | undefined) => (n === undefined ? '-' : fmt(n));
  for (const r of rows)
    console.log(
      `| ${r.scenario} | ${r.target} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.rps.toFixed(0)} | ${r.written ?? '-'} | ${opt(r.writtenAfter)} | ${opt(r.calledAfter)} |`,
    );
  let failed = false;
  console.log('');
  for (const scenario of ['/request-session', 'Enroll click']) {
    const ours = rows.find((r) => r.scenario === scenario && r.target === 'mentorbot, inbox');
    const without = rows.find((r) => r.scenario === scenario && r.target === 'mentorbot, no inbox');
    const base = rows.find((r) => r.scenario === scenario && r.target.startsWith('bare'));
    if (!ours || !base || !without) continue;
    const ratio = ours.rps / base.rps;
    // Every request's work must have happened, not only its ack.
    const complete = ours.written === REQUESTS;
    const ok = ours.p99 < P99_TARGET_MS && ratio >= MIN_RATIO && complete;
    failed ||= !ok;
    console.log(
      `${scenario}: p99 ${fmt(ours.p99)} ms (target < ${P99_TARGET_MS}), throughput ratio ${ratio.toFixed(2)} of bare Bolt (target >= ${MIN_RATIO}), ${ours.written}/${REQUESTS} written: ${ok ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `${scenario}: ack p99 with the inbox ${fmt(ours.p99)} ms / without ${fmt(without.p99)} ms = ${(ours.p99 / without.p99).toFixed(2)} (target <= 1.10)`,
    );
  }
  console.log(`Web API calls served by the stand-in: ${await api.calls()}`);

  await bare.stop();
  for (const ours of Object.values(services)) await ours.service.stop();
  api.stop();
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
