import { type Db, type Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServerError } from '../../testing/commands.js';
import {
  type AnyDoc,
  clientOptions,
  type TestDatabase,
  useTestDatabase,
} from '../../testing/db.js';

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
});

afterAll(async () => {
  await t?.close();
});

describe('server information', () => {
  it('ping answers ok', async () => {
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await db.admin().ping()).toMatchObject({ ok: 1 });
  });

  it('hello describes a writable primary with the limits the driver relies on', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    // MongoDB 7.0 speaks wire version 21; 8.0 speaks 25.
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
    expect(hello.minWireVersion).toBeLessThanOrEqual(hello.maxWireVersion);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    expect(typeof hello.connectionId).toBe('number');
  });

  it('the legacy isMaster spelling is still answered', async () => {
    const reply = await db.admin().command({ isMaster: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.ismaster).toBe(true);
  });

  it('buildInfo reports a 7.x or newer version', async () => {
    const info = await db.admin().command({ buildInfo: 1 });
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Array.isArray(info.versionArray)).toBe(true);
    expect(info.versionArray[0]).toBeGreaterThanOrEqual(7);
    expect(info.version.startsWith(`${info.versionArray[0]}.${info.versionArray[1]}.`)).toBe(true);
    expect(info.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  });

  it('getParameter returns the featureCompatibilityVersion', async () => {
    const reply = await db.admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(reply.ok).toBe(1);
    const version = reply.featureCompatibilityVersion?.version as string;
    expect(version).toMatch(/^\d+\.\d+$/);
    expect(Number.parseFloat(version)).toBeGreaterThanOrEqual(7);
  });

  it('an unknown command fails with CommandNotFound and names the command', async () => {
    await expectServerError(db.command({ notARealCommand: 1 }), {
      code: 59,
      codeName: 'CommandNotFound',
      messageIncludes: ["no such command: 'notARealCommand'"],
    });
    // The connection is still usable afterwards.
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

describe('databases and collections', () => {
  it('listDatabases includes a database once it holds data', async () => {
    await db.collection<AnyDoc>('present').insertOne({ a: 1 });
    const reply = await db.admin().listDatabases();
    const mine = reply.databases.find((d) => d.name === db.databaseName);
    expect(mine).toBeDefined();
    expect(typeof mine?.sizeOnDisk).toBe('number');
    expect(mine?.empty).toBe(false);
    const names = await db.admin().command({ listDatabases: 1, nameOnly: true });
    expect(names.databases.map((d: Document) => d.name)).toContain(db.databaseName);
  });

  it('listCollections lists collections, filters by name and supports nameOnly', async () => {
    const local = t.client.db(`${db.databaseName.slice(0, 30)}_lc`);
    try {
      await local.createCollection('alpha');
      await local.createCollection('beta');
      await local.collection('gamma').insertOne({ x: 1 });

      const all = await local.listCollections().toArray();
      expect(all.map((c) => c.name).sort()).toEqual(['alpha', 'beta', 'gamma']);
      const alpha = all.find((c) => c.name === 'alpha');
      expect(alpha).toMatchObject({ name: 'alpha', type: 'collection' });
      expect(alpha).toHaveProperty('options');
      expect((alpha as Document | undefined)?.info?.readOnly).toBe(false);

      const filtered = await local.listCollections({ name: 'beta' }).toArray();
      expect(filtered.map((c) => c.name)).toEqual(['beta']);
      const listed = await local.listCollections({ name: { $in: ['alpha', 'gamma'] } }).toArray();
      expect(listed.map((c) => c.name).sort()).toEqual(['alpha', 'gamma']);

      const nameOnly = await local.listCollections({}, { nameOnly: true }).toArray();
      expect(nameOnly.map((c) => c.name).sort()).toEqual(['alpha', 'beta', 'gamma']);
      for (const entry of nameOnly) {
        expect(Object.keys(entry).sort()).toEqual(['name', 'type']);
      }
      expect(await local.listCollections({ name: 'none' }).toArray()).toEqual([]);
    } finally {
      await local.dropDatabase();
    }
  });

  it('create makes an empty collection; a conflicting second create fails with NamespaceExists', async () => {
    const created = await db.createCollection('made');
    expect(created.collectionName).toBe('made');
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('made');
    expect(await created.countDocuments()).toBe(0);
    // MongoDB 7.0+ treats a create with identical options as a no-op, so the duplicate
    // asks for different options to get the documented NamespaceExists error.
    await expectServerError(
      db.command({ create: 'made', validator: { name: { $type: 'string' } } }),
      { code: 48, codeName: 'NamespaceExists' },
    );
  });

  it('create with identical options on an existing collection succeeds (MongoDB 7.0+)', async () => {
    await db.command({ create: 'twice' });
    expect(await db.command({ create: 'twice' })).toMatchObject({ ok: 1 });
  });

  it('drop removes a collection with its documents and indexes', async () => {
    const doomed = db.collection<AnyDoc>('doomed');
    await doomed.insertMany([{ a: 1 }, { a: 2 }]);
    await doomed.createIndex({ a: 1 });
    expect(await doomed.drop()).toBe(true);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('doomed');
    expect(await doomed.countDocuments()).toBe(0);
    await doomed.insertOne({ a: 3 });
    const indexNames = (await doomed.listIndexes().toArray()).map((i) => i.name);
    expect(indexNames).toEqual(['_id_']);
  });

  it('dropDatabase removes every collection of that database only', async () => {
    const other = t.client.db(`${db.databaseName.slice(0, 30)}_dd`);
    await other.collection('one').insertOne({ a: 1 });
    await other.collection('two').insertOne({ a: 2 });
    await db.collection<AnyDoc>('survivor').insertOne({ a: 1 });
    expect(await other.dropDatabase()).toBe(true);
    expect(await other.listCollections().toArray()).toEqual([]);
    const dbs = (await t.client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs).not.toContain(other.databaseName);
    expect(await db.collection<AnyDoc>('survivor').countDocuments()).toBe(1);
  });

  it('a second client sees the same data', async () => {
    await db.collection<AnyDoc>('shared').insertOne({ _id: 'from-first' } as Document);
    const second = new MongoClient(t.uri, clientOptions());
    try {
      await second.connect();
      const doc = await second.db(db.databaseName).collection<AnyDoc>('shared').findOne({});
      expect(doc).toEqual({ _id: 'from-first' });
    } finally {
      await second.close();
    }
  });
});
