import {
  type CommandStartedEvent,
  type Db,
  MongoClient,
  type MongoClientOptions,
  MongoServerError,
  MongoWriteConcernError,
} from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../src/index.js';
import {
  expectServerError,
  failCommand,
  supportsFailPoints,
  supportsTransactions,
} from '../../testing/commands.js';
import {
  type AnyDoc,
  clientOptions,
  type TestDatabase,
  useTestDatabase,
} from '../../testing/db.js';

// Fail points as mongod has them with enableTestCommands. Against a MONGODB_URI server
// without test commands these tests are skipped (the embedded harness always enables them).
let t: TestDatabase;
let available = false;
let transactional = false;
const clients: MongoClient[] = [];

beforeAll(async () => {
  t = await useTestDatabase();
  available = await supportsFailPoints(t.client, t.embedded);
  transactional = t.embedded || (await supportsTransactions(t.db));
});

afterEach(async () => {
  if (available) {
    await t.client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
    await t.client
      .db('admin')
      .command({ configureFailPoint: 'onPrimaryTransactionalWrite', mode: 'off' });
  }
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await t?.close();
});

/** A separate client, recording the commands it starts. */
async function connect(options: MongoClientOptions = {}) {
  const client = new MongoClient(t.uri, clientOptions(options));
  clients.push(client);
  await client.connect();
  const started: CommandStartedEvent[] = [];
  client.on('commandStarted', (event) => started.push(event));
  const db: Db = client.db(t.db.databaseName);
  return { client, db, sent: (name: string) => started.filter((e) => e.commandName === name) };
}

