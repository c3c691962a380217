import { type Collection, type Db, MongoWriteConcernError, Timestamp } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectServerError, recordCommands, supportsTransactions } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

// Collation, `let`, pipeline updates and what mongod refuses: each case here once passed on
// the embedded server while a real MongoDB answered otherwise.
let t: TestDatabase;
let db: Db;
let people: Collection<AnyDoc>;
let transactional = false;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
  people = db.collection<AnyDoc>('people');
  transactional = t.embedded || (await supportsTransactions(db));
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await people.deleteMany({});
  await people.insertMany([
    { _id: 1, name: 'Alice', tags: ['Go', 'rust'] },
    { _id: 2, name: 'alice', tags: ['go'] },
    { _id: 3, name: 'Álice', tags: [] },
    { _id: 4, name: 'Bob', tags: ['GO'] },
    { _id: 5, name: 'bob' },
  ]);
});

const ids = (docs: AnyDoc[]) => docs.map((d) => d._id).sort();
const strength = (n: number) => ({ locale: 'en', strength: n });

describe('collation', () => {
  it('strength 2 ignores case, strength 1 also accents, on find', async () => {
    expect(ids(await people.find({ name: 'ALICE' }, { collation: strength(2) }).toArray())).toEqual(
      [1, 2],
    );
    expect(ids(await people.find({ name: 'ALICE' }, { collation: strength(1) }).toArray())).toEqual(
      [1, 2, 3],
    );
    // Without a collation, comparison is binary.
    expect(await people.find({ name: 'ALICE' }).toArray()).toEqual([]);
  });

  it('applies to $in, $ne, range operators and array elements', async () => {
    const c = { collation: strength(2) };
    expect(ids(await people.find({ tags: 'go' }, c).toArray())).toEqual([1, 2, 4]);
    expect(ids(await people.find({ name: { $in: ['BOB', 'nobody'] } }, c).toArray())).toEqual([
      4, 5,
    ]);
    expect(ids(await people.find({ name: { $ne: 'bob' } }, c).toArray())).toEqual([1, 2, 3]);
    // Case-insensitively every Alice is before 'b' and Bob is not after 'BOB'.
    expect(ids(await people.find({ name: { $lt: 'b' } }, c).toArray())).toEqual([1, 2, 3]);
    expect(ids(await people.find({ name: { $gt: 'BOB' } }, c).toArray())).toEqual([]);
  });

  it('applies to count, distinct, update, delete, findAndModify and aggregate', async () => {
    const c = { collation: strength(2) };
    expect(await people.countDocuments({ name: 'BOB' }, c)).toBe(2);
    expect((await people.distinct('name', { _id: { $in: [4, 5] } }, c)).length).toBe(1);
    expect(
      (await people.updateMany({ name: 'BOB' }, { $set: { seen: true } }, c)).modifiedCount,
    ).toBe(2);
    const found = await people.findOneAndUpdate(
      { name: 'ALICE' },
      { $set: { first: true } },
      { ...c, sort: { _id: 1 }, returnDocument: 'after' },
    );
    expect(found?._id).toBe(1);
    const grouped = await people
      .aggregate([{ $match: { name: 'alice' } }, { $count: 'n' }], c)
      .toArray();
    expect(grouped).toEqual([{ n: 2 }]);
    expect((await people.deleteMany({ name: 'ALICE' }, c)).deletedCount).toBe(2);
    expect(ids(await people.find().toArray())).toEqual([3, 4, 5]);
  });

  it('sorts case-insensitively under strength 2, binary without', async () => {
    const sorted = await people
      .find({ _id: { $in: [2, 4] } }, { collation: strength(2) })
      .sort({ name: 1 })
      .toArray();
    expect(sorted.map((d) => d.name)).toEqual(['alice', 'Bob']);
    const binary = await people
      .find({ _id: { $in: [2, 4] } })
      .sort({ name: 1 })
      .toArray();
    expect(binary.map((d) => d.name)).toEqual(['Bob', 'alice']);
  });

  it('refuses a collation without a locale, or with an unknown field', async () => {
    await expectServerError(
      db.command({ find: 'people', filter: {}, collation: { strength: 2 } }),
      {},
    );
    await expectServerError(
      db.command({ find: 'people', filter: {}, collation: { locale: 'en', bogus: 1 } }),
      {},
    );
  });
});

describe('command-level let', () => {
  it('find, aggregate, update, delete and findAndModify see the variables', async () => {
    const byId = { $expr: { $eq: ['$_id', '$$target'] } };
    const found = await db.command({ find: 'people', filter: byId, let: { target: 4 } });
    expect(found.cursor.firstBatch.map((d: AnyDoc) => d._id)).toEqual([4]);
    const aggregated = await people
      .aggregate([{ $match: byId }, { $project: { _id: 1, v: '$$target' } }], {
        let: { target: 5 },
      })
      .toArray();
    expect(aggregated).toEqual([{ _id: 5, v: 5 }]);
    await people.updateOne(byId, [{ $set: { label: '$$label' } }], {
      let: { target: 1, label: 'first' },
    });
    expect((await people.findOne({ _id: 1 }))?.label).toBe('first');
    const modified = await people.findOneAndUpdate(
      byId,
      { $set: { touched: true } },
      { let: { target: 2 }, returnDocument: 'after' },
    );
    expect(modified?._id).toBe(2);
    expect((await people.deleteOne(byId, { let: { target: 3 } })).deletedCount).toBe(1);
    expect(await people.countDocuments({ _id: 3 })).toBe(0);
  });
});

