import type { Notification } from './notifications.js';
import type {
  MenteeProfile,
  MentorProfile,
  Person,
  PersonId,
  Platform,
  Role,
  WorkspaceId,
} from './people/person.js';
import type {
  MentorshipRequest,
  RequestId,
  RequestKind,
  RequestStatus,
} from './requests/request.js';
import type { Session, SessionId, SessionStatus } from './sessions/session.js';
import type { Workspace, WorkspaceConfig } from './workspaces/workspace.js';

/**
 * What the core needs from the outside world. Implementations throw `InfrastructureError`
 * when a dependency fails; the use-case runner turns that into a "try again" error.
 */

export interface WorkspaceRepository {
  get(id: WorkspaceId): Promise<Workspace | undefined>;
  /** Inserts unless the workspace exists; returns the stored workspace either way. */
  createIfAbsent(workspace: Workspace): Promise<{ workspace: Workspace; created: boolean }>;
  saveConfig(id: WorkspaceId, config: WorkspaceConfig, now: Date): Promise<Workspace | undefined>;
}

/** Who a person is on their platform; refreshed on every interaction. */
export interface Identity {
  readonly platform: Platform;
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string;
  readonly timeZone: string;
}

/**
 * Who arrives, as their platform says. `timeZone` when the platform tells the person's own
 * zone (it replaces the stored one); otherwise the stored zone stays, and a new person gets
 * `fallbackTimeZone` (a local tool's machine zone, not the person's) or UTC.
 */
export interface ArrivingIdentity extends Omit<Identity, 'timeZone'> {
  readonly timeZone?: string | undefined;
  readonly fallbackTimeZone?: string | undefined;
  /**
   * The workspace's default zone: a new person of whom neither zone is known gets it, marked
   * as not their own (docs/product.md#time). UTC when not given.
   */
  readonly workspaceTimeZone?: string | undefined;
}

export interface MenteeSearch {
  readonly workspaceId: WorkspaceId;
  /** Interest tag, matched exactly (case-insensitive). */
  readonly tag?: string;
  /** Free text over name and interests. */
  readonly text?: string;
  readonly excludeId?: PersonId;
  readonly limit: number;
}

export interface PersonRepository {
  get(id: PersonId): Promise<Person | undefined>;
  getMany(ids: readonly PersonId[]): Promise<Person[]>;
  /** Creates the person on first sight (a mentee with no other role) or refreshes identity. */
  upsertIdentity(identity: ArrivingIdentity, now: Date): Promise<Person>;
  addRole(id: PersonId, role: Role, now: Date): Promise<Person | undefined>;
  removeRole(id: PersonId, role: Role, now: Date): Promise<Person | undefined>;
  saveMentorProfile(id: PersonId, profile: MentorProfile, now: Date): Promise<Person | undefined>;
  saveMenteeProfile(id: PersonId, profile: MenteeProfile, now: Date): Promise<Person | undefined>;
  /** The person chose their own zone (*Set my time zone*). */
  setTimeZone(id: PersonId, timeZone: string, now: Date): Promise<Person | undefined>;
  /** Everyone of the workspace whose own zone is not known follows its new default zone. */
  followDefaultZone(workspaceId: WorkspaceId, timeZone: string, now: Date): Promise<void>;
  /** Mentees with `lookingForMentor`, by interest tag and/or text. */
  searchMentees(query: MenteeSearch): Promise<Person[]>;
  /** Anyone in the workspace whose name contains `text` (case-insensitive), by name. */
  searchByName(
    workspaceId: WorkspaceId,
    text: string,
    limit: number,
    excludeId?: PersonId,
  ): Promise<Person[]>;
  /**
   * People holding the mentor role, by name, optionally filtered by text over name, headline
   * and expertise, `excludeId` left out.
   */
  listMentors(
    workspaceId: WorkspaceId,
    text: string | undefined,
    limit: number,
    excludeId?: PersonId,
  ): Promise<Person[]>;
  /** How many `listMentors` would give without a limit. */
  countMentors(
    workspaceId: WorkspaceId,
    text: string | undefined,
    excludeId?: PersonId,
  ): Promise<number>;
}

export type EnrolOutcome = 'enrolled' | 'already' | 'full' | 'closed';

export interface SessionQuery {
  readonly workspaceId: WorkspaceId;
  /** Sessions where the person is a mentor, invitee or enrolled mentee. */
  readonly participantId?: PersonId;
  readonly mentorId?: PersonId;
  readonly statuses?: readonly SessionStatus[];
  /** startsAt > startsAfter */
  readonly startsAfter?: Date;
  /** startsAt <= startsBefore (started by then: with `endsAfter`, the live ones). */
  readonly startsBefore?: Date;
  /** endsAt > endsAfter */
  readonly endsAfter?: Date;
  /** endsAt <= endsBefore (ended by then, as `effectiveStatus` counts it). */
  readonly endsBefore?: Date;
  readonly limit: number;
  readonly sort?: 'startsAsc' | 'startsDesc';
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  get(id: SessionId): Promise<Session | undefined>;
  find(query: SessionQuery): Promise<Session[]>;
  /** How many sessions `find` would give without a limit. */
  count(query: Omit<SessionQuery, 'limit' | 'sort'>): Promise<number>;
  /**
   * Replaces the editable fields if the stored version is `expectedVersion` and its status
   * is one of `statuses`; returns the new session, or undefined when the condition failed.
   */
  update(
    id: SessionId,
    expectedVersion: number,
    statuses: readonly SessionStatus[],
    changes: Partial<Omit<Session, 'id' | 'workspaceId' | 'createdAt' | 'createdBy' | 'version'>>,
    now: Date,
  ): Promise<Session | undefined>;
  /** One atomic conditional update: seats left, status open, not already in. */
  enrol(id: SessionId, menteeId: PersonId, now: Date): Promise<EnrolOutcome>;
  /** Adds invitees in one atomic update if seats allow; 'full' otherwise, changing nothing. */
  invite(
    id: SessionId,
    menteeIds: readonly PersonId[],
    now: Date,
  ): Promise<'invited' | 'full' | 'closed'>;
  /** Conditional status change (e.g. published -> live); undefined when not in `from`. */
  setStatus(
    id: SessionId,
    from: readonly SessionStatus[],
    to: SessionStatus,
    now: Date,
  ): Promise<Session | undefined>;
}

