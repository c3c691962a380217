import { calculateObjectSize, type Document, Long } from 'bson';
import { CommandError } from './errors.js';

/** MongoDB's default first batch and the size cap of any batch. */
export const DEFAULT_BATCH_SIZE = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

/** Results are materialised when the cursor opens; getMore hands out the next batch. */
export class Cursors {
  private nextId = 1;
  private readonly open = new Map<number, OpenCursor>();

  private static takeBatch(cursor: OpenCursor, batchSize: number | undefined): Document[] {
    const limit = batchSize && batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY;
    const batch: Document[] = [];
    let bytes = 0;
    while (cursor.position < cursor.docs.length && batch.length < limit) {
      const doc = cursor.docs[cursor.position] as Document;
      bytes += calculateObjectSize(doc);
      if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      cursor.position++;
    }
    return batch;
  }

  /** The `cursor` field of a reply: first batch plus a cursor id (0 when exhausted). */
  start(ns: string, docs: Document[], batchSize = DEFAULT_BATCH_SIZE, singleBatch = false) {
    this.sweep();
    const cursor: OpenCursor = { ns, docs, position: 0, lastUsed: Date.now() };
    const firstBatch = batchSize === 0 ? [] : Cursors.takeBatch(cursor, batchSize);
    let id = 0;
    if (!singleBatch && cursor.position < docs.length) {
      id = this.nextId++;
      this.open.set(id, cursor);
    }
    return { firstBatch, id: Long.fromNumber(id), ns };
  }

  more(id: number, ns: string, batchSize: number | undefined) {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError(
        'BadValue',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    cursor.lastUsed = Date.now();
    const nextBatch = Cursors.takeBatch(cursor, batchSize);
    let remaining = id;
    if (cursor.position >= cursor.docs.length) {
      this.open.delete(id);
      remaining = 0;
    }
    return { nextBatch, id: Long.fromNumber(remaining), ns };
  }

  kill(ids: number[]) {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    return {
      cursorsKilled: killed,
      cursorsNotFound: notFound,
      cursorsAlive: [],
      cursorsUnknown: [],
    };
  }

  /** Drops cursors idle for longer than MongoDB's 10-minute cursor timeout. */
  private sweep(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }
}
