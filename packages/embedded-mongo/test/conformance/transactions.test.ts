import {
  Binary,
  type ClientSession,
  type Collection,
  type Db,
  type Document,
  Long,
  MongoClient,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectServerError, recordCommands, supportsTransactions } from '../../testing/commands.js';
import {
  type AnyDoc,
  clientOptions,
  type TestDatabase,
  useTestDatabase,
} from '../../testing/db.js';

let t: TestDatabase;
let db: Db;
let other: MongoClient;
let accounts: Collection<AnyDoc>;
/** Accounts as seen through a second, independent client. */
let accountsElsewhere: Collection<AnyDoc>;
let transactional = false;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
  // A standalone real MongoDB has no transactions; the embedded server must have them.
  transactional = t.embedded || (await supportsTransactions(db));
  other = new MongoClient(t.uri, clientOptions());
  await other.connect();
  // Created up front: DDL inside a transaction is a separate concern.
  await db.createCollection('accounts');
  accounts = db.collection<AnyDoc>('accounts');
  accountsElsewhere = other.db(db.databaseName).collection<AnyDoc>('accounts');
});

afterAll(async () => {
  await other?.close();
  await t?.close();
});

beforeEach(async (context) => {
  if (!transactional) context.skip();
  await accounts.deleteMany({});
  await accounts.insertMany([
    { _id: 'a', balance: 100 },
    { _id: 'b', balance: 0 },
  ]);
});

describe('multi-document transactions', () => {
  it('writes stay invisible to other clients and sessions until commit', async () => {
    const seenInside: Document[] = [];
    await t.client.withSession(async (session) => {
      await session.withTransaction(async () => {
        await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session });
        await accounts.updateOne({ _id: 'b' }, { $inc: { balance: 30 } }, { session });
        await accounts.insertOne({ _id: 'log1', note: 'transfer' }, { session });

        // Inside: the transaction reads its own writes.
        seenInside.push(...(await accounts.find({}, { session }).sort({ _id: 1 }).toArray()));
        // Outside: another client and a session-less read on this client see the old state.
        expect(await accountsElsewhere.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
        expect(await accountsElsewhere.findOne({ _id: 'log1' })).toBeNull();
        expect(await accounts.countDocuments()).toBe(2);
      });
    });
    expect(seenInside).toEqual([
      { _id: 'a', balance: 70 },
      { _id: 'b', balance: 30 },
      { _id: 'log1', note: 'transfer' },
    ]);
    expect(await accountsElsewhere.find().sort({ _id: 1 }).toArray()).toEqual(seenInside);
  });

  it('abortTransaction discards every write', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' }, { $set: { balance: 0 } }, { session });
      await accounts.insertOne({ _id: 'c', balance: 5 }, { session });
      await accounts.deleteOne({ _id: 'b' }, { session });
      expect(await accounts.countDocuments({}, { session })).toBe(2);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await accounts.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 0 },
    ]);
  });

  it('a callback that throws applies nothing and the error reaches the caller', async () => {
    const failure = new Error('business rule broken');
    const outcome = t.client.withSession((session) =>
      session.withTransaction(async () => {
        await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -50 } }, { session });
        await accounts.insertOne({ _id: 'c', balance: 50 }, { session });
        throw failure;
      }),
    );
    await expect(outcome).rejects.toBe(failure);
    expect(await accounts.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
    expect(await accounts.findOne({ _id: 'c' })).toBeNull();
  });

  it('a server error inside the transaction applies nothing', async () => {
    const outcome = t.client.withSession((session) =>
      session.withTransaction(async () => {
        await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -10 } }, { session });
        await accounts.insertOne({ _id: 'b', balance: 1 }, { session }); // duplicate _id
      }),
    );
    await expectServerError(outcome, { code: 11000 });
    expect(await accounts.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
  });

  it('the driver sends startTransaction, autocommit false and commitTransaction', async () => {
    const log = recordCommands(t.client);
    await t.client.withSession((session) =>
      session.withTransaction(async () => {
        await accounts.insertOne({ _id: 'x' }, { session });
        await accounts.insertOne({ _id: 'y' }, { session });
      }),
    );
    log.stop();
    const inserts = log.started.filter((e) => e.commandName === 'insert');
    expect(inserts[0]?.command.startTransaction).toBe(true);
    expect(inserts[0]?.command.autocommit).toBe(false);
    expect(inserts[1]?.command.startTransaction).toBeUndefined();
    expect(log.names()).toContain('commitTransaction');
    expect(await accountsElsewhere.countDocuments({ _id: { $in: ['x', 'y'] } })).toBe(2);
  });

  it('two transactions writing the same document conflict with a transient WriteConflict', async () => {
    const first = t.client.startSession();
    const second = other.startSession();
    const accountsViaOther = accountsElsewhere;
    try {
      first.startTransaction();
      second.startTransaction();
      await accounts.updateOne({ _id: 'a' }, { $inc: { balance: 1 } }, { session: first });
      const error = await expectServerError(
        accountsViaOther.updateOne({ _id: 'a' }, { $inc: { balance: 2 } }, { session: second }),
        { code: 112, codeName: 'WriteConflict' },
      );
      expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
      await second.abortTransaction().catch(() => {});
      await first.commitTransaction();
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect(await accounts.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 101 });
  });

  it('reads inside a transaction come from one snapshot', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      // The first read fixes the snapshot.
      expect(await accounts.findOne({ _id: 'a' }, { session })).toEqual({ _id: 'a', balance: 100 });
      // A write committed elsewhere afterwards...
      await accountsElsewhere.updateOne({ _id: 'b' }, { $set: { balance: 999 } });
      await accountsElsewhere.insertOne({ _id: 'late', balance: 1 });
      // ...is not visible to the transaction.
      expect(await accounts.findOne({ _id: 'b' }, { session })).toEqual({ _id: 'b', balance: 0 });
      expect(await accounts.countDocuments({}, { session })).toBe(2);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await accounts.findOne({ _id: 'b' })).toEqual({ _id: 'b', balance: 999 });
  });

  it('writing a document changed since the snapshot is a WriteConflict', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.findOne({ _id: 'a' }, { session });
      await accountsElsewhere.updateOne({ _id: 'a' }, { $inc: { balance: 1 } });
      const error = await expectServerError(
        accounts.updateOne({ _id: 'a' }, { $inc: { balance: 10 } }, { session }),
        { code: 112 },
      );
      expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
      await session.abortTransaction().catch(() => {});
    } finally {
      await session.endSession();
    }
    expect(await accounts.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 101 });
  });

  it('commitTransaction can be retried after success', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.insertOne({ _id: 'once' }, { session });
      await session.commitTransaction();
      // The driver re-sends commitTransaction for the same txnNumber; the server must ack it.
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await accounts.countDocuments({ _id: 'once' })).toBe(1);
  });

  it('committed transactions are applied exactly once when run concurrently', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.client.withSession((session) =>
          session.withTransaction(async () => {
            await accounts.insertOne({ _id: `t${i}`, balance: i }, { session });
          }),
        ),
      ),
    );
    expect(await accounts.countDocuments({ _id: /^t/ })).toBe(5);
  });
});

