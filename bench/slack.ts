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
import { type Cost, costCells, costColumns, startCost } from './support/cost.js';
import {
  type LoadResult,
  outcomeLatency,
  runLoad,
  startStandIn,
  untilCounted,
} from './support/load.js';
import { observe } from './support/observer.js';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const CONCURRENCY = 100;
const REQUESTS = Number(process.env.BENCH_SLACK_REQUESTS ?? 2_000);
const WARMUP = 200;
/** The sustained scenario (issue 16): this many interactions per second for this long. */
const SUSTAINED_RATE = Number(process.env.BENCH_SUSTAINED_RATE ?? 100);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 30);
const SUSTAINED = SUSTAINED_RATE * SUSTAINED_SECONDS;
const MENTORS = 20;
const SESSIONS = Math.ceil((REQUESTS + 2 * WARMUP + SUSTAINED) / 450);
const P99_TARGET_MS = 100;
const MIN_RATIO = 0.5;

const sign = (body: string) => {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
};

/** A request body and the key of the outcome the person sees (bench/support/stand-in.ts). */
interface Keyed {
  readonly body: string;
  readonly key: string;
}

/** The mentee's answer to `/request-session` goes to its response URL. */
function commandBody(i: number, responseBase: string): Keyed {
  const body = new URLSearchParams({
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
  return { body, key: `response/${i}` };
}

/** *Enroll* redraws the message it was on (chat.update of that DM message). */
function enrolBody(i: number, sessionId: string, responseBase: string): Keyed {
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
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return { body, key: `update/DUE${i}/1700000000.${i}` };
}

/** Sends the signed bodies from a separate load-generator process. */
function load(url: string, bodies: Keyed[], rate?: number): Promise<LoadResult> {
  return runLoad(
    url,
    CONCURRENCY,
    bodies.map(({ body, key }) => ({
      body,
      key,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
    })),
    rate ? { rate } : {},
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

    // What the work after the acks left behind, counted in the database (on a client of
    // its own, so that counting is not among the service's database commands).
    const observer = await observe(service);
    const requestsMade = async () => {
      let n = 0;
      for (let m = 0; m < MENTORS; m++)
        n += (
          await observer.requests.find({
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
      for (const id of sessionIds) n += (await observer.sessions.get(id))?.enrolledIds.length ?? 0;
      return n;
    };
    const url = `http://127.0.0.1:${service.port}/slack/events`;
    return { service, observer, url, sessionIds, requestsMade, enrolled };
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

  interface Row extends LoadResult {
    scenario: string;
    target: string;
    writtenAfter?: number;
    calledAfter?: number;
    written?: number;
    cost?: Cost;
    outcome?: { p50: number; p99: number; missing: number };
  }
  const rows: Row[] = [];
  type Bodies = (from: number, n: number, sessionIds: string[]) => Keyed[];

  /**
   * Sends `n` requests (a burst, or at `rate` per second), waits until every one's change is
   * in the database and the Web API calls stop, and measures what it cost and how long each
   * person waited to see their outcome.
   */
  const measure = async (
    ours: Ours,
    bodies: Keyed[],
    written: (ours: Ours) => Promise<number>,
    rate?: number,
  ) => {
    await api.quietFor(500);
    await api.outcomes();
    const before = await written(ours);
    const cost = await startCost(ours.service.database, api);
    const result = await load(ours.url, bodies, rate);
    const lastAck = Date.now();
    // Until every request's change is in the database (at most a minute) ...
    const { count, at: writtenAt } = await untilCounted(
      async () => (await written(ours)) - before,
      bodies.length,
    );
    // ... and until the last Web API call (DMs are paced at SLACK_MESSAGES_PER_SECOND).
    const lastCall = await api.quietFor(1_000);
    const spent = await cost.stop(bodies.length);
    const outcome = outcomeLatency(result.sent, await api.outcomes());
    // Whatever is still left (past the minute) ends before the next service is measured,
    // so that one service's work never weighs on the other's acks.
    await afterAck.drain(300_000);
    await api.quietFor(1_000);
    return {
      ...result,
      writtenAfter: (writtenAt - lastAck) / 1000,
      calledAfter: Math.max(0, lastCall - lastAck) / 1000,
      written: count,
      cost: spent,
      outcome,
    };
  };

  const run = async (
    scenario: string,
    bodies: Bodies,
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
      const burst = await measure(ours, bodies(0, REQUESTS, ours.sessionIds), written);
      rows.push({ scenario, target: `mentorbot, ${inbox}`, ...burst });
    }
    // Sustained load on the service as it runs (with the inbox): not a burst.
    const ours = services.inbox;
    const steady = await measure(
      ours,
      bodies(5_000_000, SUSTAINED, ours.sessionIds),
      written,
      SUSTAINED_RATE,
    );
    rows.push({
      scenario,
      target: `mentorbot, ${SUSTAINED_RATE}/s for ${SUSTAINED_SECONDS} s`,
      ...steady,
    });
  };
  await run('/request-session', commands, (ours) => ours.requestsMade());
  await run('Enroll click', clicks, (ours) => ours.enrolled());

  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `\nSlack ack benchmark: ${REQUESTS} requests per burst, ${CONCURRENCY} concurrent, after ${WARMUP} warm-up; sustained: ${SUSTAINED_RATE}/s for ${SUSTAINED_SECONDS} s\n`,
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
  console.log('\nWhat each interaction cost, and how long people waited for their outcome:\n');
  console.log(`| scenario | target | outcome p50 ms | outcome p99 ms | no outcome ${costColumns}`);
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    if (r.cost && r.outcome)
      console.log(
        `| ${r.scenario} | ${r.target} | ${fmt(r.outcome.p50)} | ${fmt(r.outcome.p99)} | ${r.outcome.missing} ${costCells(r.cost)}`,
      );
  let failed = false;
  const verdict = (ok: boolean) => {
    failed ||= !ok;
    return ok ? 'PASS' : 'FAIL';
  };
  console.log('');
  for (const scenario of ['/request-session', 'Enroll click']) {
    const of = (prefix: string) =>
      rows.find((r) => r.scenario === scenario && r.target.startsWith(prefix));
    const [ours, without, base, steady] = [
      of('mentorbot, inbox'),
      of('mentorbot, no inbox'),
      of('bare'),
      of(`mentorbot, ${SUSTAINED_RATE}/s`),
    ];
    if (!ours || !base || !without || !steady) continue;
    const ratio = ours.rps / base.rps;
    // Every request's work must have happened, not only its ack.
    const complete = ours.written === REQUESTS;
    console.log(
      `${scenario}: p99 ${fmt(ours.p99)} ms (target < ${P99_TARGET_MS}), throughput ratio ${ratio.toFixed(2)} of bare Bolt (target >= ${MIN_RATIO}), ${ours.written}/${REQUESTS} written: ${verdict(ours.p99 < P99_TARGET_MS && ratio >= MIN_RATIO && complete)}`,
    );
    console.log(
      `${scenario}: ack p99 with the inbox ${fmt(ours.p99)} ms / without ${fmt(without.p99)} ms = ${(ours.p99 / without.p99).toFixed(2)} (target <= 1.10): ${verdict(ours.p99 / without.p99 <= 1.1)}`,
    );
    // Issue 16's targets.
    console.log(
      `${scenario}: ack p99 ${(ours.p99 / base.p99).toFixed(2)}x bare Bolt's (target <= 1.25), requests/s ${ratio.toFixed(2)}x (target >= 0.9): ${verdict(ours.p99 / base.p99 <= 1.25 && ratio >= 0.9)}`,
    );
    console.log(
      `${scenario}: burst of ${REQUESTS} applied ${opt(ours.writtenAfter)} s after its last answer (target <= 8 s, all of it): ${verdict(complete && (ours.writtenAfter ?? 99) <= 8)}`,
    );
    console.log(
      `${scenario}: ${fmt(ours.cost?.databaseCommands ?? 0)} database commands per interaction (target <= 6): ${verdict((ours.cost?.databaseCommands ?? 99) <= 6)}`,
    );
    console.log(
      `${scenario}: outcome p99 at ${SUSTAINED_RATE}/s ${fmt(steady.outcome?.p99 ?? 0)} ms, ${steady.outcome?.missing ?? '?'} without an outcome (target < 1000 ms, none missing): ${verdict((steady.outcome?.p99 ?? 9e9) < 1000 && steady.outcome?.missing === 0)}`,
    );
  }
  console.log(`Web API calls served by the stand-in: ${await api.calls()}`);

  await bare.stop();
  for (const ours of Object.values(services)) {
    await ours.observer.close();
    await ours.service.stop();
  }
  api.stop();
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
