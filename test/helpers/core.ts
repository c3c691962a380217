import { BigBlueButton } from '../../src/adapters/meetings/bbb.js';
import { objectIdGenerator } from '../../src/adapters/mongo/ids.js';
import { createRepositories } from '../../src/adapters/mongo/repositories.js';
import type { Notification, NotificationKind } from '../../src/core/notifications.js';
import {
  type MenteeProfile,
  type MentorProfile,
  type Person,
  type Platform,
  type Role,
  workspaceIdOf,
} from '../../src/core/people/person.js';
import type { Notifier, Scheduler } from '../../src/core/ports.js';
import type { SessionId } from '../../src/core/sessions/session.js';
import type { Clock } from '../../src/core/time.js';
import type { Actor, CoreDeps } from '../../src/core/usecase.js';
import {
  DEFAULT_CONFIG,
  type Workspace,
  type WorkspaceConfig,
} from '../../src/core/workspaces/workspace.js';
import { type BbbStandIn, startBbbStandIn } from './bbb.js';
import { type TestDatabase, useTestDatabase } from './db.js';

/** Records every notification instead of delivering it. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  async notify(notification: Notification): Promise<void> {
    this.sent.push(notification);
  }
  to(recipient: string): Notification[] {
    return this.sent.filter((n) => n.recipient === recipient);
  }
  ofKind<K extends NotificationKind>(kind: K): Extract<Notification, { kind: K }>[] {
    return this.sent.filter((n): n is Extract<Notification, { kind: K }> => n.kind === kind);
  }
  clear(): void {
    this.sent.length = 0;
  }
}

export type SchedulerCall =
  | { type: 'scheduled'; sessionId: SessionId; startsAt: Date; endsAt: Date; offsets: number[] }
  | { type: 'cancelled'; sessionId: SessionId };

/** Records what the core asks the scheduler to do. */
export class RecordingScheduler implements Scheduler {
  readonly calls: SchedulerCall[] = [];
  async sessionScheduled(
    session: { id: SessionId; startsAt: Date; endsAt: Date },
    offsets: readonly number[],
  ): Promise<void> {
    this.calls.push({
      type: 'scheduled',
      sessionId: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      offsets: [...offsets],
    });
  }
  async sessionCancelled(sessionId: SessionId): Promise<void> {
    this.calls.push({ type: 'cancelled', sessionId });
  }
  for(sessionId: SessionId): SchedulerCall[] {
    return this.calls.filter((c) => c.sessionId === sessionId);
  }
}

/** A clock the test moves by hand. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const silentLogger = { warn() {}, error() {} };

export interface CoreHarness {
  readonly deps: CoreDeps;
  readonly database: TestDatabase;
  readonly notifier: RecordingNotifier;
  readonly scheduler: RecordingScheduler;
  readonly clock: FixedClock;
  /** The BigBlueButton stand-in behind `deps.rooms` (unless a test replaced the rooms). */
  readonly bbb: BbbStandIn;
  close(): Promise<void>;
}

/** Default "now" of core tests: a Monday, well before the 2027 DST changes. */
export const TEST_NOW = new Date('2027-01-11T09:00:00Z');

/**
 * The core wired to real repositories on the test database (embedded, or MONGODB_URI) with
 * recording fakes for the Notifier and Scheduler, a hand-moved clock, and BigBlueButton
 * rooms on a local stand-in (`{ rooms: undefined }` for a server without one).
 */
export async function useCore(overrides: Partial<CoreDeps> = {}): Promise<CoreHarness> {
  const database = await useTestDatabase();
  const repositories = await createRepositories(database.client, database.db);
  const notifier = new RecordingNotifier();
  const scheduler = new RecordingScheduler();
  const clock = new FixedClock(TEST_NOW);
  const bbb = await startBbbStandIn();
  const deps: CoreDeps = {
    ...repositories,
    notifier,
    scheduler,
    clock,
    ids: objectIdGenerator,
    logger: silentLogger,
    rooms: new BigBlueButton({ url: bbb.url, secret: bbb.secret }),
    ...overrides,
  };
  const close = async () => {
    await bbb.stop();
    await database.close();
  };
  return { deps, database, notifier, scheduler, clock, bbb, close };
}

let counter = 0;
const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export interface WorkspaceOverrides {
  platform?: Platform;
  tenantId?: string;
  config?: Partial<WorkspaceConfig>;
}

/** A workspace stored in the database; each call makes a new tenant unless one is given. */
export async function createWorkspace(
  h: CoreHarness,
  o: WorkspaceOverrides = {},
): Promise<Workspace> {
  const platform = o.platform ?? 'slack';
  const tenantId = o.tenantId ?? unique('T');
  const now = h.clock.now();
  const workspace: Workspace = {
    id: workspaceIdOf(platform, tenantId),
    platform,
    tenantId,
    name: `Workspace ${tenantId}`,
    config: { ...DEFAULT_CONFIG, ...o.config },
    installedBy: `${platform}:${tenantId}:UINSTALLER`,
    createdAt: now,
    updatedAt: now,
  };
  const { workspace: stored } = await h.deps.workspaces.createIfAbsent(workspace);
  return stored;
}

export interface PersonOverrides {
  name?: string;
  userId?: string;
  timeZone?: string;
  email?: string;
  roles?: Role[];
  mentorProfile?: Partial<MentorProfile>;
  menteeProfile?: Partial<MenteeProfile>;
}

/** A person of the workspace, with roles and profiles; returns the stored person. */
export async function createPerson(
  h: CoreHarness,
  workspace: Workspace,
  o: PersonOverrides = {},
): Promise<Person> {
  const now = h.clock.now();
  let person = await h.deps.people.upsertIdentity(
    {
      platform: workspace.platform,
      tenantId: workspace.tenantId,
      userId: o.userId ?? unique('U'),
      displayName: o.name ?? 'Test Person',
      timeZone: o.timeZone ?? 'Europe/Berlin',
      ...(o.email ? { email: o.email } : {}),
    },
    now,
  );
  for (const role of o.roles ?? []) {
    person = (await h.deps.people.addRole(person.id, role, now)) ?? person;
  }
  if (o.mentorProfile || o.roles?.includes('mentor')) {
    person =
      (await h.deps.people.saveMentorProfile(
        person.id,
        {
          headline: 'Mentor',
          bio: '',
          expertise: [],
          availability: [],
          meetingPlatform: 'bigbluebutton',
          ...o.mentorProfile,
        },
        now,
      )) ?? person;
  }
  if (o.menteeProfile) {
    person =
      (await h.deps.people.saveMenteeProfile(
        person.id,
        { interests: [], lookingForMentor: false, ...o.menteeProfile },
        now,
      )) ?? person;
  }
  return person;
}

export const actorOf = (person: Pick<Person, 'id'>): Actor => ({ personId: person.id });
