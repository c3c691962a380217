import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MongoDeliveryLog } from '../../../src/adapters/mongo/delivery.repository.js';
import type { Notification } from '../../../src/core/notifications.js';
import type { Person } from '../../../src/core/people/person.js';
import type { Notifier } from '../../../src/core/ports.js';
import { isLate } from '../../../src/core/schedule/lifecycle.js';
import type { Session } from '../../../src/core/sessions/session.js';
import { systemClock } from '../../../src/core/time.js';
import type { CoreDeps } from '../../../src/core/usecase.js';
import type { Workspace } from '../../../src/core/workspaces/workspace.js';
import { createJobs, type Jobs } from '../../../src/jobs/index.js';
import { JOBS_COLLECTION, JobName } from '../../../src/jobs/names.js';
import { AgendaScheduler } from '../../../src/jobs/scheduler.js';
import {
  type CoreHarness,
  createPerson,
  createWorkspace,
  RecordingNotifier,
  useCore,
} from '../../helpers/core.js';

const quiet = { info() {}, warn() {} };
const MIN = 60_000;

let h: CoreHarness;
let workspace: Workspace;
let mentor: Person;
let mentees: Person[];
const running: Jobs[] = [];

beforeAll(async () => {
  // Agenda runs on real time, so the core does too in these tests.
  h = await useCore({ clock: systemClock });
  workspace = await createWorkspace(h);
  mentor = await createPerson(h, workspace, { name: 'Mentor', roles: ['mentor'] });
  mentees = await Promise.all(
    ['Ada', 'Ben', 'Cleo'].map((name) => createPerson(h, workspace, { name })),
  );
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((jobs) => jobs.stop(2_000)));
  await h.database.db.collection(JOBS_COLLECTION).deleteMany({});
});

afterAll(() => h.close());

let counter = 0;
async function publishedSession(overrides: Partial<Session> = {}): Promise<Session> {
  const now = Date.now();
  const session: Session = {
    id: `job-test-${Date.now().toString(36)}-${counter++}`,
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
    ...overrides,
  };
  await h.deps.sessions.insert(session);
  return session;
}

