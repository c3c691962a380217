import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import type { PersonId } from '../../core/people/person.js';
import type { EnrolOutcome, SessionQuery, SessionRepository } from '../../core/ports.js';
import type { Session, SessionId, SessionStatus } from '../../core/sessions/session.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, sessionOption } from './transaction.js';

type SessionDoc = Omit<Session, 'id'> & { _id: SessionId };

type Changes = Parameters<SessionRepository['update']>[3];

/** Each of "my sessions" lists and the enrolment check walk one of these. */
export const sessionIndexes: IndexDeclaration[] = [
  {
    collection: 'sessions',
    key: { workspaceId: 1, mentorIds: 1, startsAt: 1 },
    options: { name: 'by_mentor' },
  },
  {
    collection: 'sessions',
    key: { workspaceId: 1, invitedIds: 1, startsAt: 1 },
    options: { name: 'by_invitee' },
  },
  {
    collection: 'sessions',
    key: { workspaceId: 1, enrolledIds: 1, startsAt: 1 },
    options: { name: 'by_enrolled' },
  },
  {
    collection: 'sessions',
    key: { workspaceId: 1, status: 1, startsAt: 1 },
    options: { name: 'by_status' },
  },
];

/**
 * Invitees may be added to a draft, or to a published session before its start: the same
 * rule as `detailsEditable` in the core, as a filter and as a check.
 */
const invitable = (now: Date) => [
  { status: 'draft' as const },
  { status: 'published' as const, startsAt: { $gt: now } },
];
const isInvitable = (s: Pick<Session, 'status' | 'startsAt'>, now: Date) =>
  s.status === 'draft' || (s.status === 'published' && s.startsAt > now);

const toSession = ({ _id, ...rest }: SessionDoc): Session => ({ id: _id, ...rest });

/** Splits partial changes into `$set` and `$unset`: an optional field set to undefined is removed. */
function changeSet(changes: Changes): { $set: Partial<SessionDoc>; $unset: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) $unset[key] = '';
    else $set[key] = value;
  }
  return { $set: $set as Partial<SessionDoc>, $unset };
}

/** A range condition with only the bounds that are given; undefined when none is. */
function range(bounds: Record<'$gt' | '$lte', Date | undefined>): Record<string, Date> | undefined {
  const given = Object.entries(bounds).filter((e): e is [string, Date] => e[1] !== undefined);
  return given.length > 0 ? Object.fromEntries(given) : undefined;
}

/** The filter of a session query (its limit and order aside). */
function sessionFilter(query: Omit<SessionQuery, 'limit' | 'sort'>): Filter<SessionDoc> {
  // Built as a plain record: the core types are readonly, the filter is assembled here.
  const filter: Record<string, unknown> = { workspaceId: query.workspaceId };
  if (query.participantId) {
    const id = query.participantId;
    filter.$or = [{ mentorIds: id }, { invitedIds: id }, { enrolledIds: id }];
  }
  if (query.mentorId) filter.mentorIds = query.mentorId;
  if (query.statuses) filter.status = { $in: [...query.statuses] };
  const startsAt = range({ $gt: query.startsAfter, $lte: query.startsBefore });
  if (startsAt) filter.startsAt = startsAt;
  const endsAt = range({ $gt: query.endsAfter, $lte: query.endsBefore });
  if (endsAt) filter.endsAt = endsAt;
  return filter as Filter<SessionDoc>;
}

export class MongoSessionRepository implements SessionRepository {
  private readonly collection: Collection<SessionDoc>;

  constructor(db: Db) {
    this.collection = db.collection<SessionDoc>('sessions');
  }

  insert(session: Session) {
    return guard(async () => {
      const { id, ...rest } = session;
      await this.collection.insertOne({ _id: id, ...rest }, sessionOption());
    });
  }

