import { type Collection, type Db, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServerError } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

let t: TestDatabase;
let db: Db;
let counter = 0;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
});

afterAll(async () => {
  await t?.close();
});

/** A fresh, empty collection per test so index state never leaks between tests. */
async function freshCollection(): Promise<Collection<AnyDoc>> {
  counter += 1;
  const name = `c${counter}`;
  await db.createCollection(name);
  return db.collection<AnyDoc>(name);
}

async function indexNames(collection: Collection<AnyDoc>): Promise<string[]> {
  const specs = await collection.listIndexes().toArray();
  return specs.map((s) => s.name as string).sort();
}

describe('index management', () => {
  it('createIndex returns the generated name and listIndexes shows the spec', async () => {
    const users = await freshCollection();
    expect(await users.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    expect(await users.createIndex({ team: 1, joinedAt: -1 })).toBe('team_1_joinedAt_-1');
    const specs = await users.listIndexes().toArray();
    const byName = new Map(specs.map((s) => [s.name as string, s]));
    expect([...byName.keys()].sort()).toEqual(['_id_', 'email_1', 'team_1_joinedAt_-1']);
    expect(byName.get('_id_')?.key).toEqual({ _id: 1 });
    expect(byName.get('email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    expect(byName.get('team_1_joinedAt_-1')?.key).toEqual({ team: 1, joinedAt: -1 });
    expect(byName.get('team_1_joinedAt_-1')).not.toHaveProperty('unique');
  });

  it('createIndexes creates several indexes, honouring explicit names and options', async () => {
    const c = await freshCollection();
    const names = await c.createIndexes([
      { key: { a: 1 } },
      { key: { b: -1 }, name: 'b_desc' },
      { key: { at: 1 }, expireAfterSeconds: 3600 },
      { key: { s: 1 }, sparse: true },
    ]);
    expect(names).toEqual(['a_1', 'b_desc', 'at_1', 's_1']);
    const specs = await c.listIndexes().toArray();
    expect(specs.find((s) => s.name === 'at_1')?.expireAfterSeconds).toBe(3600);
    expect(specs.find((s) => s.name === 's_1')?.sparse).toBe(true);
    expect(await indexNames(c)).toEqual(['_id_', 'a_1', 'at_1', 'b_desc', 's_1']);
  });

  it('creating an identical index again is a no-op', async () => {
    const c = await freshCollection();
    await c.createIndex({ a: 1 }, { unique: true });
    expect(await c.createIndex({ a: 1 }, { unique: true })).toBe('a_1');
    expect(await indexNames(c)).toEqual(['_id_', 'a_1']);
  });

  it('reusing an index name for different options is rejected', async () => {
    const c = await freshCollection();
    await c.createIndex({ a: 1 });
    const error = await c.createIndex({ a: 1 }, { unique: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect([85, 86]).toContain((error as MongoServerError).code);
  });

  it('dropIndex removes one index; dropIndexes removes all but _id_', async () => {
    const c = await freshCollection();
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await c.dropIndex('b_1');
    expect(await indexNames(c)).toEqual(['_id_', 'a_1', 'c_1']);
    await c.dropIndexes();
    expect(await indexNames(c)).toEqual(['_id_']);
  });

  it('dropping an index that does not exist fails with IndexNotFound', async () => {
    const c = await freshCollection();
    await expectServerError(c.dropIndex('nope_1'), { code: 27, codeName: 'IndexNotFound' });
  });

  it('the _id_ index cannot be dropped', async () => {
    const c = await freshCollection();
    await expectServerError(c.dropIndex('_id_'), {});
    expect(await indexNames(c)).toEqual(['_id_']);
  });

  it('listIndexes on a missing collection fails with NamespaceNotFound', async () => {
    await expectServerError(db.command({ listIndexes: 'does_not_exist' }), { code: 26 });
  });

  it('an index created on a missing collection creates the collection', async () => {
    const c = db.collection<AnyDoc>(`implicit_${counter++}`);
    await c.createIndex({ x: 1 });
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name);
    expect(names).toContain(c.collectionName);
  });
});

describe('index use', () => {
  it('hint accepts an existing index by name or key and rejects an unknown one', async () => {
    const c = await freshCollection();
    await c.createIndex({ k: 1 });
    await c.insertMany([{ k: 2 }, { k: 1 }]);
    const byName = await c.find({}).hint('k_1').toArray();
    expect(byName.map((d) => d.k).sort()).toEqual([1, 2]);
    const byKey = await c
      .find({ k: { $gte: 2 } })
      .hint({ k: 1 })
      .toArray();
    expect(byKey.map((d) => d.k)).toEqual([2]);
    await expectServerError(c.find({}).hint('nope_1').toArray(), {
      messageIncludes: ['hint'],
    });
  });

  it('listIndexes reports version 2 index specs', async () => {
    const c = await freshCollection();
    await c.createIndex({ k: 1 });
    const specs = await c.listIndexes().toArray();
    expect(specs.map((s) => s.v)).toEqual([2, 2]);
  });

  it('a unique index on a nested path reports the dotted keyPattern', async () => {
    const c = await freshCollection();
    await c.createIndex({ 'profile.email': 1 }, { unique: true });
    await c.insertOne({ profile: { email: 'x@y' } });
    const error = await expectServerError(c.insertOne({ profile: { email: 'x@y' } }), {
      code: 11000,
    });
    expect(error.keyPattern).toEqual({ 'profile.email': 1 });
    expect(error.keyValue).toEqual({ 'profile.email': 'x@y' });
  });
});

describe('unique indexes', () => {
  it('a duplicate insert fails with code 11000 naming index, keyPattern and keyValue', async () => {
    const users = await freshCollection();
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'a@x.io' });
    const error = await expectServerError(users.insertOne({ email: 'a@x.io' }), {
      code: 11000,
      messageIncludes: ['E11000', 'email_1'],
    });
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'a@x.io' });
    expect(await users.countDocuments()).toBe(1);
  });

  it('an update that would create a duplicate fails and changes nothing', async () => {
    const users = await freshCollection();
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ]);
    await expectServerError(users.updateOne({ _id: 2 }, { $set: { email: 'a' } }), {
      code: 11000,
    });
    expect(await users.findOne({ _id: 2 })).toEqual({ _id: 2, email: 'b' });
    const upsertError = await expectServerError(
      users.updateOne({ _id: 3 }, { $set: { email: 'b' } }, { upsert: true }),
      { code: 11000 },
    );
    expect(upsertError.keyValue).toEqual({ email: 'b' });
    expect(await users.countDocuments()).toBe(2);
  });

  it('documents missing the field collide on null unless the index is sparse', async () => {
    const plain = await freshCollection();
    await plain.createIndex({ email: 1 }, { unique: true });
    await plain.insertOne({ name: 'first' });
    const error = await expectServerError(plain.insertOne({ name: 'second' }), { code: 11000 });
    expect(error.keyValue).toEqual({ email: null });

    const sparse = await freshCollection();
    await sparse.createIndex({ email: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'first' }, { name: 'second' }]);
    expect(await sparse.countDocuments()).toBe(2);
  });

  it('a compound unique index only rejects the full key combination', async () => {
    const seats = await freshCollection();
    await seats.createIndex({ session: 1, person: 1 }, { unique: true });
    await seats.insertMany([
      { session: 's1', person: 'p1' },
      { session: 's1', person: 'p2' },
      { session: 's2', person: 'p1' },
    ]);
    const error = await expectServerError(seats.insertOne({ session: 's1', person: 'p2' }), {
      code: 11000,
      messageIncludes: ['session_1_person_1'],
    });
    expect(error.keyPattern).toEqual({ session: 1, person: 1 });
    expect(error.keyValue).toEqual({ session: 's1', person: 'p2' });
    expect(await seats.countDocuments()).toBe(3);
  });

  it('a partial unique index ignores documents outside its filter', async () => {
    const requests = await freshCollection();
    await requests.createIndex(
      { mentee: 1 },
      { unique: true, partialFilterExpression: { status: 'open' } },
    );
    const specs = await requests.listIndexes().toArray();
    expect(specs.find((s) => s.name === 'mentee_1')?.partialFilterExpression).toEqual({
      status: 'open',
    });
    await requests.insertMany([
      { mentee: 'm1', status: 'closed' },
      { mentee: 'm1', status: 'closed' },
      { mentee: 'm1', status: 'open' },
    ]);
    await expectServerError(requests.insertOne({ mentee: 'm1', status: 'open' }), {
      code: 11000,
    });
    // Moving a document into the filter is checked too.
    await expectServerError(
      requests.updateOne({ status: 'closed' }, { $set: { status: 'open' } }),
      { code: 11000 },
    );
    await requests.updateOne({ status: 'open' }, { $set: { status: 'closed' } });
    await requests.updateOne({ status: 'closed' }, { $set: { status: 'open' } });
    expect(await requests.countDocuments({ status: 'open' })).toBe(1);
  });

  it('a unique index over an array field rejects a value shared by two documents', async () => {
    const tagged = await freshCollection();
    await tagged.createIndex({ tags: 1 }, { unique: true });
    await tagged.insertOne({ tags: ['a', 'b'] });
    // Repeating a value inside one document is allowed.
    await tagged.insertOne({ tags: ['c', 'c'] });
    await expectServerError(tagged.insertOne({ tags: ['x', 'b'] }), { code: 11000 });
  });

  it('building a unique index over existing duplicates fails and leaves no index', async () => {
    const c = await freshCollection();
    await c.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }]);
    await expectServerError(c.createIndex({ k: 1 }, { unique: true }), { code: 11000 });
    expect(await indexNames(c)).toEqual(['_id_']);
    expect(await c.countDocuments()).toBe(3);
  });

  it('an insertMany batch is checked against documents earlier in the same batch', async () => {
    const c = await freshCollection();
    await c.createIndex({ k: 1 }, { unique: true });
    const error = await c
      .insertMany([{ k: 1 }, { k: 2 }, { k: 1 }], { ordered: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(await c.countDocuments()).toBe(2);
  });
});