export interface RequestQuery {
  readonly workspaceId: WorkspaceId;
  readonly menteeId?: PersonId;
  readonly mentorId?: PersonId;
  readonly kind?: RequestKind;
  readonly statuses?: readonly RequestStatus[];
  readonly limit: number;
}

export interface RequestRepository {
  /** 'duplicate' when the pair already has an open (pending) request: a unique index. */
  insert(request: MentorshipRequest): Promise<'created' | 'duplicate'>;
  get(id: RequestId): Promise<MentorshipRequest | undefined>;
  findPending(menteeId: PersonId, mentorId: PersonId): Promise<MentorshipRequest | undefined>;
  find(query: RequestQuery): Promise<MentorshipRequest[]>;
  /** How many requests `find` would give without a limit. */
  count(query: Omit<RequestQuery, 'limit'>): Promise<number>;
  /** Conditional status change; undefined when the request is not in one of `from`. */
  transition(
    id: RequestId,
    from: readonly RequestStatus[],
    to: RequestStatus,
    now: Date,
    changes?: { sessionId?: string },
  ): Promise<MentorshipRequest | undefined>;
  /** Pending requests whose `expiresAt` has passed. */
  findExpired(now: Date, limit: number): Promise<MentorshipRequest[]>;
}

export interface BookingRepository {
  /** Claims a slot of a mentor's availability; false when it is already booked. */
  claim(booking: {
    mentorId: PersonId;
    startsAt: Date;
    endsAt: Date;
    menteeId: PersonId;
    sessionId: SessionId;
    createdAt: Date;
  }): Promise<boolean>;
  bookedStarts(mentorId: PersonId, from: Date, until: Date): Promise<Date[]>;
  /** Frees the slot a booked session held (the session was cancelled), so it can be booked again. */
  release(sessionId: SessionId): Promise<void>;
}

/**
 * Remembers every message a scheduled job delivered, under a unique key (session, person,
 * kind, offset), so a job that runs twice, or on two instances at once, sends nothing twice.
 */
export interface DeliveryLog {
  /**
   * True when this call took the key and so must deliver. False when the message was sent,
   * or another run is sending it right now. A claim left unfinished for long (its process
   * died mid-send) may be taken over.
   */
  claim(key: string, now: Date): Promise<boolean>;
  /** Records that the claimed message went out. */
  markSent(key: string, now: Date): Promise<void>;
  /** Gives a claim back after a failed delivery, so a retry can deliver it. */
  release(key: string): Promise<void>;
}

/** Runs work in one database transaction: all of it applies, or none. */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Remembers the result of a command by its idempotency key, so a repeated command returns
 * the first result and changes nothing. Used inside the command's transaction.
 */
export interface IdempotencyStore {
  /** The stored result, if this key was seen. */
  get(key: string): Promise<{ result: unknown } | undefined>;
  /** Records the result; 'duplicate' if another command with this key got there first. */
  put(key: string, result: unknown, now: Date): Promise<'stored' | 'duplicate'>;
}

/** Delivers a message to a person on their platform (a Slack DM, a Teams proactive message). */
export interface Notifier {
  notify(notification: Notification): Promise<void>;
}

/** Time-based effects (reminders, live, completed), implemented with Agenda by the jobs. */
export interface Scheduler {
  /** Creates or moves the session's jobs to match its times. */
  sessionScheduled(
    session: Pick<Session, 'id' | 'startsAt' | 'endsAt'>,
    reminderOffsetsMinutes: readonly number[],
  ): Promise<void>;
  sessionCancelled(sessionId: SessionId): Promise<void>;
}

/** A session's room on the video-meeting service the product runs itself (BigBlueButton, M4). */
export interface MeetingRoom {
  readonly id: SessionId;
  readonly name: string;
}

/**
 * The video-meeting service behind the default platform. Configured or not at all: without
 * it BigBlueButton is not offered (`CoreDeps.rooms` is undefined).
 */
export interface MeetingRooms {
  /** Makes sure the room exists; calling it again for the same room changes nothing. */
  open(room: MeetingRoom): Promise<void>;
  /** The link that lets this person in, as a moderator (mentors) or a viewer (mentees). */
  joinUrl(
    room: MeetingRoom,
    person: { readonly id: string; readonly name: string },
    role: 'moderator' | 'viewer',
  ): string;
}

/** An image a person sent, kept by the service (docs/product.md#session-image). */
export interface StoredImage {
  readonly id: string;
  readonly workspaceId: WorkspaceId;
  readonly sessionId: SessionId;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly createdAt: Date;
}

/**
 * Session images kept by the service, shown through links it serves and signs itself, so a
 * card shows them to anyone who has it without a login.
 */
export interface ImageStore {
  save(image: StoredImage): Promise<void>;
  /** Copies an image for another session (a clone); false when it is gone. */
  copy(
    fromId: string,
    to: { readonly id: string; readonly sessionId: SessionId; readonly createdAt: Date },
  ): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** The link that shows the image. */
  url(id: string): string;
}

export interface IdGenerator {
  next(): string;
}