describe('retryable writes', () => {
  it('the driver attaches lsid and txnNumber to writes and they succeed', async () => {
    const log = recordCommands(t.client);
    await accounts.insertOne({ _id: 'r1', balance: 1 });
    await accounts.updateOne({ _id: 'r1' }, { $inc: { balance: 1 } });
    await accounts.findOneAndUpdate({ _id: 'r1' }, { $inc: { balance: 1 } });
    await accounts.deleteOne({ _id: 'b' });
    log.stop();
    for (const event of log.started) {
      expect(event.command.lsid, event.commandName).toBeDefined();
      expect(event.command.txnNumber, event.commandName).toBeDefined();
    }
    expect(await accounts.findOne({ _id: 'r1' })).toEqual({ _id: 'r1', balance: 3 });
  });

  /**
   * The driver always overwrites `lsid` with its own session id, and a pooled server session
   * may already have used higher txnNumbers (the server then refuses lower ones). A fresh
   * client gives a session id the server has never seen.
   */
  async function withFreshSession<T>(
    run: (session: ClientSession, freshDb: Db) => Promise<T>,
  ): Promise<T> {
    const fresh = new MongoClient(t.uri, clientOptions());
    await fresh.connect();
    const session = fresh.startSession();
    try {
      return await run(session, fresh.db(db.databaseName));
    } finally {
      await session.endSession();
      await fresh.close();
    }
  }

  it('replaying an insert with the same lsid and txnNumber does not insert again', async () => {
    await withFreshSession(async (session, freshDb) => {
      const command = {
        insert: 'accounts',
        documents: [{ marker: 'retried-once' }],
        txnNumber: Long.fromNumber(1),
      };
      const first = await freshDb.command(command, { session });
      const replay = await freshDb.command(command, { session });
      expect(first).toMatchObject({ ok: 1, n: 1 });
      expect(replay).toMatchObject({ ok: 1, n: 1 });
      expect(replay.writeErrors).toBeUndefined();
      expect(await accounts.countDocuments({ marker: 'retried-once' })).toBe(1);

      // A new txnNumber is a new write.
      await freshDb.command({ ...command, txnNumber: Long.fromNumber(2) }, { session });
      expect(await accounts.countDocuments({ marker: 'retried-once' })).toBe(2);
    });
  });

  it('replaying an $inc update with the same lsid and txnNumber applies it once', async () => {
    await withFreshSession(async (session, freshDb) => {
      const command = {
        update: 'accounts',
        updates: [{ q: { _id: 'a' }, u: { $inc: { balance: 5 } } }],
        txnNumber: Long.fromNumber(1),
      };
      await freshDb.command(command, { session });
      const replay = await freshDb.command(command, { session });
      expect(replay).toMatchObject({ ok: 1, n: 1 });
      expect(await accounts.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 105 });
    });
  });

  it('a txnNumber lower than one already used on the session is refused', async () => {
    await withFreshSession(async (session, freshDb) => {
      const insert = (txnNumber: number) =>
        freshDb.command(
          {
            insert: 'accounts',
            documents: [{ marker: 'order' }],
            txnNumber: Long.fromNumber(txnNumber),
          },
          { session },
        );
      await insert(5);
      await expectServerError(insert(4), { code: 225, codeName: 'TransactionTooOld' });
      expect(await accounts.countDocuments({ marker: 'order' })).toBe(1);
    });
  });

  it('the lsid sent is the session id of the explicit session', async () => {
    const session = t.client.startSession();
    const log = recordCommands(t.client);
    try {
      await db.command({ insert: 'accounts', documents: [{ probe: 1 }] }, { session });
    } finally {
      log.stop();
      await session.endSession();
    }
    const lsid = log.started[0]?.command.lsid as { id: Binary } | undefined;
    expect(lsid?.id).toBeInstanceOf(Binary);
    expect(lsid?.id.sub_type).toBe(Binary.SUBTYPE_UUID);
    expect(lsid?.id.toString('hex')).toBe(session.id?.id.toString('hex'));
  });
});