describe('configureFailPoint', () => {
  it('does not exist unless the server runs with test commands enabled', async () => {
    if (!t.embedded) return; // a real server's setting is not ours to change
    const server = await startEmbeddedMongo();
    const client = new MongoClient(server.uri, clientOptions());
    try {
      await expectServerError(
        client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'alwaysOn' }),
        { code: 59, codeName: 'CommandNotFound' },
      );
    } finally {
      await client.close();
      await server.stop();
    }
  });

  it('an error code on a retryable write is labelled, retried once, and applied once', async () => {
    if (!available) return;
    const { db, sent } = await connect();
    const off = await failCommand(
      t.client,
      { times: 1 },
      {
        failCommands: ['insert'],
        errorCode: 91, // ShutdownInProgress: mongod adds RetryableWriteError
      },
    );
    await db.collection<AnyDoc>('retried').insertOne({ _id: 1 });
    await off();
    expect(sent('insert')).toHaveLength(2);
    expect(await db.collection('retried').countDocuments()).toBe(1);
  });

  it('without retryable writes the error reaches the caller, unlabelled, and nothing is written', async () => {
    if (!available) return;
    const { db } = await connect({ retryWrites: false });
    await failCommand(t.client, { times: 1 }, { failCommands: ['insert'], errorCode: 91 });
    const error = await expectServerError(db.collection<AnyDoc>('plain').insertOne({ _id: 1 }), {
      code: 91,
    });
    expect(error.message).toContain("'failCommand' failpoint");
    expect(error.hasErrorLabel('RetryableWriteError')).toBe(false);
    expect(await db.collection('plain').countDocuments()).toBe(0);
  });

  it('uses the labels it is given instead of its own', async () => {
    if (!available) return;
    const { db } = await connect({ retryWrites: false });
    await failCommand(
      t.client,
      { times: 1 },
      {
        failCommands: ['find'],
        errorCode: 2,
        errorLabels: ['MadeUpLabel'],
      },
    );
    const error = await expectServerError(db.collection('x').findOne({}), { code: 2 });
    expect(error.errorLabels).toEqual(['MadeUpLabel']);
  });

  it('{skip: n} lets n commands through, alwaysOn fails every one until off; the reply counts', async () => {
    if (!available) return;
    const { db } = await connect({ retryReads: false });
    await failCommand(t.client, { skip: 1 }, { failCommands: ['count'], errorCode: 8 });
    const count = () => db.command({ count: 'x' });
    await expect(count()).resolves.toMatchObject({ ok: 1 });
    await expectServerError(count(), { code: 8 });
    await expectServerError(count(), { code: 8 });
    const admin = t.client.db('admin');
    const reply = await admin.command({
      configureFailPoint: 'failCommand',
      mode: 'alwaysOn',
      data: { failCommands: ['count'], errorCode: 8 },
    });
    expect(reply.count).toBe(2);
    await expectServerError(count(), { code: 8 });
    await admin.command({ configureFailPoint: 'failCommand', mode: 'off' });
    await expect(count()).resolves.toMatchObject({ ok: 1 });
  });

  it('closes the connection instead of answering; a retryable read is sent again', async () => {
    if (!available) return;
    const { db, sent } = await connect();
    await db.collection<AnyDoc>('reads').insertOne({ _id: 1 });
    await failCommand(t.client, { times: 1 }, { failCommands: ['find'], closeConnection: true });
    expect(await db.collection('reads').findOne({})).toEqual({ _id: 1 });
    expect(sent('find')).toHaveLength(2);
  });

  it('holds a command for blockTimeMS before running it', async () => {
    if (!available) return;
    const { db } = await connect();
    await failCommand(
      t.client,
      { times: 1 },
      {
        failCommands: ['ping'],
        blockConnection: true,
        blockTimeMS: 300,
      },
    );
    const started = Date.now();
    await db.command({ ping: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('adds a write concern error to a command that ran', async () => {
    if (!available) return;
    const { db } = await connect({ retryWrites: false });
    await failCommand(
      t.client,
      { times: 1 },
      {
        failCommands: ['insert'],
        writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' },
      },
    );
    const error = await db
      .collection<AnyDoc>('wce')
      .insertOne({ _id: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect((error as MongoWriteConcernError).code).toBe(64);
    expect(await db.collection('wce').countDocuments()).toBe(1);
  });

  it('with appName fails only the commands of clients that named themselves so', async () => {
    if (!available) return;
    const mine = await connect({ appName: 'victim', retryReads: false });
    const others = await connect({ retryReads: false });
    await failCommand(t.client, 'alwaysOn', {
      failCommands: ['find'],
      errorCode: 2,
      appName: 'victim',
    });
    await expect(others.db.collection('x').findOne({})).resolves.toBeNull();
    await expectServerError(mine.db.collection('x').findOne({}), { code: 2 });
  });

  it('inside a transaction a not-primary error is labelled TransientTransactionError', async () => {
    if (!available || !transactional) return;
    const { client, db } = await connect();
    await db.createCollection('txn_fp').catch(() => {});
    const session = client.startSession();
    try {
      session.startTransaction();
      await failCommand(t.client, { times: 1 }, { failCommands: ['insert'], errorCode: 10107 });
      const error = await db
        .collection<AnyDoc>('txn_fp')
        .insertOne({ _id: 1 }, { session })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
      expect((error as MongoServerError).hasErrorLabel('RetryableWriteError')).toBe(false);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await db.collection('txn_fp').countDocuments()).toBe(0);
  });

  it('onPrimaryTransactionalWrite: the write applies, the connection closes, the retry gets the first answer', async () => {
    if (!available) return;
    const { db, sent } = await connect();
    await t.client.db('admin').command({
      configureFailPoint: 'onPrimaryTransactionalWrite',
      mode: { times: 1 },
    });
    const result = await db
      .collection<AnyDoc>('counters')
      .findOneAndUpdate(
        { _id: 'c' },
        { $inc: { n: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
    expect(result).toEqual({ _id: 'c', n: 1 });
    expect(sent('findAndModify')).toHaveLength(2);
    expect(await db.collection('counters').findOne({})).toEqual({ _id: 'c', n: 1 });
  });
});

describe('killAllSessions', () => {
  it('ends open transactions: their commit then finds no transaction', async () => {
    if (!transactional) return;
    const { client, db } = await connect();
    await db.createCollection('killed').catch(() => {});
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.collection<AnyDoc>('killed').insertOne({ _id: 1 }, { session });
      await t.client.db('admin').command({ killAllSessions: [] });
      await expectServerError(session.commitTransaction(), { code: 251 });
    } finally {
      await session.endSession();
    }
    expect(await db.collection('killed').countDocuments()).toBe(0);
  });
});
