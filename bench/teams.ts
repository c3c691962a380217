/**
 * `npm run bench:teams [activities per scenario]`: the Teams endpoint under load. The whole
 * service runs in-process (embedded MongoDB, only the Teams adapter, no app id: auth off as
 * with the Emulator), the Bot Framework connector is a stand-in in its own process
 * (bench/support/stand-in.ts, answers after 2 ms), and a load generator in a separate
 * process posts activities as Teams sends them, 100 at a time: a typed command (`help`,
 * answered 200 and then with a card through the connector) and a card button
 * (Action.Execute *Enroll*: a banner in the invoke response, then the enrolment and the
 * card update through the connector). Prints p50/p99 response latency and activities/s,
 * and waits until every activity's work is done (replies counted at the stand-in,
 * enrolments in the database). Target: p99 under 100 ms at 100 concurrent. Exit code 1 on
 * a FAIL.
 *
 * Each scenario runs twice in the same run, on two services side by side: without the
 * durable inbox (answered from memory only, as before issue 12) and with it (every activity
 * recorded in MongoDB before its answer, as the service runs), and the run prints how much
 * the record adds to p99 (target: at most ~10%).
 */
import { afterAck } from '../src/adapters/after-ack.js';
import { connectDatabase } from '../src/adapters/mongo/client.js';
import { createTeamsAdapter } from '../src/adapters/teams/index.js';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { coreOf } from '../test/helpers/app.js';
import { type LoadResult, runLoad, startStandIn, untilCounted } from './support/load.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const PER_KIND = Number(process.argv[2] ?? 3000);
const TENANT = 'bench-tenant';

