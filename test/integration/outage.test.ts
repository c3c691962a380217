import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_COLLECTION } from '../../src/adapters/mongo/inbox.repository.js';
import { personIdOf } from '../../src/core/people/person.js';
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
 * Losing the database for a while (issue 12, point 5): the embedded server's process is
 * paused (SIGSTOP) for 8 s under a stream of *Enroll* clicks, then resumed. Meanwhile
 * `/readyz` is 503 and clicks that cannot be recorded are answered 503 (Slack shows the
 * person it did not go through); every click answered 200 is applied once after it is back.
 * Always on the embedded server in its own process: a real MongoDB cannot be paused here.
 */

let mongo: Child & { uri: string };
let client: MongoClient;
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
let service: Child | undefined;

beforeAll(async () => {
  mongo = await startEmbeddedMongoProcess();
  client = new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 30_000 });
  await client.connect();
  slack = await startSlackStandIn();
}, 90_000);

afterAll(async () => {
  if (mongo && mongo.child.exitCode === null) mongo.child.kill('SIGCONT');
  if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
  await client?.close();
  await slack?.close();
  mongo?.child.kill('SIGKILL');
});

const readiness = async (url: string) => {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return 0;
  }
};

describe('a database that stops answering for 8 s', () => {
  it('is not ready, asks clicks to try again, and applies every click answered 200 once', {
    timeout: 240_000,
  }, async () => {
    const { dbName, sessionId, enrolled } = await seedSession(client, 500);
    const running = await startService({
      MONGODB_URI: mongo.uri,
      MONGODB_DB: dbName,
      SLACK_API_URL: `${slack.url}/api/`,
    });
    service = running;
    const users = Array.from({ length: 500 }, (_, i) => `UOUT${i}`);
    // A steady stream, not a flood: four people clicking at a time, a click every 100 ms each.
    const burst = new Burst(
      running.url,
      users,
      (u) => signedEnrol(u, sessionId, slack.url),
      4,
      () => {},
      100,
    );
    await until('clicks answered before the outage', () => burst.answered.length >= 20, 60_000);

    mongo.child.kill('SIGSTOP');
    const pausedAt = Date.now();
    const answeredBefore = burst.answered.length;
    try {
      await until('/readyz 503', async () => (await readiness(running.url)) === 503, 7_000);
      await until('a click asked to try again', () => burst.tryAgain.length > 0, 7_000);
      await until('8 s of outage', () => Date.now() - pausedAt >= 8_000, 10_000);
      // Nothing was recorded while it was away, so nothing was answered 200.
      expect(burst.answered.length - answeredBefore).toBeLessThanOrEqual(4);
    } finally {
      mongo.child.kill('SIGCONT');
    }
    await until('/readyz 200 again', async () => (await readiness(running.url)) === 200, 30_000);
    const answeredAfter = burst.answered.length;
    await until(
      'clicks answered after the outage',
      () => burst.answered.length >= answeredAfter + 20,
      60_000,
    );
    await burst.stop();

    const wanted = burst.answered.map((u) => personIdOf('slack', SLACK_TEAM, u));
    await until(
      'every answered click applied',
      async () => {
        const now = new Set(await enrolled());
        return wanted.every((id) => now.has(id));
      },
      90_000,
      250,
    );
    const inbox = client.db(dbName).collection(INBOX_COLLECTION);
    await until(
      'the inbox emptied',
      async () => (await inbox.countDocuments({ state: 'pending' })) === 0,
      30_000,
      250,
    );
    const final = await enrolled();
    expect(new Set(final).size).toBe(final.length);
    // A click asked to try again was not applied behind the person's back.
    const refused = new Set(burst.tryAgain.map((u) => personIdOf('slack', SLACK_TEAM, u)));
    expect(final.filter((id) => refused.has(id))).toEqual([]);
    expect(burst.failed).toEqual([]);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });
});
