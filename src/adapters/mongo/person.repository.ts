import type { Collection, Db, Filter } from 'mongodb';
import {
  type MenteeProfile,
  type MentorProfile,
  type Person,
  type PersonId,
  personIdOf,
  type Role,
  type WorkspaceId,
  workspaceIdOf,
} from '../../core/people/person.js';
import type { ArrivingIdentity, MenteeSearch, PersonRepository } from '../../core/ports.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, sessionOption } from './transaction.js';

/** Stored person: the core type plus lower-cased keys that searches use with an index. */
type PersonDoc = Omit<Person, 'id'> & {
  _id: PersonId;
  /** Lower-cased interests, for exact, case-insensitive tag search. */
  interestKeys: string[];
  /** Lower-cased expertise, for mentor search. */
  expertiseKeys: string[];
};

export const personIndexes: IndexDeclaration[] = [
  {
    collection: 'people',
    key: { workspaceId: 1, 'menteeProfile.lookingForMentor': 1, interestKeys: 1 },
    options: { name: 'mentee_search' },
  },
  {
    collection: 'people',
    key: { workspaceId: 1, 'menteeProfile.lookingForMentor': 1 },
    options: { name: 'mentees_looking' },
  },
  { collection: 'people', key: { workspaceId: 1, roles: 1 }, options: { name: 'workspace_roles' } },
];

const lower = (list: readonly string[] = []) => [
  ...new Set(list.map((s) => s.trim().toLowerCase())),
];

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toPerson(doc: PersonDoc): Person {
  const { _id, interestKeys: _i, expertiseKeys: _e, ...rest } = doc;
  return { id: _id, ...rest };
}

/** Mentors by name, headline or expertise (everyone holding the role when `text` is empty). */
function mentorFilter(
  workspaceId: WorkspaceId,
  text: string | undefined,
  excludeId?: PersonId,
): Filter<PersonDoc> {
  const filter: Filter<PersonDoc> = { workspaceId, roles: 'mentor' };
  if (text?.trim()) {
    const pattern = new RegExp(escapeRegex(text.trim()), 'i');
    filter.$or = [
      { displayName: pattern },
      { 'mentorProfile.expertise': pattern },
      { 'mentorProfile.headline': pattern },
    ];
  }
  if (excludeId) filter._id = { $ne: excludeId };
  return filter;
}

export class MongoPersonRepository implements PersonRepository {
  private readonly collection: Collection<PersonDoc>;

  constructor(db: Db) {
    this.collection = db.collection<PersonDoc>('people');
  }

