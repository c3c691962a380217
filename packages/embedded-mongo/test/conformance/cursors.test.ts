import { type Collection, type Db, type Document, Long } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServerError, recordCommands } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

const TOTAL = 250;

let t: TestDatabase;
let db: Db;
let numbers: Collection<AnyDoc>;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
  numbers = db.collection<AnyDoc>('numbers');
  await numbers.insertMany(
    Array.from({ length: TOTAL }, (_, i) => ({ _id: i, n: i, pad: 'x'.repeat(100) })),
  );
});

afterAll(async () => {
  await t?.close();
});

function cursorIdOf(reply: Document): Long {
  const id = reply.cursor?.id;
  return Long.isLong(id) ? id : Long.fromValue(id ?? 0);
}

describe('cursor batching', () => {
  it('a find over 250 documents returns them all, 101 in the first batch then getMore', async () => {
    const log = recordCommands(t.client);
    const docs = await numbers.find().sort({ _id: 1 }).toArray();
    log.stop();

    expect(docs).toHaveLength(TOTAL);
    expect(docs.map((d) => d._id)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    const findReply = log.succeeded.find((e) => e.commandName === 'find')?.reply as Document;
    expect(findReply.cursor.firstBatch).toHaveLength(101);
    expect(cursorIdOf(findReply).isZero()).toBe(false);
    expect(log.names().filter((n) => n === 'getMore').length).toBeGreaterThanOrEqual(1);
    const lastGetMore = log.succeeded.filter((e) => e.commandName === 'getMore').at(-1);
    expect(cursorIdOf(lastGetMore?.reply as Document).isZero()).toBe(true);
  });

  it('batchSize sets the size of every batch', async () => {
    const log = recordCommands(t.client);
    const docs = await numbers
      .find({ n: { $lt: 25 } })
      .batchSize(10)
      .toArray();
    log.stop();

    expect(docs).toHaveLength(25);
    const findReply = log.succeeded.find((e) => e.commandName === 'find')?.reply as Document;
    expect(findReply.cursor.firstBatch).toHaveLength(10);
    const getMores = log.succeeded.filter((e) => e.commandName === 'getMore');
    expect(getMores.map((e) => (e.reply as Document).cursor.nextBatch.length)).toEqual([10, 5]);
    expect(cursorIdOf(getMores[1]?.reply as Document).isZero()).toBe(true);
  });

  it('a result that fits the first batch needs no getMore and returns cursor id 0', async () => {
    const log = recordCommands(t.client);
    const docs = await numbers.find({ n: { $lt: 5 } }).toArray();
    log.stop();
    expect(docs).toHaveLength(5);
    expect(log.names()).toEqual(['find']);
    expect(cursorIdOf(log.succeeded[0]?.reply as Document).isZero()).toBe(true);
  });

  it('limit caps the total across batches', async () => {
    const docs = await numbers.find().sort({ _id: -1 }).limit(150).batchSize(40).toArray();
    expect(docs).toHaveLength(150);
    expect(docs[0]?._id).toBe(TOTAL - 1);
    expect(docs.at(-1)?._id).toBe(TOTAL - 150);
  });

  it('iterating with for await yields every document once', async () => {
    const seen = new Set<number>();
    for await (const doc of numbers.find({}, { batchSize: 64 })) seen.add(doc._id as number);
    expect(seen.size).toBe(TOTAL);
  });

  it('an aggregate over 250 documents is batched and getMore returns the rest', async () => {
    const log = recordCommands(t.client);
    const docs = await numbers
      .aggregate([{ $match: { n: { $gte: 0 } } }, { $project: { n: 1 } }, { $sort: { n: 1 } }])
      .toArray();
    log.stop();
    expect(docs).toHaveLength(TOTAL);
    expect(docs[TOTAL - 1]).toEqual({ _id: TOTAL - 1, n: TOTAL - 1 });
    const aggReply = log.succeeded.find((e) => e.commandName === 'aggregate')?.reply as Document;
    expect(aggReply.cursor.firstBatch.length).toBeLessThan(TOTAL);
    expect(log.names()).toContain('getMore');
  });
});

describe('closing cursors', () => {
  it('cursor.close() sends killCursors and the server forgets the cursor', async () => {
    const log = recordCommands(t.client);
    const cursor = numbers.find().batchSize(10);
    const first = await cursor.next();
    expect(first).not.toBeNull();
    await cursor.close();
    log.stop();

    const findReply = log.succeeded.find((e) => e.commandName === 'find')?.reply as Document;
    const id = cursorIdOf(findReply);
    expect(id.isZero()).toBe(false);
    const kill = log.succeeded.find((e) => e.commandName === 'killCursors');
    expect(kill, 'the driver should send killCursors').toBeDefined();
    const killed = ((kill!.reply as Document).cursorsKilled as unknown[]).map((c) =>
      Long.fromValue(c as number).toString(),
    );
    expect(killed).toEqual([id.toString()]);

    await expectServerError(db.command({ getMore: id, collection: 'numbers' }), {
      code: 43,
      codeName: 'CursorNotFound',
    });
  });

  it('killCursors reports unknown ids as not found', async () => {
    const unknown = Long.fromString('123456789012');
    const reply = await db.command({ killCursors: 'numbers', cursors: [unknown] });
    expect(reply.ok).toBe(1);
    expect(reply.cursorsKilled).toEqual([]);
    expect(
      (reply.cursorsNotFound as unknown[]).map((c) => Long.fromValue(c as number).toString()),
    ).toEqual([unknown.toString()]);
  });

  it('a getMore for a cursor id that never existed fails with CursorNotFound', async () => {
    await expectServerError(
      db.command({ getMore: Long.fromString('987654321098'), collection: 'numbers' }),
      { code: 43 },
    );
  });

  it('raw find and getMore commands page through a cursor', async () => {
    // A cursor belongs to the session that opened it, so both commands share one session.
    const session = t.client.startSession();
    const first = await db.command(
      { find: 'numbers', filter: { n: { $lt: 30 } }, sort: { n: 1 }, batchSize: 20 },
      { session },
    );
    expect(first.cursor.ns).toBe(`${db.databaseName}.numbers`);
    expect(first.cursor.firstBatch).toHaveLength(20);
    const more = await db.command(
      { getMore: cursorIdOf(first), collection: 'numbers' },
      { session },
    );
    await session.endSession();
    expect(more.cursor.nextBatch.map((d: Document) => d.n)).toEqual(
      Array.from({ length: 10 }, (_, i) => 20 + i),
    );
    expect(cursorIdOf(more).isZero()).toBe(true);
  });
});
