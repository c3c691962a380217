import type { Collection, Db } from 'mongodb';
import type { DeliveryLog } from '../../core/ports.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, isDuplicateKey } from './transaction.js';

interface DeliveryDoc {
  _id: string;
  state: 'sending' | 'sent';
  /** When the claim was taken, or the message sent. */
  at: Date;
}

/** Kept 60 days: far longer than any job could run again for the same occurrence. */
export const deliveryIndexes: IndexDeclaration[] = [
  {
    collection: 'deliveries',
    key: { at: 1 },
    options: { name: 'expire_after_60_days', expireAfterSeconds: 60 * 24 * 60 * 60 },
  },
];

/** Two minutes: far longer than one message takes, so a live sender is never overtaken. */
export const DEFAULT_STALE_CLAIM_MS = 2 * 60_000;

/**
 * The unique `_id` is the delivery key: inserting it is the claim. A claim still `sending`
 * after `staleClaimMs` belongs to a run that died mid-send, and the next run takes it over.
 */
export class MongoDeliveryLog implements DeliveryLog {
  private readonly collection: Collection<DeliveryDoc>;

  constructor(
    db: Db,
    private readonly staleClaimMs = DEFAULT_STALE_CLAIM_MS,
  ) {
    this.collection = db.collection<DeliveryDoc>('deliveries');
  }

  claim(key: string, now: Date) {
    return guard(async () => {
      try {
        await this.collection.insertOne({ _id: key, state: 'sending', at: now });
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const takenOver = await this.collection.findOneAndUpdate(
        { _id: key, state: 'sending', at: { $lt: new Date(now.getTime() - this.staleClaimMs) } },
        { $set: { at: now } },
      );
      return takenOver !== null;
    });
  }

  markSent(key: string, now: Date) {
    return guard(async () => {
      await this.collection.updateOne({ _id: key }, { $set: { state: 'sent', at: now } });
    });
  }

  release(key: string) {
    return guard(async () => {
      await this.collection.deleteOne({ _id: key, state: 'sending' });
    });
  }
}
