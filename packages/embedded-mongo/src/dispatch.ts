import { Binary, type Document, Long, Timestamp } from 'bson';
import type { Catalog } from './catalog.js';
import { adminCommands, lsidKey } from './commands/admin.js';
import type { CommandContext, CommandHandler, ServerInfo } from './commands/context.js';
import { ddlCommands } from './commands/ddl.js';
import { readCommands } from './commands/read.js';
import { writeCommands } from './commands/write.js';
import type { Cursors } from './cursors.js';
import {
  CommandError,
  codeNameOf,
  type LabelContext,
  labelsFor,
  toCommandError,
} from './errors.js';
import {
  type CommandFault,
  type FailPoints,
  faultError,
  writeConcernErrorOf,
} from './failpoints.js';
import {
  type CollectionView,
  noSuchTransaction,
  type Sessions,
  Transaction,
} from './transactions.js';

const HANDLERS: Record<string, CommandHandler> = {
  ...adminCommands,
  ...ddlCommands,
  ...readCommands,
  ...writeCommands,
  // Only meaningful inside a transaction, where runInTransaction answers them first.
  commitTransaction: () => {
    throw new CommandError('InvalidOptions', 'commitTransaction must be run within a transaction');
  },
  abortTransaction: () => {
    throw new CommandError('InvalidOptions', 'abortTransaction must be run within a transaction');
  },
};

/** Writes whose `txnNumber` makes them retryable: a retry must not apply twice. */
const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
// `count` is not allowed in a transaction (mongod: 263); countDocuments is an aggregate.
const ALLOWED_IN_TRANSACTION = new Set([
  ...RETRYABLE,
  'find',
  'getMore',
  'killCursors',
  'aggregate',
  'distinct',
  'create',
  'createIndexes',
  'commitTransaction',
  'abortTransaction',
]);
/** The commands that write, and so take a write concern. */
const WRITES = new Set([
  ...RETRYABLE,
  'create',
  'drop',
  'dropDatabase',
  'renameCollection',
  'createIndexes',
  'dropIndexes',
  'commitTransaction',
  'abortTransaction',
]);
/** Outside a transaction, `readConcern: { level: 'snapshot' }` is for these reads only. */
const SNAPSHOT_READS = new Set(['find', 'aggregate', 'distinct']);
/** A single-node replica set: a write concern asking for more members cannot be met. */
const MEMBERS = 1;
/** Commands that exist only when the server runs with test commands enabled. */
const TEST_COMMANDS = new Set(['configureFailPoint']);

export interface Shared {
  catalog: Catalog;
  cursors: Cursors;
  sessions: Sessions;
  server: ServerInfo;
  failPoints: FailPoints;
  /** mongod's `enableTestCommands`: `configureFailPoint` exists only then. */
  testCommands: boolean;
  clock: ClusterClock;
}

/**
 * The replica set's logical clock: it moves on with every write, so `operationTime` of a
 * write is after that of every read that came before it (what causal consistency needs).
 */
export class ClusterClock {
  private seconds = 0;
  private increment = 0;
  private seenWrites = -1;

  now(writes: number): Timestamp {
    if (writes !== this.seenWrites) {
      this.seenWrites = writes;
      const seconds = Math.floor(Date.now() / 1000);
      if (seconds > this.seconds) {
        this.seconds = seconds;
        this.increment = 1;
      } else {
        this.increment += 1;
      }
    }
    return new Timestamp({ t: this.seconds, i: this.increment });
  }
}

/** What a connection does with a command's outcome. */
export interface Outcome {
  reply: Document;
  /** Close the connection instead of replying (the `onPrimaryTransactionalWrite` fail point). */
  close?: boolean;
}

/** The connection a command came on: its id and the driver's `appName` from its handshake. */
export interface Client {
  id: number;
  appName?: string | undefined;
}

/**
 * Runs one command and returns its reply. Every command runs synchronously from start to
 * finish, so each is atomic with respect to every other connection. `fault` is what the
 * `failCommand` fail point does to it (the connection handles closing and blocking).
 */
export function execute(
  shared: Shared,
  command: Document,
  client: Client | number,
  fault?: CommandFault,
): Outcome {
  const from = typeof client === 'number' ? { id: client } : client;
  const labels = labelContext(command);
  let outcome: Outcome;
  try {
    outcome = run(shared, command, from, labels, fault);
  } catch (err) {
    const error = toCommandError(err);
    if (error.labels.length === 0 && !error.fixedLabels) {
      error.labels = labelsFor(error.code, labels);
    }
    outcome = { reply: error.toReply() };
  }
  const time = shared.clock.now(shared.catalog.writes);
  outcome.reply.operationTime = time;
  outcome.reply.$clusterTime = {
    clusterTime: time,
    signature: { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromInt(0) },
  };
  return outcome;
}