  get(id: SessionId) {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: id }, sessionOption());
      return doc ? toSession(doc) : undefined;
    });
  }

  find(query: SessionQuery) {
    return guard(async () => {
      const direction = query.sort === 'startsDesc' ? -1 : 1;
      const docs = await this.collection
        .find(sessionFilter(query), sessionOption())
        .sort({ startsAt: direction, _id: direction })
        .limit(query.limit)
        .toArray();
      return docs.map(toSession);
    });
  }

  count(query: Omit<SessionQuery, 'limit' | 'sort'>) {
    return guard(() => this.collection.countDocuments(sessionFilter(query), sessionOption()));
  }

  update(
    id: SessionId,
    expectedVersion: number,
    statuses: readonly SessionStatus[],
    changes: Changes,
    now: Date,
  ) {
    return guard(async () => {
      const { $set, $unset } = changeSet(changes);
      const update: UpdateFilter<SessionDoc> = {
        $set: { ...$set, updatedAt: now },
        $inc: { version: 1 },
      };
      if (Object.keys($unset).length > 0) update.$unset = $unset;
      const doc = await this.collection.findOneAndUpdate(
        { _id: id, version: expectedVersion, status: { $in: [...statuses] } },
        update,
        { returnDocument: 'after', ...sessionOption() },
      );
      return doc ? toSession(doc) : undefined;
    });
  }

  /**
   * One conditional update decides the seat, so two mentees racing for the last seat cannot
   * both win. Invitees already hold a seat: they move from invited to enrolled. Other mentees
   * need a public session with a free seat. The document is read only to explain a refusal.
   */
  enrol(id: SessionId, menteeId: PersonId, now: Date) {
    return guard(async (): Promise<EnrolOutcome> => {
      const taken = { $add: [{ $size: '$invitedIds' }, { $size: '$enrolledIds' }] };
      const doc = await this.collection.findOneAndUpdate(
        {
          _id: id,
          status: 'published',
          startsAt: { $gt: now },
          enrolledIds: { $ne: menteeId },
          $or: [
            { invitedIds: menteeId },
            { type: 'public', $expr: { $lt: [taken, '$seatLimit'] } },
          ],
        },
        {
          $pull: { invitedIds: menteeId },
          $addToSet: { enrolledIds: menteeId },
          $set: { updatedAt: now },
          $inc: { version: 1 },
        },
        { returnDocument: 'after', projection: { _id: 1 }, ...sessionOption() },
      );
      if (doc) return 'enrolled';
      const current = await this.collection.findOne({ _id: id }, sessionOption());
      if (current?.status !== 'published' || current.startsAt <= now) return 'closed';
      if (current.enrolledIds.includes(menteeId)) return 'already';
      // Published, open and not enrolled: the only reason left is no seat for this mentee
      // (including a private session they are not invited to).
      return 'full';
    });
  }

  /**
   * Adds invitees in one conditional update: the filter counts invited + enrolled + the new
   * people (a set union, so someone already invited or enrolled is not counted twice)
   * against the seat limit, and refuses if any of them enrolled in the meantime.
   */
  invite(id: SessionId, menteeIds: readonly PersonId[], now: Date) {
    return guard(async (): Promise<'invited' | 'full' | 'closed'> => {
      const ids = [...new Set(menteeIds)];
      if (ids.length === 0) return 'invited';
      const doc = await this.collection.findOneAndUpdate(
        {
          _id: id,
          $or: invitable(now),
          enrolledIds: { $nin: ids },
          $expr: {
            $lte: [
              { $size: { $setUnion: ['$invitedIds', '$enrolledIds', { $literal: ids }] } },
              '$seatLimit',
            ],
          },
        },
        {
          $addToSet: { invitedIds: { $each: ids } },
          $set: { updatedAt: now },
          $inc: { version: 1 },
        },
        { returnDocument: 'after', projection: { _id: 1 }, ...sessionOption() },
      );
      if (doc) return 'invited';
      const current = await this.collection.findOne({ _id: id }, sessionOption());
      if (!current || !isInvitable(current, now)) return 'closed';
      // Someone already enrolled needs no invitation; invite the others.
      const enrolled = ids.filter((m) => current.enrolledIds.includes(m));
      if (enrolled.length > 0) {
        return this.invite(
          id,
          ids.filter((m) => !enrolled.includes(m)),
          now,
        );
      }
      return 'full';
    });
  }

  setStatus(id: SessionId, from: readonly SessionStatus[], to: SessionStatus, now: Date) {
    return guard(async () => {
      const doc = await this.collection.findOneAndUpdate(
        { _id: id, status: { $in: [...from] } },
        { $set: { status: to, updatedAt: now }, $inc: { version: 1 } },
        { returnDocument: 'after', ...sessionOption() },
      );
      return doc ? toSession(doc) : undefined;
    });
  }
}
