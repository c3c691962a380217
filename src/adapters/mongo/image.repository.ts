import { Binary, type Collection, type Db } from 'mongodb';
import type { StoredImage } from '../../core/ports.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, sessionOption } from './transaction.js';

/**
 * Session images the service keeps (docs/product.md#session-image): the bytes of an image a
 * mentor sent in a Teams chat, at most 5 MB each (the core's rule), one document each, well
 * under MongoDB's 16 MB document limit.
 */
interface ImageDoc {
  _id: string;
  workspaceId: string;
  sessionId: string;
  contentType: string;
  data: Binary;
  size: number;
  createdAt: Date;
}

export const imageIndexes: IndexDeclaration[] = [
  { collection: 'session_images', key: { sessionId: 1 }, options: { name: 'by_session' } },
];

export class MongoImageRepository {
  private readonly collection: Collection<ImageDoc>;

  constructor(db: Db) {
    this.collection = db.collection<ImageDoc>('session_images');
  }

  save(image: StoredImage): Promise<void> {
    return guard(async () => {
      await this.collection.insertOne(
        {
          _id: image.id,
          workspaceId: image.workspaceId,
          sessionId: image.sessionId,
          contentType: image.contentType,
          data: new Binary(image.bytes),
          size: image.bytes.byteLength,
          createdAt: image.createdAt,
        },
        sessionOption(),
      );
    });
  }

  /** The image's type and bytes; undefined when it was removed. */
  get(id: string): Promise<{ contentType: string; bytes: Uint8Array } | undefined> {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: id }, sessionOption());
      if (!doc) return undefined;
      const data = doc.data as Binary | Uint8Array;
      return {
        contentType: doc.contentType,
        bytes: data instanceof Binary ? data.buffer : data,
      };
    });
  }

  copy(fromId: string, to: { id: string; sessionId: string; createdAt: Date }): Promise<boolean> {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: fromId }, sessionOption());
      if (!doc) return false;
      await this.collection.insertOne(
        { ...doc, _id: to.id, sessionId: to.sessionId, createdAt: to.createdAt },
        sessionOption(),
      );
      return true;
    });
  }

  remove(id: string): Promise<void> {
    return guard(async () => {
      await this.collection.deleteOne({ _id: id }, sessionOption());
    });
  }
}