describe('pipeline updates', () => {
  it('$replaceWith and $replaceRoot without _id keep the document _id', async () => {
    await people.updateOne({ _id: 1 }, [{ $replaceWith: { name: 'Ann' } }]);
    expect(await people.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'Ann' });
    await people.updateOne({ _id: 4 }, [{ $replaceRoot: { newRoot: { n: { $size: '$tags' } } } }]);
    expect(await people.findOne({ _id: 4 })).toEqual({ _id: 4, n: 1 });
  });

  it('changing _id in a pipeline update is refused (66)', async () => {
    await expectServerError(people.updateOne({ _id: 1 }, [{ $replaceWith: { _id: 9 } }]), {
      code: 66,
    });
  });

  it('$setField and $unsetField set and remove a $-prefixed field', async () => {
    await people.updateOne({ _id: 5 }, [
      {
        $replaceWith: {
          $setField: { field: { $literal: '$price' }, input: '$$ROOT', value: 10 },
        },
      },
    ]);
    expect(await people.findOne({ _id: 5 })).toEqual({ _id: 5, name: 'bob', $price: 10 });
    await people.updateOne({ _id: 5 }, [
      { $replaceWith: { $unsetField: { field: { $literal: '$price' }, input: '$$ROOT' } } },
    ]);
    expect(await people.findOne({ _id: 5 })).toEqual({ _id: 5, name: 'bob' });
  });
});

describe('what mongod refuses', () => {
  it('count inside a transaction: 263 OperationNotSupportedInTransaction', async () => {
    if (!transactional) return;
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await expectServerError(db.command({ count: 'people' }, { session }), {
        code: 263,
        codeName: 'OperationNotSupportedInTransaction',
      });
    } finally {
      await session.abortTransaction().catch(() => {});
      await session.endSession();
    }
  });

  it('a write concern w greater than the members: the write applies, with a write concern error', async () => {
    if (!transactional) return; // a replica set; a standalone refuses w > 1 differently
    const members = (await db.admin().command({ hello: 1 })).hosts?.length ?? 1;
    const error = await people
      .insertOne({ _id: 6 }, { writeConcern: { w: members + 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect((error as MongoWriteConcernError).code).toBe(100);
    expect(await people.countDocuments({ _id: 6 })).toBe(1);
  });

  it('an _id holding $-prefixed fields (52); $-prefixed fields elsewhere are stored', async () => {
    await expectServerError(people.insertOne({ _id: { $bad: 1 } as never }), { code: 52 });
    await db.command({ insert: 'people', documents: [{ _id: 7, $top: 1, nested: { $x: 2 } }] });
    expect(await people.findOne({ _id: 7 })).toEqual({ _id: 7, $top: 1, nested: { $x: 2 } });
  });

  it('readConcern snapshot outside a transaction: reads only, at one point in time', async () => {
    if (!transactional) return;
    await expectServerError(
      db.command({ insert: 'people', documents: [{ _id: 8 }], readConcern: { level: 'snapshot' } }),
      {},
    );
    const session = t.client.startSession({ snapshot: true });
    try {
      const before = await people.find({}, { session }).toArray();
      await people.insertOne({ _id: 9 });
      // The snapshot session reads at the first read's cluster time: _id 9 is not there.
      expect(ids(await people.find({}, { session }).toArray())).toEqual(ids(before));
      expect(await people.distinct('_id', {}, { session })).not.toContain(9);
    } finally {
      await session.endSession();
    }
    expect(await people.countDocuments({ _id: 9 })).toBe(1);
  });
});

describe('cluster time', () => {
  it('every reply carries operationTime and $clusterTime; a write moves them on', async () => {
    if (!transactional) return;
    const log = recordCommands(t.client);
    try {
      const first = await db.command({ ping: 1 });
      expect(first.operationTime).toBeInstanceOf(Timestamp);
      expect(first.$clusterTime?.clusterTime).toBeInstanceOf(Timestamp);
      await people.insertOne({ _id: 10 });
      const after = await db.command({ find: 'people', filter: { _id: 10 } });
      expect((after.operationTime as Timestamp).greaterThan(first.operationTime)).toBe(true);
    } finally {
      log.stop();
    }
  });

  it('a causally consistent session reads its own write after the operationTime it got', async () => {
    if (!transactional) return;
    const session = t.client.startSession({ causalConsistency: true });
    const log = recordCommands(t.client);
    try {
      await people.insertOne({ _id: 11 }, { session });
      expect(await people.findOne({ _id: 11 }, { session })).toEqual({ _id: 11 });
      const find = log.started.find((e) => e.commandName === 'find');
      expect(find?.command.readConcern?.afterClusterTime).toBeInstanceOf(Timestamp);
    } finally {
      log.stop();
      await session.endSession();
    }
  });
});
