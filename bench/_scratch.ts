/**
 * `npm run bench:teams`: the Teams endpoint under load. The whole service runs in-process
 * (embedded MongoDB, only the Teams adapter, no app id: auth off as with the Emulator), the
 * Bot Framework connector is a local stand-in HTTP server, and 100 concurrent clients (a
 * load generator in a separate process) post
 * activities as Teams sends them: a typed command (`help`, answered with a card through the
 * connector) and a card button (Action.Execute `Enroll`, answered by the invoke response
 * and a card update). Prints p50/p99 response latency and activities/s for each.
 * Target: p99 under 100 ms at 100 concurrent.
 */
import { connectDatabase } from '../src/adapters/mongo/client.js';
import { createTeamsAdapter } from '../src/adapters/teams/index.js';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { runLoad, startStandIn } from './support/load.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const PER_KIND = Number(process.argv[2] ?? 3000);
const TENANT = 'bench-tenant';

async function main() {
  // The connector stand-in, in its own process: answers every send and update after 2 ms.
  const connector = await startStandIn('teams');
  const serviceUrl = `${connector.url}/amer/`;

  const loaded = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '3000',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = { ...loaded.config, PORT: 0, HOST: '127.0.0.1' };
  const app = await startApp(config, createLogger({ LOG_LEVEL: 'silent' }), {
    connectDatabase,
    adapters: [createTeamsAdapter],
  });
  const url = `http://127.0.0.1:${app.port}/api/messages`;

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
  // A published session with room for everyone, made by the first user as a mentor.
  const mentor = users[0]!;
  await post({
    ...base(mentor, 1),
    type: 'invoke',
    name: 'task/submit',
    value: { data: { verb: 'profile.mentor', headline: 'Bench mentor', availability: '' } },
  });
  // One published session per user, so the button presses below do not all queue on one
  // document (that case is the core's seat race, measured by its own tests).
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  for (const [i, user] of users.entries()) {
    await post({
      ...base(mentor, 2 + i),
      type: 'invoke',
      name: 'task/submit',
      value: {
        data: {
          verb: 'session.create',
          title: `Bench session for ${user.name}`,
          startDate: day,
          startTime: '10:00',
          endDate: day,
          endTime: '11:00',
          seatLimit: '5',
          publish: 'yes',
        },
      },
    });
  }
  const sessions = await app.core.sessions.find({ workspaceId: `teams:${TENANT}`, limit: 1000 });
  const sessionOf = new Map(
    users.map((u) => [u.id, sessions.find((s) => s.title === `Bench session for ${u.name}`)?.id]),
  );
  if (sessionOf.size !== users.length || [...sessionOf.values()].some((id) => !id))
    throw new Error('bench sessions missing');

  /** Sends PER_KIND activities from a separate load-generator process, CONCURRENCY at once. */
  async function run(kind: string, make: (user: (typeof users)[number], n: number) => unknown) {
    const requests = Array.from({ length: PER_KIND }, (_, n) => ({
      body: JSON.stringify(make(users[n % users.length] as (typeof users)[number], n)),
      headers: { 'content-type': 'application/json' },
    }));
    const result = await runLoad(url, CONCURRENCY, requests);
    console.log(
      `${kind.padEnd(28)} n=${PER_KIND} concurrency=${CONCURRENCY} p50=${result.p50.toFixed(1)} ms p99=${result.p99.toFixed(1)} ms ${result.rps.toFixed(0)} activities/s`,
    );
    return result.p99;
  }

  console.error("T", performance.now());
  const p99s = [
    await run('message "help" (card reply)', (u, n) => ({
      ...base(u, 10 + n),
      type: 'message',
      text: 'help',
    })),
    await run('Action.Execute Enroll', (u, n) => ({
      ...base(u, 100_000 + n),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'session.enrol',
          data: { sessionId: sessionOf.get(u.id) },
        },
      },
      replyToId: 'card-1',
    })),
  ];
  console.log(`target p99 < 100 ms: ${p99s.every((p) => p < 100) ? 'met' : 'NOT met'}`);
  await app.stop();
  connector.stop();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
