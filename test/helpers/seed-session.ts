import type { MongoClient } from 'mongodb';
import { objectIdGenerator } from '../../src/adapters/mongo/ids.js';
import { createRepositories } from '../../src/adapters/mongo/repositories.js';
import { createAndPublishSession } from '../../src/core/sessions/index.js';
import { systemClock } from '../../src/core/time.js';
import type { CoreDeps } from '../../src/core/usecase.js';
import { installWorkspace } from '../../src/core/workspaces/install.js';
import { RecordingNotifier, RecordingScheduler, silentLogger } from './core.js';
import { testDatabaseName } from './db.js';
import { SLACK_TEAM } from './processes.js';

/**
 * A fresh database on `client` for a service in its own process: the Slack workspace
 * (installed by its mentor) and one public session with `seats` seats, and a way to read
 * who is enrolled.
 */
export async function seedSession(client: MongoClient, seats: number) {
  const dbName = testDatabaseName();
  const db = client.db(dbName);
  const deps: CoreDeps = {
    ...(await createRepositories(client, db)),
    notifier: new RecordingNotifier(),
    scheduler: new RecordingScheduler(),
    clock: systemClock,
    ids: objectIdGenerator,
    logger: silentLogger,
    rooms: undefined,
  };
  const mentor = {
    platform: 'slack' as const,
    tenantId: SLACK_TEAM,
    userId: 'UMENTOR',
    displayName: 'Ada',
    timeZone: 'Europe/Berlin',
  };
  const installed = await installWorkspace(deps, { installer: mentor, workspaceName: 'durable' });
  if (!installed.ok) throw installed.error;
  await deps.people.addRole(installed.value.installer.id, 'mentor', new Date());
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  const session = await createAndPublishSession(deps, {
    actor: { personId: installed.value.installer.id },
    input: {
      title: 'Durable office hours',
      meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      seatLimit: seats,
    },
  });
  if (!session.ok) throw session.error;
  const sessionId = session.value.session.id;
  const enrolled = async () =>
    ((await db.collection('sessions').findOne({ _id: sessionId } as never))?.enrolledIds ??
      []) as string[];
  return { dbName, sessionId, enrolled };
}
