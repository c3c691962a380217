import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { IndexDeclaration } from './indexes.js';
import { isDuplicateKey, sessionOption } from './transaction.js';

/**
 * Accepted interactions (a Slack click, a Teams activity), recorded before they are
 * answered, so that an answered interaction outlives a crash, a stop that ran out of time,
 * or an instance that died. `_id` is the interaction's idempotency key: a retry or a double
 * click is one entry. An entry is `pending` while it is worked, leased to the instance working
 * it, and `done` once worked (in the same transaction as the command it ran, when it ran one);
 * an `abandoned` one was answered "try again" because it could not be recorded in time.
 * A pending entry whose lease ran out is claimed by a live instance and worked again, oldest
 * first; the use cases' own idempotency keys make that apply once.
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
  readonly owner: string;
  readonly leaseUntil: Date;
  readonly attempts: number;
}

export type NewInboxEntry = Pick<InboxEntry, '_id' | 'platform' | 'lane' | 'payload'>;

export const INBOX_COLLECTION = 'inbox';

export const inboxIndexes: IndexDeclaration[] = [
  { collection: INBOX_COLLECTION, key: { state: 1, leaseUntil: 1 }, options: { name: 'by_lease' } },
  // As long as the idempotency keys: a retry a day later is long past any platform's.
  {
    collection: INBOX_COLLECTION,
    key: { receivedAt: 1 },
    options: { name: 'expire_after_a_day', expireAfterSeconds: 24 * 60 * 60 },
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
  /** This process: entries it records or claims are leased to it. */
  readonly owner = randomUUID();
  private readonly collection: Collection<InboxEntry>;

  constructor(
    db: Db,
    private readonly leaseMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.collection = db.collection<InboxEntry>(INBOX_COLLECTION);
  }

  private leaseEnd(ms = this.leaseMs) {
    return new Date(this.now().getTime() + ms);
  }

  /** Records an interaction leased to this process; 'duplicate' when its key is known. */
  async record(entry: NewInboxEntry): Promise<'recorded' | 'duplicate'> {
    try {
      await this.collection.insertOne({
        ...entry,
        receivedAt: this.now(),
        state: 'pending',
        owner: this.owner,
        leaseUntil: this.leaseEnd(),
        attempts: 1,
      });
      return 'recorded';
    } catch (err) {
      if (isDuplicateKey(err)) return 'duplicate';
      throw err;
    }
  }

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

  /** The interaction was worked. */
  async done(key: string): Promise<void> {
    await this.collection.updateOne({ _id: key, state: 'pending' }, DONE);
  }

  /** Keeps the leases of everything this process is still working. */
  async renew(): Promise<void> {
    await this.collection.updateMany(
      { state: 'pending', owner: this.owner },
      { $set: { leaseUntil: this.leaseEnd() } },
    );
  }

  /** Gives one entry back, to be claimed again in `afterMs` (its work failed). */
  async retryLater(key: string, afterMs: number): Promise<void> {
    await this.collection.updateOne(
      { _id: key, state: 'pending', owner: this.owner },
      { $set: { leaseUntil: this.leaseEnd(afterMs) } },
    );
  }

  /** Gives up this process's leases (it is stopping): a live instance takes over now. */
  async release(): Promise<void> {
    await this.collection.updateMany(
      { state: 'pending', owner: this.owner },
      { $set: { leaseUntil: new Date(0), owner: '' } },
    );
  }

  /**
   * Claims up to `limit` entries whose lease ran out, oldest first (so one person's clicks
   * are worked again in the order they came). Each is claimed atomically: two instances
   * never both get one.
   */
  async claimExpired(limit: number): Promise<InboxEntry[]> {
    const now = this.now();
    const candidates = await this.collection
      .find({ state: 'pending', leaseUntil: { $lt: now } }, { projection: { _id: 1 } })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .toArray();
    const claimed: InboxEntry[] = [];
    for (const { _id } of candidates) {
      const entry = await this.collection.findOneAndUpdate(
        { _id, state: 'pending', leaseUntil: { $lt: now } },
        { $set: { owner: this.owner, leaseUntil: this.leaseEnd() }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      );
      if (entry) claimed.push(entry);
    }
    return claimed;
  }

  /** How many interactions wait to be worked (tests, metrics). */
  pending(): Promise<number> {
    return this.collection.countDocuments({ state: 'pending' });
  }
}
