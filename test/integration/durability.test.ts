import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_COLLECTION } from '../../src/adapters/mongo/inbox.repository.js';
import { personIdOf } from '../../src/core/people/person.js';
import { externalMongoUri } from '../helpers/db.js';
import {
  Burst,
  type Child,
  SLACK_TEAM,
  signedEnrol,
  startEmbeddedMongoProcess,
  startService,
  startSlackStandIn,
  until,
} from '../helpers/processes.js';
import { seedSession } from '../helpers/seed-session.js';

/**
 * Answered means kept (issue 12): a burst of 300 *Enroll* clicks, the service killed (-9)
 * or stopped (SIGTERM) in the middle, then started again on the same database, which lives
 * in a process of its own: every click that was answered 200 is applied, once.
 */

const CLICKS = 300;
const STOP_AFTER = 100;

let mongo: (Child & { uri: string }) | undefined;
let uri: string;
let client: MongoClient;
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
const services: Child[] = [];

beforeAll(async () => {
  const external = externalMongoUri();
  if (external) uri = external;
  else {
    mongo = await startEmbeddedMongoProcess();
    uri = mongo.uri;
  }
  client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  slack = await startSlackStandIn();
}, 90_000);

const databases: string[] = [];

afterAll(async () => {
  for (const service of services)
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
  // On a shared real server the databases must not outlive the test file.
  if (!mongo) for (const name of databases) await client?.db(name).dropDatabase();
  await client?.close();
  await slack?.close();
  mongo?.child.kill('SIGKILL');
});

const users = Array.from({ length: CLICKS }, (_, i) => `UCLICK${i}`);
const idOf = (user: string) => personIdOf('slack', SLACK_TEAM, user);

async function serviceOn(dbName: string, env: Record<string, string> = {}) {
  if (!databases.includes(dbName)) databases.push(dbName);
  const service = await startService({
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    SLACK_API_URL: `${slack.url}/api/`,
    ...env,
  });
  services.push(service);
  return service;
}

/** Every click answered 200 ends up enrolled exactly once; nothing is left in the inbox. */
async function everyAnsweredClickApplied(
  dbName: string,
  enrolled: () => Promise<string[]>,
  answered: readonly string[],
) {
  const wanted = answered.map(idOf);
  await until(
    'every answered click applied',
    async () => {
      const now = new Set(await enrolled());
      return wanted.every((id) => now.has(id));
    },
    90_000,
    250,
  );
  const final = await enrolled();
  expect(new Set(final).size).toBe(final.length);
  for (const id of wanted) expect(final.filter((e) => e === id)).toHaveLength(1);
  const inbox = client.db(dbName).collection(INBOX_COLLECTION);
  await until(
    'the inbox emptied',
    async () => (await inbox.countDocuments({ state: 'pending' })) === 0,
    30_000,
    250,
  );
}

describe('answered clicks survive the service', () => {
  it('kill -9 in the middle of 300 Enroll clicks: after a restart every answered click is applied once', {
    timeout: 240_000,
  }, async () => {
    const { dbName, sessionId, enrolled } = await seedSession(client, CLICKS + 50);
    const first = await serviceOn(dbName);
    let killed = false;
    const burst: Burst = new Burst(
      first.url,
      users,
      (u) => signedEnrol(u, sessionId, slack.url),
      20,
      () => {
        if (!killed && burst.answered.length >= STOP_AFTER) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      },
    );
    await burst.finished();
    expect(killed).toBe(true);
    expect(await first.exited).toBe(null); // killed by the signal
    const answered = [...burst.answered];
    const appliedAtKill = (await enrolled()).length;
    // The burst outran the work after the answers: answered clicks were still only in the inbox.
    expect(appliedAtKill).toBeLessThan(answered.length);

    const second = await serviceOn(dbName);
    await everyAnsweredClickApplied(dbName, enrolled, answered);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('SIGTERM in the middle of 300 Enroll clicks: a clean exit 0 within the budget, the rest applied after a restart', {
    timeout: 240_000,
  }, async () => {
    const { dbName, sessionId, enrolled } = await seedSession(client, CLICKS + 50);
    const budget = 3_000;
    const first = await serviceOn(dbName, { SHUTDOWN_TIMEOUT_MS: String(budget) });
    let stoppedAt = 0;
    const exitedAt = first.exited.then(() => Date.now());
    const burst: Burst = new Burst(
      first.url,
      users,
      (u) => signedEnrol(u, sessionId, slack.url),
      20,
      () => {
        if (!stoppedAt && burst.answered.length >= STOP_AFTER) {
          stoppedAt = Date.now();
          first.child.kill('SIGTERM');
        }
      },
    );
    await burst.finished();
    expect(stoppedAt).toBeGreaterThan(0);
    const code = await first.exited;
    expect(code, first.output().slice(-4_000)).toBe(0);
    // One budget for the whole stop (process exit a little after it).
    expect((await exitedAt) - stoppedAt).toBeLessThan(budget + 2_000);
    const answered = [...burst.answered];

    const second = await serviceOn(dbName);
    await everyAnsweredClickApplied(dbName, enrolled, answered);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
