import type { Collection, Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectServerError } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

let t: TestDatabase;
let db: Db;
let tasks: Collection<AnyDoc>;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
  tasks = db.collection<AnyDoc>('tasks');
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await tasks.deleteMany({});
  await tasks.insertMany([
    { _id: 1, queue: 'q', priority: 1, state: 'ready', attempts: 0 },
    { _id: 2, queue: 'q', priority: 5, state: 'ready', attempts: 0 },
    { _id: 3, queue: 'q', priority: 3, state: 'ready', attempts: 0 },
    { _id: 4, queue: 'other', priority: 9, state: 'ready', attempts: 0 },
  ]);
});

describe('findOneAndUpdate', () => {
  it('returns the document before the update by default', async () => {
    const before = await tasks.findOneAndUpdate({ _id: 1 }, { $inc: { attempts: 1 } });
    expect(before).toEqual({ _id: 1, queue: 'q', priority: 1, state: 'ready', attempts: 0 });
    expect((await tasks.findOne({ _id: 1 }))?.attempts).toBe(1);
  });

  it("returns the updated document with returnDocument 'after'", async () => {
    const after = await tasks.findOneAndUpdate(
      { _id: 1 },
      { $set: { state: 'running' }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 1, queue: 'q', priority: 1, state: 'running', attempts: 1 });
  });

  it('picks the first match in sort order', async () => {
    const claimed = await tasks.findOneAndUpdate(
      { queue: 'q', state: 'ready' },
      { $set: { state: 'running' } },
      { sort: { priority: -1 }, returnDocument: 'after' },
    );
    expect(claimed?._id).toBe(2);
    const next = await tasks.findOneAndUpdate(
      { queue: 'q', state: 'ready' },
      { $set: { state: 'running' } },
      { sort: { priority: -1 }, returnDocument: 'after' },
    );
    expect(next?._id).toBe(3);
    const lowest = await tasks.findOneAndUpdate(
      { queue: 'q' },
      { $inc: { attempts: 1 } },
      { sort: { priority: 1 } },
    );
    expect(lowest?._id).toBe(1);
  });

  it('applies the projection to the returned document', async () => {
    const doc = await tasks.findOneAndUpdate(
      { _id: 2 },
      { $set: { state: 'done' } },
      { returnDocument: 'after', projection: { state: 1, _id: 0 } },
    );
    expect(doc).toEqual({ state: 'done' });
    expect(await tasks.findOne({ _id: 2 })).toMatchObject({ priority: 5, state: 'done' });
  });

  it('returns null when nothing matches and upsert is off', async () => {
    const doc = await tasks.findOneAndUpdate({ _id: 99 }, { $set: { state: 'x' } });
    expect(doc).toBeNull();
    expect(await tasks.countDocuments()).toBe(4);
  });

  it("upsert with returnDocument 'after' returns the inserted document", async () => {
    const doc = await tasks.findOneAndUpdate(
      { queue: 'new', key: 'k' },
      { $setOnInsert: { attempts: 0 }, $set: { state: 'ready' } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(doc).toMatchObject({ queue: 'new', key: 'k', attempts: 0, state: 'ready' });
    expect(doc?._id).toBeDefined();
    expect(await tasks.countDocuments({ queue: 'new' })).toBe(1);
  });

  it("upsert with returnDocument 'before' returns null but still inserts", async () => {
    const doc = await tasks.findOneAndUpdate(
      { _id: 50 },
      { $set: { state: 'ready' } },
      { upsert: true, returnDocument: 'before' },
    );
    expect(doc).toBeNull();
    expect(await tasks.findOne({ _id: 50 })).toEqual({ _id: 50, state: 'ready' });
  });

  it('includeResultMetadata exposes lastErrorObject', async () => {
    const result = await tasks.findOneAndUpdate(
      { _id: 60 },
      { $set: { state: 'ready' } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(result.ok).toBe(1);
    expect(result.value).toEqual({ _id: 60, state: 'ready' });
    expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 60 });

    const again = await tasks.findOneAndUpdate(
      { _id: 60 },
      { $set: { state: 'running' } },
      { includeResultMetadata: true },
    );
    expect(again.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    expect(again.value).toEqual({ _id: 60, state: 'ready' });
  });

  it('supports pipeline updates', async () => {
    const doc = await tasks.findOneAndUpdate(
      { _id: 3 },
      [{ $set: { priority: { $multiply: ['$priority', 10] } } }],
      { returnDocument: 'after' },
    );
    expect(doc?.priority).toBe(30);
  });

  it('rejects changing _id', async () => {
    await expectServerError(tasks.findOneAndUpdate({ _id: 1 }, { $set: { _id: 100 } }), {
      code: 66,
    });
  });

  it('concurrent claims never hand the same document to two callers', async () => {
    const claims = await Promise.all(
      Array.from({ length: 6 }, () =>
        tasks.findOneAndUpdate(
          { queue: 'q', state: 'ready' },
          { $set: { state: 'running' } },
          { sort: { priority: -1 }, returnDocument: 'after' },
        ),
      ),
    );
    const claimedIds = claims.filter((c) => c !== null).map((c) => c?._id);
    expect([...claimedIds].sort()).toEqual([1, 2, 3]);
    expect(claims.filter((c) => c === null)).toHaveLength(3);
  });
});

describe('findOneAndDelete', () => {
  it('removes and returns the first match in sort order', async () => {
    const doc = await tasks.findOneAndDelete({ queue: 'q' }, { sort: { priority: 1 } });
    expect(doc?._id).toBe(1);
    expect(await tasks.findOne({ _id: 1 })).toBeNull();
    expect(await tasks.countDocuments()).toBe(3);
  });

  it('applies the projection', async () => {
    const doc = await tasks.findOneAndDelete({ _id: 4 }, { projection: { priority: 1 } });
    expect(doc).toEqual({ _id: 4, priority: 9 });
  });

  it('returns null when nothing matches', async () => {
    expect(await tasks.findOneAndDelete({ queue: 'none' })).toBeNull();
    expect(await tasks.countDocuments()).toBe(4);
  });
});

describe('findOneAndReplace', () => {
  it('replaces and returns the original by default', async () => {
    const before = await tasks.findOneAndReplace({ _id: 2 }, { queue: 'q', replaced: true });
    expect(before).toMatchObject({ _id: 2, priority: 5 });
    expect(await tasks.findOne({ _id: 2 })).toEqual({ _id: 2, queue: 'q', replaced: true });
  });

  it("returns the replacement with returnDocument 'after'", async () => {
    const after = await tasks.findOneAndReplace(
      { queue: 'q' },
      { queue: 'q', replaced: true },
      { sort: { priority: -1 }, returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 2, queue: 'q', replaced: true });
  });

  it('upserts when asked', async () => {
    const after = await tasks.findOneAndReplace(
      { _id: 77 },
      { fresh: true },
      { upsert: true, returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 77, fresh: true });
  });
});
