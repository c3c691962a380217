import {
  Binary,
  BSON,
  BSONRegExp,
  type Collection,
  type Db,
  Decimal128,
  Long,
  MaxKey,
  MinKey,
  MongoBulkWriteError,
  ObjectId,
  Timestamp,
  UUID,
  type WriteError,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectServerError } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

interface Player {
  _id: number;
  name: string;
  team: string;
  score: number;
  age?: number;
  address?: { city: string; zip: string };
}

function buildPlayer(overrides: Partial<Player> & Pick<Player, '_id'>): Player {
  return { name: `p${overrides._id}`, team: 'red', score: 0, age: 30, ...overrides };
}

const PLAYERS: Player[] = [
  buildPlayer({ _id: 1, name: 'ann', team: 'red', score: 10 }),
  buildPlayer({ _id: 2, name: 'bob', team: 'blue', score: 30 }),
  buildPlayer({ _id: 3, name: 'cat', team: 'red', score: 30 }),
  buildPlayer({ _id: 4, name: 'dan', team: 'blue', score: 20 }),
  buildPlayer({ _id: 5, name: 'eve', team: 'red', score: 20 }),
  buildPlayer({ _id: 6, name: 'fay', team: 'green', score: 30 }),
  buildPlayer({ _id: 7, name: 'abe', team: 'red', score: 30 }),
];

function writeErrorsOf(error: MongoBulkWriteError): WriteError[] {
  return [error.writeErrors].flat();
}

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
});

afterAll(async () => {
  await t?.close();
});