  get(id: PersonId) {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: id }, sessionOption());
      return doc ? toPerson(doc) : undefined;
    });
  }

  getMany(ids: readonly PersonId[]) {
    return guard(async () => {
      if (ids.length === 0) return [];
      const docs = await this.collection
        .find({ _id: { $in: [...ids] } }, sessionOption())
        .toArray();
      const byId = new Map(docs.map((d) => [d._id, toPerson(d)]));
      return ids.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
    });
  }

  upsertIdentity(identity: ArrivingIdentity, now: Date) {
    return guard(async () => {
      const id = personIdOf(identity.platform, identity.tenantId, identity.userId);
      const doc = await this.collection.findOneAndUpdate(
        { _id: id },
        {
          $set: {
            displayName: identity.displayName,
            // The platform told the person's own zone: it replaces whatever was there.
            ...(identity.timeZone
              ? { timeZone: identity.timeZone, timeZoneFrom: 'platform' as const }
              : {}),
            ...(identity.email ? { email: identity.email } : {}),
            updatedAt: now,
          },
          $setOnInsert: {
            workspaceId: workspaceIdOf(identity.platform, identity.tenantId),
            platform: identity.platform,
            tenantId: identity.tenantId,
            userId: identity.userId,
            // Not told: a local tool's zone, or the workspace's default, marked as not theirs
            // (docs/product.md#time).
            ...(identity.timeZone
              ? {}
              : identity.fallbackTimeZone
                ? { timeZone: identity.fallbackTimeZone, timeZoneFrom: 'platform' as const }
                : {
                    timeZone: identity.workspaceTimeZone ?? 'UTC',
                    timeZoneFrom: 'workspace' as const,
                  }),
            roles: [],
            menteeProfile: { interests: [], lookingForMentor: false },
            interestKeys: [],
            expertiseKeys: [],
            createdAt: now,
          },
        },
        { upsert: true, returnDocument: 'after', ...sessionOption() },
      );
      if (!doc) throw new Error(`upsert of person ${id} returned nothing`);
      return toPerson(doc);
    });
  }

  private update(id: PersonId, update: object) {
    return guard(async () => {
      const doc = await this.collection.findOneAndUpdate({ _id: id }, update, {
        returnDocument: 'after',
        ...sessionOption(),
      });
      return doc ? toPerson(doc) : undefined;
    });
  }

  addRole(id: PersonId, role: Role, now: Date) {
    return this.update(id, { $addToSet: { roles: role }, $set: { updatedAt: now } });
  }

  removeRole(id: PersonId, role: Role, now: Date) {
    return this.update(id, { $pull: { roles: role }, $set: { updatedAt: now } });
  }

  setTimeZone(id: PersonId, timeZone: string, now: Date) {
    return this.update(id, { $set: { timeZone, timeZoneFrom: 'person', updatedAt: now } });
  }

  followDefaultZone(workspaceId: WorkspaceId, timeZone: string, now: Date) {
    return guard(async () => {
      await this.collection.updateMany(
        { workspaceId, timeZoneFrom: 'workspace' },
        { $set: { timeZone, updatedAt: now } },
        sessionOption(),
      );
    });
  }

  saveMentorProfile(id: PersonId, profile: MentorProfile, now: Date) {
    return this.update(id, {
      $set: { mentorProfile: profile, expertiseKeys: lower(profile.expertise), updatedAt: now },
    });
  }

  saveMenteeProfile(id: PersonId, profile: MenteeProfile, now: Date) {
    return this.update(id, {
      $set: { menteeProfile: profile, interestKeys: lower(profile.interests), updatedAt: now },
    });
  }

  searchMentees(query: MenteeSearch) {
    return guard(async () => {
      const filter: Filter<PersonDoc> = {
        workspaceId: query.workspaceId,
        'menteeProfile.lookingForMentor': true,
      };
      if (query.tag) filter.interestKeys = query.tag.trim().toLowerCase();
      if (query.text?.trim()) {
        const pattern = new RegExp(escapeRegex(query.text.trim()), 'i');
        filter.$or = [{ displayName: pattern }, { 'menteeProfile.interests': pattern }];
      }
      if (query.excludeId) filter._id = { $ne: query.excludeId };
      return this.byName(filter, query.limit);
    });
  }

  searchByName(workspaceId: WorkspaceId, text: string, limit: number, excludeId?: PersonId) {
    return guard(async () => {
      const filter: Filter<PersonDoc> = {
        workspaceId,
        ...(text.trim() ? { displayName: new RegExp(escapeRegex(text.trim()), 'i') } : {}),
        ...(excludeId ? { _id: { $ne: excludeId } } : {}),
      };
      return this.byName(filter, limit);
    });
  }

  listMentors(
    workspaceId: WorkspaceId,
    text: string | undefined,
    limit: number,
    excludeId?: PersonId,
  ) {
    return guard(() => this.byName(mentorFilter(workspaceId, text, excludeId), limit));
  }

  countMentors(workspaceId: WorkspaceId, text: string | undefined, excludeId?: PersonId) {
    return guard(() =>
      this.collection.countDocuments(mentorFilter(workspaceId, text, excludeId), sessionOption()),
    );
  }

  /** People matching `filter`, in name order (ties by id), at most `limit`. */
  private async byName(filter: Filter<PersonDoc>, limit: number): Promise<Person[]> {
    const docs = await this.collection
      .find(filter, sessionOption())
      .sort({ displayName: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toPerson);
  }
}
