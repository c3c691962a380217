import type { Collection, Db } from 'mongodb';
import type { IdempotencyStore } from '../../core/ports.js';
import { currentInteraction } from '../interaction.js';
import { markInboxDoneInTransaction } from './inbox.repository.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, isDuplicateKey, sessionOption } from './transaction.js';

interface IdempotencyDoc {
  _id: string;
  result: unknown;
  createdAt: Date;
}

/** Keys are kept for a day: long enough for any platform retry or double click. */
export const idempotencyIndexes: IndexDeclaration[] = [
  {
    collection: 'idempotency',
    key: { createdAt: 1 },
    options: { name: 'expire_after_a_day', expireAfterSeconds: 24 * 60 * 60 },
  },
];

export class MongoIdempotencyStore implements IdempotencyStore {
  private readonly collection: Collection<IdempotencyDoc>;

  constructor(private readonly db: Db) {
    this.collection = db.collection<IdempotencyDoc>('idempotency');
  }

  get(key: string) {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: key }, sessionOption());
      return doc ? { result: doc.result } : undefined;
    });
  }

  put(key: string, result: unknown, now: Date) {
    return guard(async (): Promise<'stored' | 'duplicate'> => {
      try {
        // A result of `undefined` is stored as null: BSON has no undefined.
        await this.collection.insertOne(
          { _id: key, result: result ?? null, createdAt: now },
          sessionOption(),
        );
        // The command's effect and the end of the interaction that ran it (its inbox
        // entry) commit together: worked again after a crash, it is either wholly done
        // or not at all.
        const interaction = currentInteraction()?.key;
        if (interaction) await markInboxDoneInTransaction(this.db, interaction);
        return 'stored';
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
    });
  }
}
