import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/core/notifications.js';
import type { Person } from '../../../src/core/people/person.js';
import { remindSession } from '../../../src/core/schedule/lifecycle.js';
import type { Session } from '../../../src/core/sessions/session.js';
import { systemClock } from '../../../src/core/time.js';
import type { Workspace } from '../../../src/core/workspaces/workspace.js';
import { createJobs, type Jobs } from '../../../src/jobs/index.js';
import { JOBS_COLLECTION } from '../../../src/jobs/names.js';
import { AgendaScheduler } from '../../../src/jobs/scheduler.js';
import { failCommand, recordCommands, supportsFailPoints } from '../../helpers/commands.js';
import {
  type CoreHarness,
  createPerson,
  createWorkspace,
  RecordingNotifier,
  useCore,
} from '../../helpers/core.js';

// Scheduled work when the database connection fails for real (server fail points): the
// fan-out neither loses nor repeats a message, and Agenda gets over a failed lock update.
// Skipped against a MONGODB_URI server without test commands.
const quiet = { info() {}, warn() {} };
const MIN = 60_000;

let h: CoreHarness;
let workspace: Workspace;
let mentor: Person;
let mentees: Person[];
let available = false;
const running: Jobs[] = [];

beforeAll(async () => {
  h = await useCore({ clock: systemClock });
  available = await supportsFailPoints(h.database.client, h.database.embedded);
  workspace = await createWorkspace(h);
  mentor = await createPerson(h, workspace, { name: 'Mentor', roles: ['mentor'] });
  mentees = await Promise.all(
    ['Ada', 'Ben', 'Cleo'].map((name) => createPerson(h, workspace, { name })),
  );
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((jobs) => jobs.stop(2_000)));
  if (available) {
    const admin = h.database.client.db('admin');
    await admin.command({ configureFailPoint: 'failCommand', mode: 'off' });
    await admin.command({ configureFailPoint: 'onPrimaryTransactionalWrite', mode: 'off' });
  }
  await h.database.db.collection(JOBS_COLLECTION).deleteMany({});
});

afterAll(() => h.close());

let counter = 0;
async function publishedSession(): Promise<Session> {
  const now = Date.now();
  const session: Session = {
    id: `fault-test-${now.toString(36)}-${counter++}`,
    workspaceId: workspace.id,
    title: 'Career chat',
    description: '',
    type: 'public',
    mentorIds: [mentor.id],
    invitedIds: [mentees[2]!.id],
    enrolledIds: [mentees[0]!.id, mentees[1]!.id],
    seatLimit: 5,
    startsAt: new Date(now + 10 * MIN),
    endsAt: new Date(now + 40 * MIN),
    recommendedFor: [],
    categories: [],
    medium: [],
    meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
    status: 'published',
    createdBy: mentor.id,
    createdAt: new Date(now),
    updatedAt: new Date(now),
    version: 1,
  };
  await h.deps.sessions.insert(session);
  return session;
}

const everyone = () => [mentor, ...mentees].map((p) => p.id).sort();
/** Who got this session's reminder: the reminder itself, or (an invitee) the one to answer. */
const reminded = (notifier: RecordingNotifier, sessionId: string) =>
  notifier.sent
    .filter(
      (n): n is Extract<Notification, { kind: 'sessionReminder' | 'invitationReminder' }> =>
        n.kind === 'sessionReminder' || n.kind === 'invitationReminder',
    )
    .filter((n) => n.session.id === sessionId)
    .map((n) => n.recipient)
    .sort();

describe('a closed connection during a notification fan-out', () => {
  it('after a claim was written but its answer lost, the retry is answered and nobody is skipped', async () => {
    if (!available) return;
    const notifier = new RecordingNotifier();
    const session = await publishedSession();
    // The first claim (a retryable insert) is applied, then the connection closes unanswered.
    await h.database.client.db('admin').command({
      configureFailPoint: 'onPrimaryTransactionalWrite',
      mode: { times: 1 },
    });
    const outcome = await remindSession(
      { ...h.deps, notifier },
      { sessionId: session.id, minutesBefore: 10 },
    );
    expect(outcome).toMatchObject({ done: true, sent: 4, alreadySent: 0, failed: 0 });
    expect(reminded(notifier, session.id)).toEqual(everyone());
  });

  for (const command of ['insert', 'update'] as const) {
    it(`closed before a ${command === 'insert' ? 'claim' : 'mark'} is answered: every message once, and a rerun sends none`, async () => {
      if (!available) return;
      const notifier = new RecordingNotifier();
      const session = await publishedSession();
      const log = recordCommands(h.database.client);
      await failCommand(
        h.database.client,
        { times: 1 },
        {
          failCommands: [command],
          closeConnection: true,
        },
      );
      const deps = { ...h.deps, notifier };
      const job = { sessionId: session.id, minutesBefore: 10 };
      expect(await remindSession(deps, job)).toMatchObject({ sent: 4, failed: 0 });
      log.stop();
      // Four claims (inserts) and four marks (updates); the closed one was sent again.
      expect(log.names().filter((n) => n === command)).toHaveLength(5);
      expect(await remindSession(deps, job)).toMatchObject({ sent: 0, alreadySent: 4 });
      expect(reminded(notifier, session.id)).toEqual(everyone());
    });
  }
});

describe('Agenda and a failing lock update', () => {
  it('a job whose lock update fails is picked up again and runs once', async () => {
    if (!available) return;
    const notifier = new RecordingNotifier();
    const jobs = createJobs(h.database.db, { ...h.deps, notifier }, quiet, {
      processEvery: 100,
      withoutExpiry: true,
    });
    running.push(jobs);
    const session = await publishedSession();
    await new AgendaScheduler(jobs.agenda).sessionScheduled(session, [10]);
    // Agenda locks a job with findAndModify: the first two attempts fail on the server.
    await failCommand(
      h.database.client,
      { times: 2 },
      {
        failCommands: ['findAndModify'],
        errorCode: 8,
      },
    );
    await jobs.start();
    const until = Date.now() + 10_000;
    while (reminded(notifier, session.id).length < 4 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 400));
    expect(reminded(notifier, session.id)).toEqual(everyone());
  });
});
