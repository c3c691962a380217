import {
  type Collection,
  type Db,
  Decimal128,
  type Document,
  Double,
  Int32,
  Long,
  ObjectId,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServerError } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
});

afterAll(async () => {
  await t?.close();
});

async function ids(collection: Collection<AnyDoc>, filter: Document): Promise<unknown[]> {
  const docs = await collection.find(filter).sort({ _id: 1 }).toArray();
  return docs.map((d) => d._id);
}

describe('query operators', () => {
  let items: Collection<AnyDoc>;

  beforeAll(async () => {
    items = db.collection<AnyDoc>('items');
    await items.insertMany([
      { _id: 1, name: 'Alpha', qty: 5, budget: 10, spent: 12, tags: ['x', 'y'], size: { h: 10 } },
      { _id: 2, name: 'beta', qty: 15, budget: 20, spent: 5, tags: ['y'], size: { h: 20 } },
      { _id: 3, name: 'gamma', qty: 25, budget: 5, spent: 5, tags: [], size: { h: 30, w: 1 } },
      { _id: 4, name: 'ALPINE', qty: null, budget: 1, spent: 2 },
      {
        _id: 5,
        name: 'delta',
        budget: 0,
        spent: 0,
        results: [
          { product: 'abc', score: 10 },
          { product: 'xyz', score: 5 },
        ],
      },
      {
        _id: 6,
        name: 'epsilon',
        budget: 0,
        spent: 0,
        results: [
          { product: 'abc', score: 8 },
          { product: 'xyz', score: 7 },
        ],
      },
    ]);
  });

  it('$in and $nin', async () => {
    expect(await ids(items, { qty: { $in: [5, 25] } })).toEqual([1, 3]);
    // $in with null matches null and missing fields.
    expect(await ids(items, { qty: { $in: [null] } })).toEqual([4, 5, 6]);
    // $nin matches documents where the field is missing too.
    expect(await ids(items, { qty: { $nin: [5, 15] } })).toEqual([3, 4, 5, 6]);
  });

  it('$in against an array field matches when any element is listed', async () => {
    expect(await ids(items, { tags: { $in: ['x'] } })).toEqual([1]);
    expect(await ids(items, { tags: 'y' })).toEqual([1, 2]);
  });

  it('comparison operators do not cross BSON types', async () => {
    const mixed = db.collection<AnyDoc>('mixed');
    await mixed.insertMany([
      { _id: 1, v: 2 },
      { _id: 2, v: '3' },
      { _id: 3, v: null },
      { _id: 4 },
      { _id: 5, v: 2.5 },
      { _id: 6, v: new Date(0) },
    ]);
    expect(await ids(mixed, { v: { $gt: 1 } })).toEqual([1, 5]);
    expect(await ids(mixed, { v: { $gte: 'a' } })).toEqual([]);
    expect(await ids(mixed, { v: { $lt: 'z' } })).toEqual([2]);
    expect(await ids(mixed, { v: null })).toEqual([3, 4]);
    expect(await ids(mixed, { v: { $ne: null } })).toEqual([1, 2, 5, 6]);
  });

  it('$regex with options and as a BSON regular expression', async () => {
    expect(await ids(items, { name: { $regex: '^al', $options: 'i' } })).toEqual([1, 4]);
    expect(await ids(items, { name: /^al/ })).toEqual([]);
    expect(await ids(items, { name: /a$/ })).toEqual([1, 2, 3, 5]);
    expect(await ids(items, { name: { $in: [/^ALP/, 'beta'] } })).toEqual([2, 4]);
  });

  it('$exists distinguishes missing from null', async () => {
    expect(await ids(items, { qty: { $exists: true } })).toEqual([1, 2, 3, 4]);
    expect(await ids(items, { qty: { $exists: false } })).toEqual([5, 6]);
    expect(await ids(items, { 'size.w': { $exists: true } })).toEqual([3]);
  });

  it('$elemMatch needs one element to satisfy every condition', async () => {
    expect(
      await ids(items, { results: { $elemMatch: { product: 'xyz', score: { $gte: 7 } } } }),
    ).toEqual([6]);
    // Without $elemMatch the conditions may be met by different elements.
    expect(await ids(items, { 'results.product': 'xyz', 'results.score': { $gte: 8 } })).toEqual([
      5, 6,
    ]);
  });

  it('dotted paths reach into sub-documents, arrays of documents and array positions', async () => {
    expect(await ids(items, { 'size.h': { $gte: 20 } })).toEqual([2, 3]);
    expect(await ids(items, { 'results.score': 10 })).toEqual([5]);
    expect(await ids(items, { 'results.0.product': 'abc' })).toEqual([5, 6]);
    expect(await ids(items, { 'results.1.score': 7 })).toEqual([6]);
    expect(await ids(items, { 'tags.0': 'y' })).toEqual([2]);
    expect(await ids(items, { size: { h: 10 } })).toEqual([1]);
  });

  it('$size, $all, $and, $or, $nor and $not', async () => {
    expect(await ids(items, { tags: { $size: 0 } })).toEqual([3]);
    expect(await ids(items, { tags: { $all: ['x', 'y'] } })).toEqual([1]);
    expect(await ids(items, { $or: [{ qty: 5 }, { name: 'delta' }] })).toEqual([1, 5]);
    expect(await ids(items, { $and: [{ qty: { $gt: 1 } }, { qty: { $lt: 20 } }] })).toEqual([1, 2]);
    expect(await ids(items, { $nor: [{ qty: { $exists: false } }, { qty: null }] })).toEqual([
      1, 2, 3,
    ]);
    expect(await ids(items, { qty: { $not: { $gt: 10 } } })).toEqual([1, 4, 5, 6]);
  });

  it('$expr compares two fields of the same document', async () => {
    expect(await ids(items, { $expr: { $gt: ['$spent', '$budget'] } })).toEqual([1, 4]);
    expect(
      await ids(items, { $expr: { $eq: [{ $add: ['$budget', 0] }, '$spent'] }, qty: 25 }),
    ).toEqual([3]);
  });

  it('an unknown query operator is rejected and named', async () => {
    await expectServerError(items.find({ qty: { $notAnOperator: 1 } }).toArray(), {
      messageIncludes: ['$notAnOperator'],
    });
    await expectServerError(items.find({ $notATopLevelOperator: [] }).toArray(), {
      messageIncludes: ['$notATopLevelOperator'],
    });
  });
});

