import type { Collection, Db } from 'mongodb';
import { InfrastructureError } from '../../core/errors.js';
import type { PersonId } from '../../core/people/person.js';
import { ensureIndexes, type IndexDeclaration } from '../mongo/indexes.js';

/**
 * Who pressed *Add image* on a session and so may send its image as their next message in
 * the chat (docs/product.md#session-image). One waiting session per person, for a while;
 * kept in MongoDB, so the image may arrive at another instance than the press did.
 */

const COLLECTION = 'teams_image_waits';

/** How long after *Add image* an image sent in the chat is taken for that session. */
export const IMAGE_WAIT_MS = 15 * 60_000;

interface WaitDoc {
  _id: PersonId;
  sessionId: string;
  until: Date;
}

const indexes: readonly IndexDeclaration[] = [
  {
    collection: COLLECTION,
    key: { until: 1 },
    // Old waits go away by themselves.
    options: { name: 'expiry', expireAfterSeconds: 0 },
  },
];

const wrap = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
  try {
    return await op();
  } catch (err) {
    throw new InfrastructureError(`teams image waits: ${what} failed`, { cause: err });
  }
};

export class ImageWaits {
  private constructor(private readonly collection: Collection<WaitDoc>) {}

  static async create(db: Db): Promise<ImageWaits> {
    await ensureIndexes(db, indexes);
    return new ImageWaits(db.collection<WaitDoc>(COLLECTION));
  }

  /** `personId` will send the image of `sessionId` next (replacing any earlier wait). */
  expect(personId: PersonId, sessionId: string, now: Date): Promise<void> {
    return wrap('expect', async () => {
      const until = new Date(now.getTime() + IMAGE_WAIT_MS);
      await this.collection.replaceOne({ _id: personId }, { sessionId, until }, { upsert: true });
    });
  }

  /** The session whose image `personId` is sending now, if they pressed *Add image* lately. */
  waiting(personId: PersonId, now: Date): Promise<string | undefined> {
    return wrap('read', async () => {
      const doc = await this.collection.findOne({ _id: personId, until: { $gt: now } });
      return doc?.sessionId;
    });
  }

  /** The image arrived (or the person moved on): nothing is waited for any more. */
  done(personId: PersonId): Promise<void> {
    return wrap('clear', async () => {
      await this.collection.deleteOne({ _id: personId });
    });
  }
}