async function main() {
  // The connector stand-in, in its own process: answers every send and update after 2 ms.
  const connector = await startStandIn('teams');
  const serviceUrl = `${connector.url}/amer/`;

  const users = Array.from({ length: CONCURRENCY }, (_, i) => ({
    id: `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`,
    name: `Bench user ${i + 1}`,
  }));
  const base = (user: (typeof users)[number], n: number) => ({
    id: `bench-${user.id}-${n}-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    localTimezone: 'Europe/Berlin',
    from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
    recipient: { id: '28:bench-bot', name: 'mentorbot' },
    conversation: { id: `a:${user.id}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
  const loaded = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '3000',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = { ...loaded.config, PORT: 0, HOST: '127.0.0.1' };
  // Sessions with a seat for everyone: press n is user n / SESSIONS on session n % SESSIONS,
  // so every press enrols someone new and the presses in flight spread over the sessions.
  const SESSIONS = Math.ceil(PER_KIND / users.length);

  /** The service, with or without the inbox, on a database of its own, seeded alike. */
  async function service(inbox: boolean) {
    const app = await startApp(
      config,
      createLogger({ LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
      {
        connectDatabase,
        adapters: [createTeamsAdapter],
        ...(inbox ? {} : { inbox: false as const }),
      },
    );
    const url = `http://127.0.0.1:${app.port}/api/messages`;

    const post = async (body: unknown) => {
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      return performance.now() - started;
    };

    // Everyone says hello once (person, workspace and conversation reference stored).
    await Promise.all(users.map((u) => post({ ...base(u, 0), type: 'message', text: 'help' })));
    // The mentor of the sessions: not one of the users who press Enroll (a mentor cannot
    // enrol in their own session).
    const mentor = { id: '00000000-0000-0000-0000-999999999999', name: 'Bench mentor' };
    await post({ ...base(mentor, 0), type: 'message', text: 'help' });
    await post({
      ...base(mentor, 1),
      type: 'invoke',
      name: 'task/submit',
      value: {
        data: {
          verb: 'profile.mentor',
          headline: 'Bench mentor',
          availability: '',
          // No BigBlueButton server here: the mentor meets on Google Meet.
          meetingPlatform: 'gmeet',
          meetingUrl: 'https://meet.google.com/abc-defg-hij',
        },
      },
    });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < SESSIONS; i++) {
      await post({
        ...base(mentor, 2 + i),
        type: 'invoke',
        name: 'task/submit',
        value: {
          data: {
            verb: 'session.create',
            title: `Bench session ${i + 1}`,
            startDate: day,
            startTime: '10:00',
            endDate: day,
            endTime: '11:00',
            seatLimit: String(users.length),
            // No BigBlueButton server here: the sessions meet on Google Meet.
            meetingPlatform: 'gmeet',
            meetingUrl: 'https://meet.google.com/abc-defg-hij',
            publish: 'yes',
          },
        },
      });
    }
    const core = await coreOf(app, config);
    const sessions = await core.sessions.find({ workspaceId: `teams:${TENANT}`, limit: 1000 });
    const sessionIds = Array.from(
      { length: SESSIONS },
      (_, i) => sessions.find((s) => s.title === `Bench session ${i + 1}`)?.id ?? '',
    );
    if (sessionIds.some((id) => !id)) throw new Error('bench sessions missing');
    const enrolled = async () => {
      let n = 0;
      for (const id of sessionIds) n += (await core.sessions.get(id))?.enrolledIds.length ?? 0;
      return n;
    };
    return { app, url, enrolled, sessionIds };
  }
  const services = { 'no inbox': await service(false), inbox: await service(true) };

  type Row = LoadResult & { kind: string; inbox: string; done: number; doneAfter: number };
  const rows: Row[] = [];
  /**
   * Sends PER_KIND activities from a separate load-generator process, CONCURRENCY at once,
   * then waits (at most a minute) until every turn's work is done, counted by `done`.
   */
  async function run(
    kind: string,
    make: (n: number, sessionIds: string[]) => unknown,
    done: (ours: (typeof services)['inbox']) => Promise<number>,
  ): Promise<void> {
    for (const [inbox, ours] of Object.entries(services)) {
      const requests = Array.from({ length: PER_KIND }, (_, n) => ({
        body: JSON.stringify(make(n, ours.sessionIds)),
        headers: { 'content-type': 'application/json' },
      }));
      const before = await done(ours);
      const result = await runLoad(ours.url, CONCURRENCY, requests);
      const lastAnswer = Date.now();
      const { count, at } = await untilCounted(async () => (await done(ours)) - before, PER_KIND);
      rows.push({ kind, inbox, ...result, done: count, doneAfter: (at - lastAnswer) / 1000 });
      // Whatever is still left ends before the next service is measured.
      await afterAck.drain(300_000);
      await connector.quietFor(500);
    }
  }

  await run(
    'message `help` (card reply through the connector)',
    (n) => ({
      ...base(users[n % users.length] as (typeof users)[number], 10 + n),
      type: 'message',
      text: 'help',
    }),
    () => connector.calls(),
  );
  await run(
    'Action.Execute *Enroll* (card updated through the connector)',
    (n, sessionIds) => ({
      ...base(
        users[Math.floor(n / SESSIONS) % users.length] as (typeof users)[number],
        100_000 + n,
      ),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'session.enrol',
          data: { sessionId: sessionIds[n % SESSIONS] },
        },
      },
      replyToId: `card-${n}`,
    }),
    (ours) => ours.enrolled(),
  );

  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `\nTeams benchmark: ${PER_KIND} activities per scenario, ${CONCURRENCY} concurrent\n`,
  );
  console.log(
    '| scenario | inbox | p50 ms | p99 ms | activities/s | work done | all done, s after the last answer |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.kind} | ${r.inbox} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.rps.toFixed(0)} | ${r.done}/${PER_KIND} | ${fmt(r.doneAfter)} |`,
    );
  const met = rows.every((r) => r.p99 < 100 && r.done === PER_KIND);
  console.log(`\ntarget p99 < 100 ms with every activity's work done: ${met ? 'PASS' : 'FAIL'}`);
  for (const kind of new Set(rows.map((r) => r.kind))) {
    const [off, on] = ['no inbox', 'inbox'].map((i) =>
      rows.find((r) => r.kind === kind && r.inbox === i),
    );
    if (off && on)
      console.log(
        `${kind}: p99 with the inbox ${fmt(on.p99)} ms / without ${fmt(off.p99)} ms = ${(on.p99 / off.p99).toFixed(2)} (target <= 1.10)`,
      );
  }
  for (const ours of Object.values(services)) await ours.app.stop();
  connector.stop();
  process.exit(met ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