describe('dates and ObjectIds', () => {
  it('dates round-trip to the millisecond and compare with $gt / $lte', async () => {
    const events = db.collection<AnyDoc>('events');
    const base = Date.UTC(2024, 0, 1, 12, 0, 0, 123);
    await events.insertMany(
      [0, 1, 2, 3].map((day) => ({ _id: day, at: new Date(base + day * 86_400_000) })),
    );
    const first = await events.findOne({ _id: 0 });
    expect(first?.at).toBeInstanceOf(Date);
    expect((first!.at as Date).getTime()).toBe(base);

    const after = await events
      .find({ at: { $gt: new Date(base + 86_400_000) } })
      .sort({ at: 1 })
      .toArray();
    expect(after.map((e) => e._id)).toEqual([2, 3]);
    const upTo = await events.countDocuments({ at: { $lte: new Date(base + 86_400_000) } });
    expect(upTo).toBe(2);
    const latest = await events.find().sort({ at: -1 }).limit(1).toArray();
    expect(latest[0]?._id).toBe(3);
  });

  it('ObjectIds round-trip and sort by their creation time', async () => {
    const notes = db.collection<AnyDoc>('notes');
    const now = Math.floor(Date.now() / 1000);
    const oids = [3, 1, 4, 2].map((offset) => ObjectId.createFromTime(now + offset));
    await notes.insertMany(oids.map((_id, i) => ({ _id, i })));
    const found = await notes.findOne({ _id: oids[2]! });
    expect(found?._id).toBeInstanceOf(ObjectId);
    expect((found!._id as ObjectId).equals(oids[2]!)).toBe(true);

    const ascending = await notes.find().sort({ _id: 1 }).toArray();
    expect(ascending.map((n) => n.i)).toEqual([1, 3, 0, 2]);
    const descending = await notes.find().sort({ _id: -1 }).toArray();
    expect(descending.map((n) => n.i)).toEqual([2, 0, 3, 1]);
    expect(await notes.countDocuments({ _id: { $gt: oids[0]! } })).toBe(1);
    expect(await notes.countDocuments({ _id: { $in: [oids[1]!, oids[3]!] } })).toBe(2);
  });

  it('sorts values of different types in BSON comparison order', async () => {
    const mixed = db.collection<AnyDoc>('sort_order');
    const oid = new ObjectId();
    await mixed.insertMany([
      { _id: 1, v: true },
      { _id: 2, v: 'b' },
      { _id: 3, v: 2 },
      { _id: 4, v: null },
      { _id: 5, v: { x: 1 } },
      { _id: 6, v: 1.5 },
      { _id: 7, v: new Date(0) },
      { _id: 8, v: oid },
      { _id: 9, v: 'a' },
    ]);
    const docs = await mixed.find().sort({ v: 1 }).toArray();
    // null < numbers < strings < objects < ObjectId < boolean < date
    expect(docs.map((d) => d._id)).toEqual([4, 6, 3, 9, 2, 5, 8, 1, 7]);
  });
});

