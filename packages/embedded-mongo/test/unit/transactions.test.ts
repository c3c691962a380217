import { Binary, type Document, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog.js';
import { Cursors } from '../../src/cursors.js';
import { ClusterClock, execute, type Shared } from '../../src/dispatch.js';
import { FailPoints } from '../../src/failpoints.js';
import { Sessions } from '../../src/transactions.js';

function server(): Shared {
  return {
    catalog: new Catalog(),
    cursors: new Cursors(),
    sessions: new Sessions(),
    server: { host: '127.0.0.1', port: 1, startedAt: new Date() },
    failPoints: new FailPoints(),
    testCommands: false,
    clock: new ClusterClock(),
  };
}

let sessionCounter = 0;
function lsid() {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(++sessionCounter, 12);
  return { id: new Binary(bytes, 4) };
}

const run = (shared: Shared, command: Document) =>
  execute(shared, { ...command, $db: 'test' }, 1).reply;
const names = (shared: Shared) =>
  [...(shared.catalog.get('test', 'c')?.docs.values() ?? [])].map((d) => d._id).sort();

describe('retryable writes', () => {
  it('a retried insert with the same lsid and txnNumber is not applied twice', () => {
    const shared = server();
    const session = lsid();
    const insert = {
      insert: 'c',
      documents: [{ _id: 'a' }],
      lsid: session,
      txnNumber: Long.fromInt(1),
    };
    expect(run(shared, insert)).toMatchObject({ ok: 1, n: 1 });
    expect(run(shared, insert)).toMatchObject({ ok: 1, n: 1 });
    expect(names(shared)).toEqual(['a']);
    const inc = {
      update: 'c',
      updates: [{ q: { _id: 'a' }, u: { $inc: { n: 1 } } }],
      lsid: session,
    };
    run(shared, { ...inc, txnNumber: Long.fromInt(2) });
    run(shared, { ...inc, txnNumber: Long.fromInt(2) });
    expect(shared.catalog.get('test', 'c')?.docs.get('sa')?.n).toBe(1);
    expect(run(shared, { ...inc, txnNumber: Long.fromInt(1) })).toMatchObject({ ok: 0, code: 225 });
  });
});

describe('transactions', () => {
  const begin = (session: object, txnNumber: number) => ({
    lsid: session,
    txnNumber: Long.fromInt(txnNumber),
    autocommit: false,
  });

  it('keeps writes invisible until commit, then applies them all', () => {
    const shared = server();
    const session = lsid();
    run(shared, { insert: 'c', documents: [{ _id: 'x' }] });
    run(shared, {
      insert: 'c',
      documents: [{ _id: 'a' }, { _id: 'b' }],
      ...begin(session, 1),
      startTransaction: true,
    });
    run(shared, { delete: 'c', deletes: [{ q: { _id: 'x' }, limit: 1 }], ...begin(session, 1) });
    expect(names(shared)).toEqual(['x']);
    expect(run(shared, { commitTransaction: 1, ...begin(session, 1) })).toMatchObject({ ok: 1 });
    expect(names(shared)).toEqual(['a', 'b']);
  });

  it('abort discards every write', () => {
    const shared = server();
    const session = lsid();
    run(shared, {
      insert: 'c',
      documents: [{ _id: 'a' }],
      ...begin(session, 1),
      startTransaction: true,
    });
    run(shared, { abortTransaction: 1, ...begin(session, 1) });
    expect(names(shared)).toEqual([]);
    expect(run(shared, { commitTransaction: 1, ...begin(session, 1) })).toMatchObject({
      ok: 0,
      code: 251,
    });
  });

  it('a transaction writing a document another unfinished transaction wrote fails at once, transiently', () => {
    const shared = server();
    run(shared, { insert: 'c', documents: [{ _id: 'seat', left: 1 }] });
    const first = lsid();
    const second = lsid();
    const take = (session: object, extra: object) => ({
      update: 'c',
      updates: [{ q: { _id: 'seat', left: { $gt: 0 } }, u: { $inc: { left: -1 } } }],
      ...begin(session, 1),
      ...extra,
    });
    expect(run(shared, take(first, { startTransaction: true }))).toMatchObject({ ok: 1, n: 1 });
    run(shared, {
      insert: 'c',
      documents: [{ _id: 'second-was-here' }],
      ...begin(second, 1),
      startTransaction: true,
    });
    expect(run(shared, take(second, {}))).toMatchObject({
      ok: 0,
      code: 112,
      errorLabels: ['TransientTransactionError'],
    });
    // The conflict aborted the second transaction: nothing of it applies.
    expect(run(shared, { commitTransaction: 1, ...begin(second, 1) })).toMatchObject({
      ok: 0,
      code: 251,
    });
    expect(run(shared, { commitTransaction: 1, ...begin(first, 1) })).toMatchObject({ ok: 1 });
    expect(names(shared)).toEqual(['seat']);
    expect(shared.catalog.get('test', 'c')?.docs.get('sseat')?.left).toBe(0);
  });

  it('a document changed outside the transaction after it was copied fails the commit', () => {
    const shared = server();
    run(shared, {
      insert: 'c',
      documents: [
        { _id: 'a', v: 1 },
        { _id: 'b', v: 1 },
      ],
    });
    const session = lsid();
    run(shared, {
      update: 'c',
      updates: [{ q: { _id: 'a' }, u: { $set: { v: 2 } } }],
      ...begin(session, 1),
      startTransaction: true,
    });
    run(shared, { update: 'c', updates: [{ q: { _id: 'a' }, u: { $set: { v: 9 } } }] });
    expect(run(shared, { commitTransaction: 1, ...begin(session, 1) })).toMatchObject({
      ok: 0,
      code: 112,
    });
    expect(shared.catalog.get('test', 'c')?.docs.get('sa')?.v).toBe(9);
  });

  it('refuses commands that cannot run in a transaction, naming them', () => {
    const shared = server();
    const session = lsid();
    const reply = run(shared, { drop: 'c', ...begin(session, 1), startTransaction: true });
    expect(reply).toMatchObject({ ok: 0, code: 263 });
    expect(String(reply.errmsg)).toContain("'drop'");
  });
});