function labelContext(command: Document): LabelContext {
  const name = Object.keys(command)[0] ?? '';
  const inTransaction = command.autocommit === false;
  return {
    inTransaction,
    commitOrAbort: name === 'commitTransaction' || name === 'abortTransaction',
    retryableWrite:
      !inTransaction &&
      command.lsid !== undefined &&
      command.txnNumber !== undefined &&
      RETRYABLE.has(name),
  };
}

/** A write concern error for a `w` the single member cannot satisfy, as mongod reports it. */
function unsatisfiable(command: Document): Document | undefined {
  const w = (command.writeConcern as Document | undefined)?.w;
  if (typeof w !== 'number' || w <= MEMBERS) return undefined;
  return {
    code: 100,
    codeName: 'UnsatisfiableWriteConcern',
    errmsg: 'Not enough data-bearing nodes',
    errInfo: { writeConcern: { ...command.writeConcern, provenance: 'clientSupplied' } },
  };
}

function checkReadConcern(name: string, command: Document, inTransaction: boolean): void {
  const level = (command.readConcern as Document | undefined)?.level;
  if (level === undefined || inTransaction) return;
  if (!['local', 'majority', 'available', 'linearizable', 'snapshot'].includes(level)) {
    throw new CommandError(
      'FailedToParse',
      `${JSON.stringify(level)} is not a valid read concern level`,
    );
  }
  if (level === 'snapshot' && !SNAPSHOT_READS.has(name)) {
    throw new CommandError(
      'InvalidOptions',
      `Command ${name} does not support { readConcern: { level: "snapshot" } } outside a multi-document transaction`,
    );
  }
}

/**
 * A snapshot read outside a transaction reads the data as of now, or as of the
 * `atClusterTime` an earlier snapshot read of the same session answered (the session keeps
 * that snapshot, a read-only transaction, until the next one or its end). Any other past
 * time is refused: this server keeps no history beyond what open snapshots need.
 */
function snapshotRead(
  shared: Shared,
  key: string | undefined,
  atClusterTime: unknown,
): { view: CollectionView; time: Timestamp } {
  const now = shared.clock.now(shared.catalog.writes);
  const session = key ? shared.sessions.get(key) : undefined;
  if (atClusterTime === undefined) {
    if (!session) return { view: shared.catalog, time: now };
    session.snapshot?.view.abort();
    session.snapshot = { view: new Transaction(shared.catalog, -1), time: now };
    return session.snapshot;
  }
  if (!(atClusterTime instanceof Timestamp)) {
    throw new CommandError('TypeMismatch', "'atClusterTime' must be a timestamp");
  }
  const held = session?.snapshot;
  if (held?.time.equals(atClusterTime) && held.view.active) return held;
  if (atClusterTime.greaterThanOrEqual(now)) return { view: shared.catalog, time: now };
  throw new CommandError(
    'SnapshotTooOld',
    `Read timestamp ${atClusterTime.toString()} is older than the oldest available timestamp: the embedded server keeps history only for open snapshots`,
  );
}

