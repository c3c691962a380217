import type { Collection, Db, Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectServerError } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

let t: TestDatabase;
let db: Db;
let docs: Collection<AnyDoc>;

/** Array-valued fields, typed so that the driver accepts $push / $pull on them. */
interface ListsDoc {
  _id: number;
  list?: number[];
  set?: string[];
  scores?: number[];
  created?: string[];
  items?: { sku: string; qty: number }[];
}

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
  docs = db.collection<AnyDoc>('docs');
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await docs.deleteMany({});
});

describe('updateOne / updateMany', () => {
  it('updateOne changes only the first match and reports the counts', async () => {
    await docs.insertMany([
      { _id: 1, k: 'a', v: 0 },
      { _id: 2, k: 'a', v: 0 },
    ]);
    const result = await docs.updateOne({ k: 'a' }, { $set: { v: 1 } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(result.upsertedId).toBeNull();
    expect(await docs.countDocuments({ v: 1 })).toBe(1);
  });

  it('updateMany changes every match', async () => {
    await docs.insertMany([
      { _id: 1, k: 'a', v: 0 },
      { _id: 2, k: 'a', v: 0 },
      { _id: 3, k: 'b', v: 0 },
    ]);
    const result = await docs.updateMany({ k: 'a' }, { $set: { v: 1 } });
    expect(result.matchedCount).toBe(2);
    expect(result.modifiedCount).toBe(2);
    expect(await docs.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, k: 'a', v: 1 },
      { _id: 2, k: 'a', v: 1 },
      { _id: 3, k: 'b', v: 0 },
    ]);
  });

  it('a $set that changes nothing is matched but not modified', async () => {
    await docs.insertOne({ _id: 1, v: 1 });
    const result = await docs.updateOne({ _id: 1 }, { $set: { v: 1 } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(0);
  });

  it('the legacy multi flag of the raw update command updates every match', async () => {
    await docs.insertMany([
      { _id: 1, k: 'a' },
      { _id: 2, k: 'a' },
    ]);
    const reply = await db.command({
      update: 'docs',
      updates: [{ q: { k: 'a' }, u: { $set: { seen: true } }, multi: true }],
    });
    expect(reply.ok).toBe(1);
    expect(reply.n).toBe(2);
    expect(reply.nModified).toBe(2);
    expect(await docs.countDocuments({ seen: true })).toBe(2);
  });

  it('upsert inserts a document built from the equality fields of the filter', async () => {
    const result = await docs.updateOne(
      { tenant: 't1', 'user.id': 7, score: { $gt: 10 } },
      { $set: { name: 'ann' } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(result.matchedCount).toBe(0);
    expect(result.upsertedId).not.toBeNull();
    const created = await docs.findOne({ _id: result.upsertedId! });
    expect(created).toEqual({
      _id: result.upsertedId,
      tenant: 't1',
      user: { id: 7 },
      name: 'ann',
    });
  });

  it('upsert takes _id from the filter and $setOnInsert applies only when inserting', async () => {
    const first = await docs.updateOne(
      { _id: 'k1' },
      { $set: { seen: 1 }, $setOnInsert: { createdAt: 'first' } },
      { upsert: true },
    );
    expect(first.upsertedId).toBe('k1');
    const second = await docs.updateOne(
      { _id: 'k1' },
      { $set: { seen: 2 }, $setOnInsert: { createdAt: 'second' } },
      { upsert: true },
    );
    expect(second.upsertedCount).toBe(0);
    expect(second.upsertedId).toBeNull();
    expect(second.matchedCount).toBe(1);
    expect(await docs.findOne({ _id: 'k1' })).toEqual({ _id: 'k1', seen: 2, createdAt: 'first' });
  });

  it('updateMany with upsert inserts one document when nothing matches', async () => {
    const result = await docs.updateMany({ k: 'none' }, { $inc: { n: 1 } }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    const all = await docs.find({}, { projection: { _id: 0 } }).toArray();
    expect(all).toEqual([{ k: 'none', n: 1 }]);
  });

  it('$inc, $unset, $rename and $currentDate', async () => {
    await docs.insertOne({ _id: 1, n: 1, f: 2.5, gone: 'x', old: 'name', nested: { c: 1 } });
    const before = Date.now();
    await docs.updateOne(
      { _id: 1 },
      {
        $inc: { n: 2, f: -0.5, 'nested.c': 10, fresh: 3 },
        $unset: { gone: '' },
        $rename: { old: 'renamed' },
        $currentDate: { touchedAt: true },
      },
    );
    const doc = await docs.findOne({ _id: 1 });
    expect(doc).toMatchObject({ _id: 1, n: 3, f: 2, renamed: 'name', nested: { c: 11 }, fresh: 3 });
    expect(doc).not.toHaveProperty('gone');
    expect(doc).not.toHaveProperty('old');
    expect(doc?.touchedAt).toBeInstanceOf(Date);
    // Allow for clock skew between this process and a remote server.
    expect((doc!.touchedAt as Date).getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('$push, $push with $each and $slice, $addToSet and $pull', async () => {
    const lists = db.collection<ListsDoc>('docs');
    await lists.insertOne({ _id: 1, list: [1, 2], set: ['a'], scores: [5, 60, 7, 80] });
    await lists.updateOne({ _id: 1 }, { $push: { list: 3 } });
    await lists.updateOne(
      { _id: 1 },
      {
        $push: { list: { $each: [4, 5, 6], $slice: -4 } },
      },
    );
    await lists.updateOne({ _id: 1 }, { $addToSet: { set: 'a' } });
    await lists.updateOne({ _id: 1 }, { $addToSet: { set: { $each: ['b', 'a', 'c'] } } });
    await lists.updateOne({ _id: 1 }, { $pull: { scores: { $lt: 10 } } });
    await lists.updateOne({ _id: 1 }, { $push: { created: 'x' } });
    expect(await lists.findOne({ _id: 1 })).toEqual({
      _id: 1,
      list: [3, 4, 5, 6],
      set: ['a', 'b', 'c'],
      scores: [60, 80],
      created: ['x'],
    });
  });

  it('$pull with a condition on sub-documents', async () => {
    const lists = db.collection<ListsDoc>('docs');
    await lists.insertOne({
      _id: 1,
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 0 },
        { sku: 'c', qty: 0 },
      ],
    });
    await lists.updateOne({ _id: 1 }, { $pull: { items: { qty: 0 } } });
    expect((await lists.findOne({ _id: 1 }))?.items).toEqual([{ sku: 'a', qty: 1 }]);
  });

  it('the positional $ operator updates the matched array element', async () => {
    await docs.insertOne({ _id: 1, grades: [80, 85, 90] });
    await docs.updateOne({ _id: 1, grades: 85 }, { $set: { 'grades.$': 86 } });
    expect((await docs.findOne({ _id: 1 }))?.grades).toEqual([80, 86, 90]);
  });

  it('arrayFilters update only the elements named by $[elem]', async () => {
    await docs.insertMany([
      {
        _id: 1,
        grades: [
          { score: 40, passed: false },
          { score: 70, passed: false },
          { score: 90, passed: false },
        ],
      },
      { _id: 2, grades: [{ score: 95, passed: false }] },
    ]);
    const result = await docs.updateMany(
      {},
      { $set: { 'grades.$[g].passed': true } },
      { arrayFilters: [{ 'g.score': { $gte: 60 } }] },
    );
    expect(result.modifiedCount).toBe(2);
    const first = await docs.findOne({ _id: 1 });
    expect(first?.grades.map((g: Document) => g.passed)).toEqual([false, true, true]);
    const second = await docs.findOne({ _id: 2 });
    expect(second?.grades).toEqual([{ score: 95, passed: true }]);
  });

  it('$[] updates every element of an array', async () => {
    await docs.insertOne({ _id: 1, nums: [1, 2, 3] });
    await docs.updateOne({ _id: 1 }, { $inc: { 'nums.$[]': 10 } });
    expect((await docs.findOne({ _id: 1 }))?.nums).toEqual([11, 12, 13]);
  });

  it('pipeline updates compute new fields from existing ones', async () => {
    await docs.insertMany([
      { _id: 1, a: 1, b: 2, drop: true },
      { _id: 2, a: 10, b: 20, drop: true },
    ]);
    const result = await docs.updateMany({}, [
      { $set: { total: { $add: ['$a', '$b'] }, label: { $concat: ['n', { $toString: '$a' }] } } },
      { $unset: 'drop' },
    ]);
    expect(result.modifiedCount).toBe(2);
    expect(await docs.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, a: 1, b: 2, total: 3, label: 'n1' },
      { _id: 2, a: 10, b: 20, total: 30, label: 'n10' },
    ]);
  });

  it('replaceOne swaps the whole document but keeps _id', async () => {
    await docs.insertOne({ _id: 1, a: 1, b: 2 });
    const result = await docs.replaceOne({ _id: 1 }, { c: 3 });
    expect(result.modifiedCount).toBe(1);
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });
  });

  it('replaceOne with upsert inserts the replacement', async () => {
    const result = await docs.replaceOne({ _id: 9 }, { c: 3 }, { upsert: true });
    expect(result.upsertedId).toBe(9);
    expect(await docs.findOne({ _id: 9 })).toEqual({ _id: 9, c: 3 });
  });

  it('changing _id with $set is rejected as an immutable field', async () => {
    await docs.insertOne({ _id: 1, a: 1 });
    await expectServerError(docs.updateOne({ _id: 1 }, { $set: { _id: 2 } }), {
      code: 66,
      messageIncludes: ['_id'],
    });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
  });

  it('changing _id with replaceOne is rejected as an immutable field', async () => {
    await docs.insertOne({ _id: 1, a: 1 });
    await expectServerError(docs.replaceOne({ _id: 1 }, { _id: 2, a: 2 }), {
      code: 66,
      messageIncludes: ['_id'],
    });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
    expect(await docs.countDocuments()).toBe(1);
  });

  it('an unknown update operator is rejected and named', async () => {
    await docs.insertOne({ _id: 1 });
    await expectServerError(docs.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } } as Document), {
      code: 9,
      messageIncludes: ['$frobnicate'],
    });
  });

  it('conflicting update paths are rejected', async () => {
    await docs.insertOne({ _id: 1, a: { b: 1 } });
    await expectServerError(docs.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { 'a.b': 1 } }), {
      code: 40,
    });
  });

  it('$inc on a non-numeric field is rejected', async () => {
    await docs.insertOne({ _id: 1, s: 'text' });
    await expectServerError(docs.updateOne({ _id: 1 }, { $inc: { s: 1 } }), { code: 14 });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'text' });
  });
});

