import { randomUUID } from 'node:crypto';
import { type Collection, type Db, MongoBulkWriteError } from 'mongodb';
import type { IndexDeclaration } from './indexes.js';
import { isDuplicateKey, sessionOption } from './transaction.js';
import { TurnBatch } from './turn-batch.js';

/**
 * Accepted interactions (a Slack click, a Teams activity), recorded before they are
 * answered, so that an answered interaction outlives a crash, a stop that ran out of time,
 * or an instance that died. `_id` is the interaction's idempotency key: a retry or a double
 * click is one entry. An entry is `pending` while it is worked by its `owner` (an instance),
 * and `done` once worked (in the same transaction as the command it ran, when it ran one);
 * an `abandoned` one was answered "try again" because it could not be recorded in time.
 *
 * An owner is alive while it keeps its heartbeat (`inbox_owners`, renewed every few
 * seconds: one write, however many entries it holds). A pending entry whose owner is not
 * alive (it died, or stopped and handed its entries back) is claimed by a live instance and
 * worked again, oldest first; the use cases' own idempotency keys make that apply once.
 */
export interface InboxEntry {
  readonly _id: string;
  readonly platform: 'slack' | 'teams';
  /** Whose it is: one person's entries are worked in the order received. */
  readonly lane: string | undefined;
  /** What the platform sent, as the adapter needs it to work the interaction again. */
  readonly payload?: string;
  readonly receivedAt: Date;
  readonly state: 'pending' | 'done' | 'abandoned';
  /** The instance working it; '' once handed back. */
  readonly owner: string;
  /** Not claimed before this (its work failed because the database did). */
  readonly notBefore?: Date;
  readonly attempts: number;
}

interface OwnerDoc {
  readonly _id: string;
  readonly aliveUntil: Date;
}

export type NewInboxEntry = Pick<
  InboxEntry,
  '_id' | 'platform' | 'lane' | 'payload' | 'receivedAt'
>;

export const INBOX_COLLECTION = 'inbox';
const OWNERS_COLLECTION = 'inbox_owners';

// Only pending entries are in the two partial indexes: they stay small however many
// interactions were answered today.
const pending = { partialFilterExpression: { state: 'pending' } };
export const inboxIndexes: IndexDeclaration[] = [
  // A person's interactions still waiting, oldest first.
  {
    collection: INBOX_COLLECTION,
    key: { lane: 1, receivedAt: 1 },
    options: { name: 'pending_by_lane', ...pending },
  },
  // What waits, oldest first (the sweep for dead owners' entries).
  {
    collection: INBOX_COLLECTION,
    key: { receivedAt: 1, owner: 1 },
    options: { name: 'pending_by_age', ...pending },
  },
  // As long as the idempotency keys: a retry a day later is long past any platform's.
  {
    collection: INBOX_COLLECTION,
    key: { receivedAt: 1 },
    options: { name: 'expire_after_a_day', expireAfterSeconds: 24 * 60 * 60 },
  },
  {
    collection: OWNERS_COLLECTION,
    key: { aliveUntil: 1 },
    options: { name: 'expire_after_an_hour', expireAfterSeconds: 60 * 60 },
  },
];

const DONE = { $set: { state: 'done' as const }, $unset: { payload: '' as const } };

/**
 * Marks the interaction `key` done inside the transaction in progress (the command's), so
 * that its effect and the end of its entry commit together.
 */
export async function markInboxDoneInTransaction(db: Db, key: string): Promise<void> {
  await db
    .collection<InboxEntry>(INBOX_COLLECTION)
    .updateOne({ _id: key, state: 'pending' }, DONE, sessionOption());
}

export class MongoInbox {
  /** This process: entries it records or claims are its own. */
  readonly owner = randomUUID();
  private readonly collection: Collection<InboxEntry>;
  private readonly owners: Collection<OwnerDoc>;

  constructor(
    db: Db,
    /** How long an owner counts as alive after its last heartbeat. */
    private readonly leaseMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.collection = db.collection<InboxEntry>(INBOX_COLLECTION);
    this.owners = db.collection<OwnerDoc>(OWNERS_COLLECTION);
  }

  /**
   * Records an interaction owned by this process; 'duplicate' when its key is known. The
   * records of one event-loop turn (a burst's) are one unordered `insertMany`: one duplicate
   * (a retry, a double click) stops no other.
   */
  record(entry: NewInboxEntry): Promise<'recorded' | 'duplicate'> {
    return this.records.add(entry);
  }

  private readonly records = new TurnBatch<NewInboxEntry, 'recorded' | 'duplicate'>(
    async (entries) => {
      const docs = entries.map((entry) => ({
        ...entry,
        state: 'pending' as const,
        owner: this.owner,
        attempts: 1,
      }));
      try {
        await this.collection.insertMany(docs, { ordered: false });
        return entries.map(() => 'recorded');
      } catch (err) {
        if (!(err instanceof MongoBulkWriteError)) throw err;
        const failed = new Map<number, Error | 'duplicate'>();
        for (const { index, code } of [err.writeErrors].flat()) {
          failed.set(index, code === 11000 ? 'duplicate' : new Error(`inbox record: ${code}`));
        }
        return entries.map((_, index) => failed.get(index) ?? 'recorded');
      }
    },
  );