function run(
  shared: Shared,
  command: Document,
  client: Client,
  labels: LabelContext,
  fault: CommandFault | undefined,
): Outcome {
  const name = Object.keys(command)[0];
  if (name === undefined) throw new CommandError('FailedToParse', 'Empty command object');
  const handler = HANDLERS[name];
  if (!handler || (TEST_COMMANDS.has(name) && !shared.testCommands)) {
    throw new CommandError('CommandNotFound', `no such command: '${name}'`);
  }
  const connectionId = client.id;
  const db = typeof command.$db === 'string' ? command.$db : 'admin';
  const key = lsidKey(command.lsid);
  const txnNumber = command.txnNumber === undefined ? undefined : Number(command.txnNumber);
  const base = {
    db,
    command,
    catalog: shared.catalog,
    cursors: shared.cursors,
    server: shared.server,
    connectionId,
    sessions: shared.sessions,
    failPoints: shared.failPoints,
    lsid: key,
    snapshotRead: (atClusterTime: unknown) => snapshotRead(shared, key, atClusterTime),
  };
  const fail = () => {
    if (fault?.errorCode === undefined) return;
    const given = fault.errorLabels;
    throw faultError(fault.errorCode, given ?? labelsFor(fault.errorCode, labels), !!given);
  };
  // A fail point's write concern error comes after the command ran; so does one for a `w`
  // the set cannot satisfy (the write is applied, its durability is what failed).
  const withWriteConcern = (outcome: Outcome): Outcome => {
    const spec =
      fault?.writeConcernError ?? (WRITES.has(name) ? unsatisfiable(command) : undefined);
    if (!spec || outcome.reply.ok !== 1) return outcome;
    const wce = writeConcernErrorOf(spec);
    const reply: Document = { ...outcome.reply, writeConcernError: wce };
    // A write concern error is about durability: never a transient transaction error.
    const wceLabels =
      fault?.errorLabels ?? labelsFor(wce.code, { ...labels, inTransaction: false });
    if (wceLabels.length > 0) reply.errorLabels = wceLabels;
    return { ...outcome, reply };
  };

  if (command.autocommit === false) {
    if (!key || txnNumber === undefined) {
      throw new CommandError('InvalidOptions', 'a transaction needs both lsid and txnNumber');
    }
    if (command.writeConcern !== undefined && !labels.commitOrAbort) {
      throw new CommandError(
        'InvalidOptions',
        'Cannot set write concern after starting a transaction.',
      );
    }
    return withWriteConcern({
      reply: runInTransaction(shared, name, handler, base, key, txnNumber, fail),
    });
  }

  checkReadConcern(name, command, false);
  const ctx: CommandContext = { ...base, view: shared.catalog, inTransaction: false };
  if (key && txnNumber !== undefined && RETRYABLE.has(name)) {
    const session = shared.sessions.get(key);
    const last = session.lastWrite;
    if (last && txnNumber === last.txnNumber) return withWriteConcern({ reply: last.reply });
    if (last && txnNumber < last.txnNumber) {
      throw new CommandError(
        'TransactionTooOld',
        `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${last.txnNumber} has already started on this session.`,
      );
    }
    fail();
    const transactional = shared.failPoints.transactionalWriteFault();
    // mongod ends the connection first, then fails the write: the client sees the close.
    if (transactional?.errorCode !== undefined && transactional.closeConnection) {
      return { reply: {}, close: true };
    }
    if (transactional?.errorCode !== undefined) {
      const code = transactional.errorCode;
      throw CommandError.withCode(
        code,
        codeNameOf(code),
        'Failing write for test',
        labelsFor(code, labels),
      );
    }
    const reply = handler(ctx);
    session.lastWrite = { txnNumber, reply };
    return withWriteConcern({ reply, ...(transactional?.closeConnection ? { close: true } : {}) });
  }
  fail();
  return withWriteConcern({ reply: handler(ctx) });
}

function runInTransaction(
  shared: Shared,
  name: string,
  handler: CommandHandler,
  base: Omit<CommandContext, 'view' | 'inTransaction'>,
  key: string,
  txnNumber: number,
  fail: () => void,
): Document {
  const session = shared.sessions.get(key);
  let txn = session.transaction;
  if (base.command.startTransaction === true) {
    txn?.abort();
    txn = new Transaction(shared.catalog, txnNumber);
    session.transaction = txn;
  }
  if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
  if (name === 'commitTransaction' || name === 'abortTransaction') {
    // A fail point fails the commit or abort before it happens: the transaction stays open.
    fail();
  }
  if (name === 'commitTransaction') {
    if (txn.state === 'committed') return { ok: 1 };
    if (txn.state !== 'active') throw noSuchTransaction(txnNumber);
    txn.commit();
    return { ok: 1 };
  }
  if (name === 'abortTransaction') {
    if (txn.state === 'committed') {
      throw new CommandError(
        'TransactionCommitted',
        `Transaction with { txnNumber: ${txnNumber} } has been committed.`,
      );
    }
    txn.abort();
    return { ok: 1 };
  }
  if (txn.state !== 'active' || txn.expired) {
    txn.abort();
    throw noSuchTransaction(txnNumber);
  }
  if (!ALLOWED_IN_TRANSACTION.has(name)) {
    throw new CommandError(
      'OperationNotSupportedInTransaction',
      `Cannot run '${name}' in a multi-document transaction.`,
    );
  }
  // A fail point's error comes before the statement runs and leaves the transaction open
  // (the specification's backpressure tests retry the statement in the same transaction).
  fail();
  try {
    const reply = handler({ ...base, view: txn, inTransaction: true });
    // A write error inside a transaction aborts it, as on a real server.
    if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) txn.abort();
    return reply;
  } catch (err) {
    txn.abort();
    throw err;
  }
}