describe('update operator edge cases', () => {
  it('$set creates missing intermediate documents and pads arrays with null', async () => {
    await docs.insertOne({ _id: 1, arr: [1] });
    await docs.updateOne({ _id: 1 }, { $set: { 'a.b.c': 1, 'arr.3': 'x' } });
    expect(await docs.findOne({ _id: 1 })).toEqual({
      _id: 1,
      arr: [1, null, null, 'x'],
      a: { b: { c: 1 } },
    });
  });

  it('$set through a scalar is rejected as PathNotViable', async () => {
    await docs.insertOne({ _id: 1, a: 5 });
    await expectServerError(docs.updateOne({ _id: 1 }, { $set: { 'a.b': 1 } }), { code: 28 });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, a: 5 });
  });

  it('$push onto a non-array is rejected', async () => {
    await docs.insertOne({ _id: 1, s: 'text' });
    const lists = db.collection<{ _id: number; s?: string[] }>('docs');
    await expectServerError(lists.updateOne({ _id: 1 }, { $push: { s: 'x' } }), {
      messageIncludes: ['array'],
    });
  });

  it('$unset of a missing field matches but modifies nothing', async () => {
    await docs.insertOne({ _id: 1, a: 1 });
    const result = await docs.updateOne({ _id: 1 }, { $unset: { missing: '' } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(0);
  });

  it('$min, $max and $mul', async () => {
    await docs.insertOne({ _id: 1, lo: 5, hi: 5, price: 2.5, count: 3 });
    await docs.updateOne(
      { _id: 1 },
      { $min: { lo: 3 }, $max: { hi: 4 }, $mul: { price: 4, count: 2, fresh: 10 } },
    );
    expect(await docs.findOne({ _id: 1 })).toEqual({
      _id: 1,
      lo: 3,
      hi: 5,
      price: 10,
      count: 6,
      fresh: 0,
    });
  });

  it('$pop removes from either end and $pullAll removes listed values', async () => {
    const lists = db.collection<{ _id: number; a: number[]; b: number[] }>('docs');
    await lists.insertOne({ _id: 1, a: [1, 2, 3], b: [1, 2, 1, 3] });
    await lists.updateOne({ _id: 1 }, { $pop: { a: -1 }, $pullAll: { b: [1, 3] } });
    await lists.updateOne({ _id: 1 }, { $pop: { a: 1 } });
    expect(await lists.findOne({ _id: 1 })).toEqual({ _id: 1, a: [2], b: [2] });
  });

  it('$rename into a nested path', async () => {
    await docs.insertOne({ _id: 1, first: 'Ann', other: 1 });
    await docs.updateOne({ _id: 1 }, { $rename: { first: 'name.first' } });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, other: 1, name: { first: 'Ann' } });
  });

  it('the positional $ operator in an array of sub-documents', async () => {
    await docs.insertOne({
      _id: 1,
      seats: [
        { who: 'a', ok: false },
        { who: 'b', ok: false },
      ],
    });
    const result = await docs.updateOne(
      { _id: 1, 'seats.who': 'b' },
      { $set: { 'seats.$.ok': true } },
    );
    expect(result.modifiedCount).toBe(1);
    expect((await docs.findOne({ _id: 1 }))?.seats).toEqual([
      { who: 'a', ok: false },
      { who: 'b', ok: true },
    ]);
  });

  it('upsert copies $eq conditions and dotted equalities, not ranges', async () => {
    const result = await docs.updateOne(
      { a: { $eq: 1 }, b: { $gte: 2 }, 'c.d': 3 },
      { $set: { e: 4 } },
      { upsert: true },
    );
    const created = await docs.findOne({ _id: result.upsertedId! });
    expect(created).toEqual({ _id: result.upsertedId, a: 1, c: { d: 3 }, e: 4 });
  });

  it('upsert with $and of equalities copies every field', async () => {
    const result = await docs.updateOne(
      { $and: [{ tenant: 't' }, { key: 'k' }] },
      { $inc: { n: 1 } },
      { upsert: true },
    );
    const created = await docs.findOne({ _id: result.upsertedId! });
    expect(created).toEqual({ _id: result.upsertedId, tenant: 't', key: 'k', n: 1 });
  });
});