describe('arrays and types in sorts and filters', () => {
  it('an array sorts by its smallest element ascending and its largest descending', async () => {
    const arrays = db.collection<AnyDoc>('array_sort');
    await arrays.insertMany([
      { _id: 'a', v: [5, 1] },
      { _id: 'b', v: 3 },
      { _id: 'c', v: [2, 9] },
      { _id: 'd', v: [4] },
    ]);
    const ascending = await arrays.find().sort({ v: 1 }).toArray();
    expect(ascending.map((d) => d._id)).toEqual(['a', 'c', 'b', 'd']);
    const descending = await arrays.find().sort({ v: -1 }).toArray();
    expect(descending.map((d) => d._id)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('strings sort by binary code point, numbers by value across BSON types', async () => {
    const strings = db.collection<AnyDoc>('string_sort');
    await strings.insertMany(['a', 'B', 'é', 'z', 'Z', 'aa'].map((v, i) => ({ _id: i, v })));
    const sortedStrings = await strings.find().sort({ v: 1 }).toArray();
    expect(sortedStrings.map((d) => d.v)).toEqual(['B', 'Z', 'a', 'aa', 'z', 'é']);

    const numbers = db.collection<AnyDoc>('number_sort');
    await numbers.insertMany([
      { _id: 1, v: Long.fromNumber(3) },
      { _id: 2, v: 2.5 },
      { _id: 3, v: new Int32(1) },
      { _id: 4, v: Decimal128.fromString('2.75') },
      { _id: 5, v: -1 },
    ]);
    const sortedNumbers = await numbers.find().sort({ v: 1 }).toArray();
    expect(sortedNumbers.map((d) => d._id)).toEqual([5, 3, 2, 4, 1]);
  });

  it('missing fields sort together with null, before numbers', async () => {
    const sparse = db.collection<AnyDoc>('missing_sort');
    await sparse.insertMany([{ _id: 1, v: 1 }, { _id: 2 }, { _id: 3, v: -5 }]);
    const ascending = await sparse.find().sort({ v: 1, _id: 1 }).toArray();
    expect(ascending.map((d) => d._id)).toEqual([2, 3, 1]);
  });

  it('$type matches by BSON type name and by the number alias', async () => {
    const typed = db.collection<AnyDoc>('typed');
    await typed.insertMany([
      { _id: 1, v: 'text' },
      { _id: 2, v: 5 },
      { _id: 3, v: 5.5 },
      { _id: 4, v: null },
      { _id: 5, v: [1, 'x'] },
      { _id: 6, v: new Date(0) },
    ]);
    expect(await ids(typed, { v: { $type: 'string' } })).toEqual([1, 5]);
    expect(await ids(typed, { v: { $type: 'number' } })).toEqual([2, 3, 5]);
    expect(await ids(typed, { v: { $type: 'double' } })).toEqual([3]);
    expect(await ids(typed, { v: { $type: 'null' } })).toEqual([4]);
    expect(await ids(typed, { v: { $type: 'array' } })).toEqual([5]);
    expect(await ids(typed, { v: { $type: 'date' } })).toEqual([6]);
  });
});

describe('equality semantics', () => {
  let eq: Collection<AnyDoc>;

  beforeAll(async () => {
    eq = db.collection<AnyDoc>('equality');
    await eq.insertMany([
      { _id: 1, n: new Int32(5), sub: { a: 1, b: 2 }, arr: [1, 2], nulls: [null, 1] },
      { _id: 2, n: new Double(5), sub: { b: 2, a: 1 }, arr: [2, 1], nulls: [1] },
      { _id: 3, n: Long.fromNumber(5), sub: { a: 1 }, arr: [[1, 2], 3] },
      { _id: 4, n: Decimal128.fromString('5.0'), sub: { a: 1, b: 2, c: 3 }, arr: [1] },
      { _id: 5, n: 6, arr: [] },
    ]);
  });

  it('numbers of different BSON types compare by value', async () => {
    expect(await ids(eq, { n: 5 })).toEqual([1, 2, 3, 4]);
    expect(await ids(eq, { n: Long.fromNumber(5) })).toEqual([1, 2, 3, 4]);
    expect(
      await ids(eq, { n: { $gt: new Double(4.5), $lt: Decimal128.fromString('5.5') } }),
    ).toEqual([1, 2, 3, 4]);
  });

  it('embedded documents are equal only with the same fields in the same order', async () => {
    expect(await ids(eq, { sub: { a: 1, b: 2 } })).toEqual([1]);
    expect(await ids(eq, { sub: { b: 2, a: 1 } })).toEqual([2]);
    expect(await ids(eq, { 'sub.a': 1, 'sub.b': 2 })).toEqual([1, 2, 4]);
  });

  it('an array equals an array with the same elements in the same order, or contains it', async () => {
    expect(await ids(eq, { arr: [1, 2] })).toEqual([1, 3]);
    expect(await ids(eq, { arr: [2, 1] })).toEqual([2]);
    expect(await ids(eq, { arr: [] })).toEqual([5]);
    expect(await ids(eq, { arr: 1 })).toEqual([1, 2, 4]);
  });

  it('$ne and $nin exclude arrays containing the value', async () => {
    expect(await ids(eq, { arr: { $ne: 1 } })).toEqual([3, 5]);
    expect(await ids(eq, { arr: { $nin: [2, 3] } })).toEqual([4, 5]);
  });

  it('null matches null array elements and missing fields', async () => {
    expect(await ids(eq, { nulls: null })).toEqual([1, 3, 4, 5]);
    expect(await ids(eq, { nulls: { $exists: true } })).toEqual([1, 2]);
  });

  it('$elemMatch over scalars, $mod and $not with a regular expression', async () => {
    const scores = db.collection<AnyDoc>('scores');
    await scores.insertMany([
      { _id: 1, s: [82, 90], name: 'alpha' },
      { _id: 2, s: [79, 86], name: 'beta' },
      { _id: 3, s: [84], name: 'gamma' },
    ]);
    expect(await ids(scores, { s: { $elemMatch: { $gte: 80, $lt: 85 } } })).toEqual([1, 3]);
    // Without $elemMatch each condition may be met by a different element.
    expect(await ids(scores, { s: { $gte: 80, $lt: 85 } })).toEqual([1, 2, 3]);
    expect(await ids(scores, { s: { $mod: [4, 2] } })).toEqual([1, 2]);
    expect(await ids(scores, { name: { $not: /^a/ } })).toEqual([2, 3]);
  });
});

describe('find projections on arrays', () => {
  let posts: Collection<AnyDoc>;

  beforeAll(async () => {
    posts = db.collection<AnyDoc>('projection_arrays');
    await posts.insertOne({
      _id: 1,
      title: 't',
      comments: [
        { by: 'a', n: 1 },
        { by: 'b', n: 2 },
        { by: 'c', n: 3 },
      ],
    });
  });

  it('$slice alone or with exclusions is an exclusion projection', async () => {
    expect(
      await posts.findOne({ _id: 1 }, { projection: { comments: { $slice: 1 }, _id: 0 } }),
    ).toEqual({ title: 't', comments: [{ by: 'a', n: 1 }] });
    expect(
      await posts.findOne({ _id: 1 }, { projection: { comments: { $slice: -2 }, title: 0 } }),
    ).toEqual({
      _id: 1,
      comments: [
        { by: 'b', n: 2 },
        { by: 'c', n: 3 },
      ],
    });
  });

  it('$slice inside an inclusion projection', async () => {
    expect(
      await posts.findOne({ _id: 1 }, { projection: { title: 1, comments: { $slice: [1, 1] } } }),
    ).toEqual({ _id: 1, title: 't', comments: [{ by: 'b', n: 2 }] });
  });

  it('$elemMatch projection returns the first matching element only', async () => {
    expect(
      await posts.findOne(
        { _id: 1 },
        { projection: { comments: { $elemMatch: { n: { $gt: 1 } } } } },
      ),
    ).toEqual({ _id: 1, comments: [{ by: 'b', n: 2 }] });
  });

  it('the positional $ projection returns the element the query matched', async () => {
    expect(
      await posts.findOne({ 'comments.by': 'c' }, { projection: { 'comments.$': 1 } }),
    ).toEqual({ _id: 1, comments: [{ by: 'c', n: 3 }] });
  });
});