describe('insertOne / insertMany', () => {
  let items: Collection<AnyDoc>;

  beforeEach(async () => {
    items = db.collection<AnyDoc>('items');
    await items.deleteMany({});
  });

  it('insertOne returns the generated _id and the document reads back equal', async () => {
    const result = await items.insertOne({ n: 1 });
    expect(result.acknowledged).toBe(true);
    const found = await items.findOne({ _id: result.insertedId });
    expect(found).toEqual({ _id: result.insertedId, n: 1 });
  });

  it('insertMany inserts every document in order', async () => {
    const result = await items.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(result.insertedCount).toBe(3);
    expect(Object.keys(result.insertedIds)).toEqual(['0', '1', '2']);
    const all = await items
      .find({}, { projection: { _id: 0 } })
      .sort({ n: 1 })
      .toArray();
    expect(all).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('ordered insertMany stops at the duplicate in the middle', async () => {
    const docs = [1, 2, 1, 4, 5].map((id, i) => ({ _id: id, n: i }));
    const error = await items.insertMany(docs, { ordered: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(2);
    const writeErrors = writeErrorsOf(bulk);
    expect(writeErrors.map((w) => [w.index, w.code])).toEqual([[2, 11000]]);
    const ids = (await items.find().sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(ids).toEqual([1, 2]);
  });

  it('unordered insertMany inserts everything except the duplicate', async () => {
    const docs = [1, 2, 1, 4, 5].map((id, i) => ({ _id: id, n: i }));
    const error = await items.insertMany(docs, { ordered: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(4);
    const writeErrors = writeErrorsOf(bulk);
    expect(writeErrors.map((w) => [w.index, w.code])).toEqual([[2, 11000]]);
    const all = await items.find().sort({ _id: 1 }).toArray();
    expect(all).toEqual([
      { _id: 1, n: 0 },
      { _id: 2, n: 1 },
      { _id: 4, n: 3 },
      { _id: 5, n: 4 },
    ]);
  });

  it('unordered insertMany reports every duplicate with its own index', async () => {
    await items.insertOne({ _id: 3, n: 0 });
    const docs = [1, 3, 2, 3, 4].map((id, i) => ({ _id: id, n: i }));
    const error = await items.insertMany(docs, { ordered: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(3);
    expect(writeErrorsOf(bulk).map((w) => [w.index, w.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(await items.countDocuments()).toBe(4);
  });

  it('insertOne with an existing _id fails with E11000 on the _id_ index', async () => {
    await items.insertOne({ _id: 'x', n: 1 });
    const error = await expectServerError(items.insertOne({ _id: 'x', n: 2 }), {
      code: 11000,
      messageIncludes: ['E11000', '_id_'],
    });
    expect(error.keyValue).toEqual({ _id: 'x' });
    expect(await items.findOne({ _id: 'x' })).toEqual({ _id: 'x', n: 1 });
  });
});

describe('find', () => {
  let players: Collection<Player>;

  beforeAll(async () => {
    players = db.collection<Player>('players');
    await players.insertMany(PLAYERS);
  });

  it('filters by equality', async () => {
    const red = await players.find({ team: 'red' }).sort({ _id: 1 }).toArray();
    expect(red.map((p) => p._id)).toEqual([1, 3, 5, 7]);
  });

  it('sorts on several keys with mixed directions', async () => {
    const sorted = await players.find().sort({ score: -1, team: 1, name: 1 }).toArray();
    expect(sorted.map((p) => p.name)).toEqual(['bob', 'fay', 'abe', 'cat', 'dan', 'eve', 'ann']);
  });

  it('applies skip and limit after the sort', async () => {
    const page = await players.find().sort({ name: 1 }).skip(2).limit(3).toArray();
    expect(page.map((p) => p.name)).toEqual(['bob', 'cat', 'dan']);
  });

  it('a negative limit returns a single batch of that size', async () => {
    const page = await players.find().sort({ _id: 1 }).limit(-2).toArray();
    expect(page.map((p) => p._id)).toEqual([1, 2]);
  });

  it('projects by inclusion, dropping _id when asked', async () => {
    const docs = await players
      .find({ _id: { $lte: 2 } }, { projection: { name: 1, _id: 0 } })
      .sort({ _id: 1 })
      .toArray();
    expect(docs).toEqual([{ name: 'ann' }, { name: 'bob' }]);
  });

  it('projects by inclusion keeping _id by default', async () => {
    const doc = await players.findOne({ _id: 4 }, { projection: { team: 1 } });
    expect(doc).toEqual({ _id: 4, team: 'blue' });
  });

  it('projects by exclusion', async () => {
    const doc = await players.findOne({ _id: 4 }, { projection: { age: 0, score: 0 } });
    expect(doc).toEqual({ _id: 4, name: 'dan', team: 'blue' });
  });

  it('projects nested fields by dotted path', async () => {
    const people = db.collection<AnyDoc>('people');
    await people.insertOne({ _id: 1, address: { city: 'Oslo', zip: '0150' }, name: 'x' } as never);
    const incl = await people.findOne({ _id: 1 }, { projection: { 'address.city': 1, _id: 0 } });
    expect(incl).toEqual({ address: { city: 'Oslo' } });
    const excl = await people.findOne({ _id: 1 }, { projection: { 'address.zip': 0 } });
    expect(excl).toEqual({ _id: 1, address: { city: 'Oslo' }, name: 'x' });
  });

  it('rejects a projection mixing inclusion and exclusion', async () => {
    await expectServerError(players.findOne({}, { projection: { name: 1, age: 0 } }), {
      messageIncludes: ['exclusion'],
    });
  });

  it('returns null from findOne when nothing matches', async () => {
    expect(await players.findOne({ team: 'purple' })).toBeNull();
  });
});

describe('deleteOne / deleteMany', () => {
  let players: Collection<Player>;

  beforeEach(async () => {
    players = db.collection<Player>('deletions');
    await players.deleteMany({});
    await players.insertMany(PLAYERS);
  });

  it('deleteOne removes exactly one of several matches', async () => {
    const result = await players.deleteOne({ team: 'red' });
    expect(result.deletedCount).toBe(1);
    expect(await players.countDocuments({ team: 'red' })).toBe(3);
  });

  it('deleteOne removes nothing when nothing matches', async () => {
    const result = await players.deleteOne({ team: 'purple' });
    expect(result.deletedCount).toBe(0);
    expect(await players.countDocuments()).toBe(PLAYERS.length);
  });

  it('deleteMany removes every match and only the matches', async () => {
    const result = await players.deleteMany({ score: { $gte: 30 } });
    expect(result.deletedCount).toBe(4);
    const left = await players.find().sort({ _id: 1 }).toArray();
    expect(left.map((p) => p._id)).toEqual([1, 4, 5]);
  });

  it('deleteMany with an empty filter empties the collection', async () => {
    const result = await players.deleteMany({});
    expect(result.deletedCount).toBe(PLAYERS.length);
    expect(await players.countDocuments()).toBe(0);
  });
});

describe('counting and distinct', () => {
  let players: Collection<Player>;

  beforeAll(async () => {
    players = db.collection<Player>('counting');
    await players.insertMany(PLAYERS);
  });

  it('countDocuments counts matches, honouring skip and limit', async () => {
    expect(await players.countDocuments()).toBe(7);
    expect(await players.countDocuments({ team: 'red' })).toBe(4);
    expect(await players.countDocuments({ team: 'red' }, { skip: 1, limit: 2 })).toBe(2);
    expect(await players.countDocuments({ team: 'red' }, { skip: 3 })).toBe(1);
    expect(await players.countDocuments({ team: 'purple' })).toBe(0);
  });

  it('estimatedDocumentCount reports the collection size', async () => {
    expect(await players.estimatedDocumentCount()).toBe(7);
    expect(await db.collection<AnyDoc>('never_created').estimatedDocumentCount()).toBe(0);
  });

  it('distinct returns each value once', async () => {
    const teams = await players.distinct('team');
    expect([...teams].sort()).toEqual(['blue', 'green', 'red']);
  });

  it('distinct honours a filter', async () => {
    const scores = await players.distinct('score', { team: 'red' });
    expect([...scores].sort((a, b) => a - b)).toEqual([10, 20, 30]);
  });

  it('distinct unwinds array fields and reads dotted paths', async () => {
    const posts = db.collection<AnyDoc>('posts');
    await posts.insertMany([
      { tags: ['a', 'b'], meta: { lang: 'en' } },
      { tags: ['b', 'c'], meta: { lang: 'fr' } },
      { tags: 'd', meta: { lang: 'en' } },
      { other: true },
    ]);
    const tags = await posts.distinct('tags');
    expect([...tags].sort()).toEqual(['a', 'b', 'c', 'd']);
    const langs = await posts.distinct('meta.lang');
    expect([...langs].sort()).toEqual(['en', 'fr']);
    const carts = db.collection('carts');
    await carts.insertMany([
      { items: [{ sku: 'a' }, { sku: 'b' }] },
      { items: [{ sku: 'b' }, { sku: 'c' }] },
    ]);
    expect([...(await carts.distinct('items.sku'))].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('concurrent upserts on a unique key', () => {
  it('all succeed and produce one document (the server retries the duplicate-key race)', async () => {
    const counters = db.collection<AnyDoc>('counters');
    await counters.createIndex({ key: 1 }, { unique: true });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        counters.updateOne({ key: 'k' }, { $inc: { n: 1 } }, { upsert: true }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await counters.find({}, { projection: { _id: 0 } }).toArray()).toEqual([
      { key: 'k', n: 10 },
    ]);
  });
});

describe('bulkWrite', () => {
  it('applies mixed operations in order and reports every count', async () => {
    const bulk = db.collection<AnyDoc>('bulk');
    await bulk.insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: 2 },
      { _id: 3, v: 3 },
    ]);
    const result = await bulk.bulkWrite([
      { insertOne: { document: { _id: 4, v: 4 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 10 } } } },
      { updateMany: { filter: { v: { $gte: 3, $lt: 10 } }, update: { $inc: { v: 100 } } } },
      { deleteOne: { filter: { _id: 2 } } },
      { replaceOne: { filter: { _id: 3 }, replacement: { v: 'replaced' } } },
      { updateOne: { filter: { _id: 9 }, update: { $set: { v: 9 } }, upsert: true } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.matchedCount).toBe(4);
    expect(result.modifiedCount).toBe(4);
    expect(result.deletedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedIds).toEqual({ 5: 9 });
    expect(await bulk.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: 10 },
      { _id: 3, v: 'replaced' },
      { _id: 4, v: 104 },
      { _id: 9, v: 9 },
    ]);
  });
});

describe('documents as stored', () => {
  it('every BSON type round-trips byte for byte', async () => {
    const types = db.collection<AnyDoc>('types');
    const original = {
      _id: new ObjectId(),
      int32: 42,
      double: 1.5,
      negZero: -0,
      long: Long.fromString('9007199254740993'),
      decimal: Decimal128.fromString('1234567890.123456789'),
      string: 'héllo wörld ✓ 🎉',
      emptyString: '',
      bool: false,
      nul: null,
      date: new Date(Date.UTC(1969, 6, 20, 20, 17, 40)),
      binary: new Binary(Buffer.from([0, 1, 2, 255]), 0),
      uuid: new UUID('0b7e6cbe-1f8b-4a3c-9a6f-2d7c7e9d1f00'),
      timestamp: new Timestamp({ t: 1_700_000_000, i: 7 }),
      regex: new BSONRegExp('^a.c$', 'im'),
      minKey: new MinKey(),
      maxKey: new MaxKey(),
      nested: { deeper: { deepest: [1, [2, [3, {}]], { k: 'v' }] } },
      emptyArray: [],
      emptyObject: {},
      infinity: Number.POSITIVE_INFINITY,
    };
    await types.insertOne(original);
    const raw = (await types.findOne({ _id: original._id }, { raw: true })) as unknown as Buffer;
    expect(Buffer.from(raw).toString('hex')).toBe(
      Buffer.from(BSON.serialize(original)).toString('hex'),
    );
  });

  it('the server moves _id to the front of an inserted document', async () => {
    const order = db.collection<AnyDoc>('order');
    await db.command({ insert: 'order', documents: [{ a: 1, _id: 5, b: 2 }] });
    const doc = await order.findOne({ _id: 5 });
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'a', 'b']);
  });

  it('updates keep existing fields in place and append new ones in lexicographic order', async () => {
    const order = db.collection<AnyDoc>('order');
    await order.insertOne({ _id: 6, m: 1, c: 1 });
    await order.updateOne({ _id: 6 }, { $set: { z: 1, c: 2, b: 1, a: 1 } });
    const doc = await order.findOne({ _id: 6 });
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'm', 'c', 'a', 'b', 'z']);
    expect(doc?.c).toBe(2);
  });

  it('replaceOne keeps _id first and the replacement in its own order', async () => {
    const order = db.collection<AnyDoc>('order');
    await order.insertOne({ _id: 7, a: 1 });
    await order.replaceOne({ _id: 7 }, { y: 1, x: 2 });
    expect(Object.keys((await order.findOne({ _id: 7 })) ?? {})).toEqual(['_id', 'y', 'x']);
  });
});

describe('write concerns and large messages', () => {
  it('acknowledged writes accept majority and journal write concerns', async () => {
    const wc = db.collection<AnyDoc>('write_concern');
    const majority = await wc.insertOne(
      { _id: 1 },
      { writeConcern: { w: 'majority', wtimeoutMS: 5_000 } },
    );
    expect(majority.acknowledged).toBe(true);
    const journaled = await wc.updateOne(
      { _id: 1 },
      { $set: { j: true } },
      { writeConcern: { w: 1, journal: true } },
    );
    expect(journaled.modifiedCount).toBe(1);
  });

  it('an unacknowledged write (w: 0) is still applied', async () => {
    const wc = db.collection<AnyDoc>('write_concern');
    const result = await wc.insertOne({ _id: 'w0' }, { writeConcern: { w: 0 } });
    expect(result.acknowledged).toBe(false);
    const deadline = Date.now() + 5_000;
    while ((await wc.countDocuments({ _id: 'w0' })) === 0) {
      if (Date.now() > deadline) throw new Error('the w:0 insert never became visible');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('a document just under 16 MB round-trips', async () => {
    const big = db.collection<AnyDoc>('big_docs');
    const payload = 'z'.repeat(16 * 1024 * 1024 - 1_024);
    await big.insertOne({ _id: 'max', payload });
    const doc = await big.findOne({ _id: 'max' });
    expect(doc?.payload.length).toBe(payload.length);
  });

  it('inserts spanning several 48 MB messages and reads spanning several 16 MB batches', async () => {
    const big = db.collection<AnyDoc>('big_batches');
    const chunk = 'q'.repeat(1_500_000);
    const docs = Array.from({ length: 40 }, (_, i) => ({ _id: i, chunk }));
    const result = await big.insertMany(docs);
    expect(result.insertedCount).toBe(40);
    const back = await big.find().sort({ _id: 1 }).toArray();
    expect(back).toHaveLength(40);
    expect(back.every((d, i) => d._id === i && d.chunk.length === chunk.length)).toBe(true);
  });
});