  /**
   * The interaction was answered "try again": whether its record landed or lands later
   * (the database was slow, not down), it is never worked.
   */
  async abandon(key: string): Promise<void> {
    try {
      await this.collection.updateOne(
        { _id: key, state: 'pending' },
        {
          $set: { state: 'abandoned' },
          $unset: { payload: '' },
          $setOnInsert: { receivedAt: this.now() },
        },
        // Not there yet: a tombstone, so that a record arriving after it is a duplicate.
        { upsert: true },
      );
    } catch (err) {
      // Already there and no longer pending (done, or abandoned before): nothing to do.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** The interaction was worked. The keys done in one event-loop turn are one update. */
  done(key: string): Promise<void> {
    return this.dones.add(key);
  }

  private readonly dones = new TurnBatch<string, undefined>(async (keys) => {
    await this.collection.updateMany({ _id: { $in: [...new Set(keys)] }, state: 'pending' }, DONE);
    return keys.map(() => undefined);
  });

  /** This process is alive for another lease. */
  async heartbeat(): Promise<void> {
    await this.owners.updateOne(
      { _id: this.owner },
      { $set: { aliveUntil: new Date(this.now().getTime() + this.leaseMs) } },
      { upsert: true },
    );
  }

  /** Hands one entry back, to be claimed again in `afterMs` (its work failed). */
  async retryLater(key: string, afterMs: number): Promise<void> {
    await this.collection.updateOne(
      { _id: key, state: 'pending', owner: this.owner },
      { $set: { owner: '', notBefore: new Date(this.now().getTime() + afterMs) } },
    );
  }

  /** Hands back everything this process holds (it is stopping): a live instance takes over now. */
  async release(): Promise<void> {
    await this.collection.updateMany(
      { state: 'pending', owner: this.owner },
      { $set: { owner: '' } },
    );
    await this.owners.deleteOne({ _id: this.owner });
  }

  private async alive(): Promise<string[]> {
    const live = await this.owners
      .find({ aliveUntil: { $gt: this.now() } }, { projection: { _id: 1 } })
      .toArray();
    return live.map((o) => o._id);
  }

  /**
   * Claims up to `limit` entries whose owner is not alive, oldest first (so one person's
   * clicks are worked again in the order they came). Each is claimed atomically, on the
   * owner it had: two instances never both get one.
   */
  async claimOrphaned(limit: number): Promise<InboxEntry[]> {
    const now = this.now();
    const candidates = await this.collection
      .find(
        {
          state: 'pending',
          owner: { $nin: [...(await this.alive()), this.owner] },
          $or: [{ notBefore: { $exists: false } }, { notBefore: { $lt: now } }],
        },
        { projection: { _id: 1, owner: 1 } },
      )
      .sort({ receivedAt: 1 })
      .limit(limit)
      .toArray();
    const claimed: InboxEntry[] = [];
    for (const candidate of candidates) {
      const entry = await this.take(candidate);
      if (entry) claimed.push(entry);
    }
    return claimed;
  }

  /** Takes an entry still held by `owner` (atomically); null when it is done or taken. */
  take(candidate: Pick<InboxEntry, '_id' | 'owner'>): Promise<InboxEntry | null> {
    return this.collection.findOneAndUpdate(
      { _id: candidate._id, state: 'pending', owner: candidate.owner },
      { $set: { owner: this.owner }, $unset: { notBefore: '' }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    );
  }

  /** Claims one entry if its owner is not alive; null when it is (or it is done). */
  async claim(key: string): Promise<InboxEntry | null> {
    const entry = await this.collection.findOne(
      { _id: key, state: 'pending' },
      { projection: { owner: 1 } },
    );
    if (!entry || entry.owner === this.owner) return null;
    if (
      entry.owner &&
      (await this.owners.countDocuments({ _id: entry.owner, aliveUntil: { $gt: this.now() } })) > 0
    )
      return null;
    return this.take(entry);
  }

  /** Entries this process holds that were received before `before` (none is lost in it). */
  heldSince(before: Date, limit: number): Promise<InboxEntry[]> {
    return this.collection
      .find({ state: 'pending', owner: this.owner, receivedAt: { $lt: before } })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Whether a person has entries received before `before`, not done, that another instance
   * holds or handed back. Asked for each interaction before its work: the questions of one
   * turn are one query, answered in the order asked.
   */
  heldElsewhereInLane(lane: string, before: Date): Promise<boolean> {
    return this.elsewhere.add({ lane, before });
  }

  private readonly elsewhere = new TurnBatch<{ lane: string; before: Date }, boolean>(
    async (asked) => {
      const held = await this.collection
        .find(
          {
            lane: { $in: [...new Set(asked.map((a) => a.lane))] },
            state: 'pending',
            owner: { $ne: this.owner },
          },
          { projection: { _id: 0, lane: 1, receivedAt: 1 } },
        )
        .toArray();
      return asked.map(({ lane, before }) =>
        held.some((entry) => entry.lane === lane && entry.receivedAt < before),
      );
    },
    true,
  );

  /** A person's entries received before `before` and not done yet, oldest first. */
  olderInLane(lane: string, before: Date): Promise<Pick<InboxEntry, '_id' | 'owner'>[]> {
    return this.collection
      .find(
        { lane, state: 'pending', receivedAt: { $lt: before } },
        { projection: { _id: 1, owner: 1 } },
      )
      .sort({ receivedAt: 1 })
      .limit(20)
      .toArray();
  }

  /** How many interactions wait to be worked (tests, metrics). */
  pending(): Promise<number> {
    return this.collection.countDocuments({ state: 'pending' });
  }
}