function start(deps: Partial<CoreDeps> = {}, options: Parameters<typeof createJobs>[3] = {}) {
  const jobs = createJobs(h.database.db, { ...h.deps, ...deps }, quiet, {
    processEvery: 100,
    withoutExpiry: true,
    ...options,
  });
  running.push(jobs);
  // The Scheduler the core would be given, on the same Agenda.
  return { ...jobs, scheduler: new AgendaScheduler(jobs.agenda) };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 8_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

const jobsOf = (sessionId: string) =>
  h.database.db.collection(JOBS_COLLECTION).find({ 'data.sessionId': sessionId }).toArray();

const reminderKeys = (notifier: RecordingNotifier, sessionId: string) =>
  notifier.sent
    .filter(
      (n): n is Extract<Notification, { kind: 'sessionReminder' }> => n.kind === 'sessionReminder',
    )
    .filter((n) => n.session.id === sessionId)
    .map((n) => `${n.recipient}/${n.minutesBefore}`);

describe('the Scheduler port on Agenda', () => {
  it('publishing creates one job per reminder offset plus live and completed', async () => {
    const jobs = start();
    const session = await publishedSession({ startsAt: new Date(Date.now() + 2 * 24 * 60 * MIN) });
    await jobs.scheduler.sessionScheduled(session, [1440, 15]);
    await jobs.scheduler.sessionScheduled(session, [1440, 15]);
    const stored = await jobsOf(session.id);
    expect(stored.map((j) => `${j.name}:${j.data.minutesBefore}`).sort()).toEqual([
      'session-completed:0',
      'session-live:0',
      'session-reminder:1440',
      'session-reminder:15',
    ]);
    const reminder = stored.find((j) => j.data.minutesBefore === 15);
    expect(reminder?.nextRunAt).toEqual(new Date(session.startsAt.getTime() - 15 * MIN));
  });

  it('a new time moves the jobs, and dropped offsets go', async () => {
    const jobs = start();
    const session = await publishedSession({ startsAt: new Date(Date.now() + 3 * 24 * 60 * MIN) });
    await jobs.scheduler.sessionScheduled(session, [1440, 15]);
    const later = new Date(session.startsAt.getTime() + 60 * MIN);
    await jobs.scheduler.sessionScheduled(
      { ...session, startsAt: later, endsAt: new Date(later.getTime() + 30 * MIN) },
      [60],
    );
    const stored = await jobsOf(session.id);
    expect(stored).toHaveLength(3);
    const byKind = Object.fromEntries(
      stored.map((j) => [`${j.name}:${j.data.minutesBefore}`, j.nextRunAt]),
    );
    expect(byKind).toEqual({
      'session-reminder:60': new Date(later.getTime() - 60 * MIN),
      'session-live:0': later,
      'session-completed:0': new Date(later.getTime() + 30 * MIN),
    });
  });

  it('cancelling removes every job of the session', async () => {
    const jobs = start();
    const session = await publishedSession();
    const other = await publishedSession();
    await jobs.scheduler.sessionScheduled(session, [15]);
    await jobs.scheduler.sessionScheduled(other, [15]);
    await jobs.scheduler.sessionCancelled(session.id);
    expect(await jobsOf(session.id)).toEqual([]);
    expect(await jobsOf(other.id)).toHaveLength(3);
  });
});

describe('reminders', () => {
  it('go once to the mentors and enrolled mentees, with the join link; an invitee is asked to answer', async () => {
    const notifier = new RecordingNotifier();
    const jobs = start({ notifier });
    await jobs.start();
    const session = await publishedSession();
    await jobs.scheduler.sessionScheduled(session, [10]);
    await waitFor(() => reminderKeys(notifier, session.id).length === 3);
    await new Promise((r) => setTimeout(r, 400));
    expect(reminderKeys(notifier, session.id).sort()).toEqual(
      [mentor, mentees[0]!, mentees[1]!].map((p) => `${p.id}/10`).sort(),
    );
    expect(notifier.to(mentees[2]!.id).map((n) => n.kind)).toEqual(['invitationReminder']);
    const toAda = notifier.to(mentees[0]!.id)[0] as Extract<
      Notification,
      { kind: 'sessionReminder' }
    >;
    expect(toAda.session.joinUrl).toBe('https://meet.google.com/abc-defg-hij');
    expect(toAda.session.start.timeZone).toBe(mentees[0]!.timeZone);
  });

  it('a reminder whose moment has passed is skipped, not sent late', async () => {
    const notifier = new RecordingNotifier();
    const jobs = start({ notifier });
    await jobs.start();
    // Starts in 2 minutes: the 15-minute reminder was due 13 minutes ago.
    const session = await publishedSession({ startsAt: new Date(Date.now() + 2 * MIN) });
    await jobs.scheduler.sessionScheduled(session, [15]);
    await waitFor(async () => {
      const [job] = await h.database.db
        .collection(JOBS_COLLECTION)
        .find({ name: JobName.reminder, 'data.sessionId': session.id })
        .toArray();
      return job?.lastFinishedAt !== undefined && job?.lastFinishedAt !== null;
    });
    expect(reminderKeys(notifier, session.id)).toEqual([]);
  });

  it('lateness: less than half the lead time left', () => {
    const start = new Date('2027-03-14T12:00:00Z');
    expect(isLate(start, 15, new Date('2027-03-14T11:45:30Z'))).toBe(false);
    expect(isLate(start, 15, new Date('2027-03-14T11:53:00Z'))).toBe(true);
    expect(isLate(start, 1440, new Date('2027-03-13T23:00:00Z'))).toBe(false);
    expect(isLate(start, 1440, new Date('2027-03-14T01:00:00Z'))).toBe(true);
  });

  it('two Agenda instances on one database deliver each reminder once', async () => {
    const notifier = new RecordingNotifier();
    const a = start({ notifier }, { name: 'instance-a' });
    const b = start({ notifier }, { name: 'instance-b' });
    const sessions = await Promise.all(Array.from({ length: 12 }, () => publishedSession()));
    for (const session of sessions) await a.scheduler.sessionScheduled(session, [10]);
    await Promise.all([a.start(), b.start()]);
    // 36 reminders and 12 invitation reminders through two instances polling every 100 ms:
    // about 7 s alone on a busy 2-core machine, more beside other test files.
    await waitFor(
      () =>
        notifier.ofKind('sessionReminder').length >= 36 &&
        notifier.ofKind('invitationReminder').length >= 12,
      25_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const keys = sessions.flatMap((s) => reminderKeys(notifier, s.id).map((k) => `${s.id}/${k}`));
    expect(keys).toHaveLength(36);
    expect(new Set(keys).size).toBe(36);
    expect(notifier.ofKind('invitationReminder')).toHaveLength(12);
  }, 40_000);

  it('after a crash mid-fan-out, a restart sends the rest and none twice', async () => {
    const delivered: string[] = [];
    let calls = 0;
    // The first instance delivers two messages, then hangs on the third as a killed process would.
    const dying: Notifier = {
      notify: async (n) => {
        calls++;
        if (calls > 2) return new Promise<void>(() => {});
        delivered.push(n.recipient);
      },
    };
    const staleAfter = 300;
    const first = start(
      { notifier: dying, deliveries: new MongoDeliveryLog(h.database.db, staleAfter) },
      { name: 'dies', lockLifetimeMs: 1_000 },
    );
    const session = await publishedSession();
    await first.scheduler.sessionScheduled(session, [10]);
    await first.start();
    await waitFor(() => calls === 3, 30_000);
    // "Kill" it: it takes no further jobs, and the hung delivery never completes.
    void first.agenda.stop().catch(() => {});
    running.splice(running.indexOf(first), 1);

    const survivor: Notifier = { notify: async (n) => void delivered.push(n.recipient) };
    const second = start(
      { notifier: survivor, deliveries: new MongoDeliveryLog(h.database.db, staleAfter) },
      { name: 'restarted', lockLifetimeMs: 1_000 },
    );
    await second.start();
    // Generous: on a loaded machine the survivor's lock takeover and polling run late.
    await waitFor(() => delivered.length === 4, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(delivered.sort()).toEqual([mentor, ...mentees].map((p) => p.id).sort());
  }, 90_000);
});

describe('live and completed', () => {
  it('at start the session becomes live and its mentors and enrolled mentees are told; at end, completed', async () => {
    const notifier = new RecordingNotifier();
    const jobs = start({ notifier });
    await jobs.start();
    const now = Date.now();
    const session = await publishedSession({
      startsAt: new Date(now + 300),
      endsAt: new Date(now + 1_500),
    });
    await jobs.scheduler.sessionScheduled(session, []);
    await waitFor(async () => (await h.deps.sessions.get(session.id))?.status === 'live');
    await waitFor(
      () => notifier.ofKind('sessionLive').filter((n) => n.session.id === session.id).length === 3,
    );
    const live = notifier.ofKind('sessionLive').find((n) => n.recipient === mentees[1]!.id);
    expect(live?.session.actions).toContain('join');
    await waitFor(async () => (await h.deps.sessions.get(session.id))?.status === 'completed');
    await waitFor(
      () =>
        notifier.ofKind('sessionCompleted').filter((n) => n.session.id === session.id).length === 3,
    );
    // Cleo was invited and never enrolled: no "Live", no "thank you for taking part".
    expect(notifier.to(mentees[2]!.id).filter((n) => n.kind !== 'invitationReminder')).toEqual([]);
    const done = notifier.ofKind('sessionCompleted').find((n) => n.recipient === mentor.id);
    expect(done?.session.actions).toContain('cloneSession');
  });

  it('a cancelled session neither goes live nor reminds', async () => {
    const notifier = new RecordingNotifier();
    const jobs = start({ notifier });
    await jobs.start();
    const session = await publishedSession({
      status: 'cancelled',
      startsAt: new Date(Date.now() + 200),
    });
    await jobs.scheduler.sessionScheduled(session, [10]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await h.deps.sessions.get(session.id))?.status).toBe('cancelled');
    expect(notifier.sent.filter((n) => 'session' in n && n.session.id === session.id)).toEqual([]);
  });
});

describe('request expiry', () => {
  it('the periodic job expires pending requests past their age and tells the sender', async () => {
    const notifier = new RecordingNotifier();
    const jobs = start({ notifier }, { withoutExpiry: false, expiryEvery: 300 });
    const long = Date.now() - 31 * 24 * 60 * MIN;
    const old = {
      id: `req-old-${counter++}`,
      workspaceId: workspace.id,
      kind: 'menteeToMentor' as const,
      menteeId: mentees[0]!.id,
      mentorId: mentor.id,
      status: 'pending' as const,
      createdAt: new Date(long),
      updatedAt: new Date(long),
      expiresAt: new Date(long + 30 * 24 * 60 * MIN),
    };
    const fresh = {
      ...old,
      id: `req-fresh-${counter++}`,
      menteeId: mentees[1]!.id,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 24 * 60 * MIN),
    };
    expect(await h.deps.requests.insert(old)).toBe('created');
    expect(await h.deps.requests.insert(fresh)).toBe('created');
    await jobs.start();
    await waitFor(async () => (await h.deps.requests.get(old.id))?.status === 'expired');
    await waitFor(() => notifier.ofKind('requestExpired').length === 1);
    expect(notifier.ofKind('requestExpired')[0]?.recipient).toBe(mentees[0]!.id);
    expect((await h.deps.requests.get(fresh.id))?.status).toBe('pending');
  });
});
