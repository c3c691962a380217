import type { Document } from 'bson';
import type { Catalog } from './catalog.js';
import { adminCommands, lsidKey } from './commands/admin.js';
import type { CommandContext, CommandHandler, ServerInfo } from './commands/context.js';
import { ddlCommands } from './commands/ddl.js';
import { readCommands } from './commands/read.js';
import { writeCommands } from './commands/write.js';
import type { Cursors } from './cursors.js';
import { CommandError, toCommandError } from './errors.js';
import { noSuchTransaction, type Sessions, Transaction } from './transactions.js';

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
const ALLOWED_IN_TRANSACTION = new Set([
  ...RETRYABLE,
  'find',
  'getMore',
  'killCursors',
  'aggregate',
  'distinct',
  'count',
  'create',
  'createIndexes',
  'commitTransaction',
  'abortTransaction',
]);

export interface Shared {
  catalog: Catalog;
  cursors: Cursors;
  sessions: Sessions;
  server: ServerInfo;
}

/**
 * Runs one command and returns its reply. Every command runs synchronously from start to
 * finish, so each is atomic with respect to every other connection.
 */
export function execute(shared: Shared, command: Document, connectionId: number): Document {
  try {
    return run(shared, command, connectionId);
  } catch (err) {
    return toCommandError(err).toReply();
  }
}

function run(shared: Shared, command: Document, connectionId: number): Document {
  const name = Object.keys(command)[0];
  if (name === undefined) throw new CommandError('FailedToParse', 'Empty command object');
  const handler = HANDLERS[name];
  if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
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
    endSessions: (keys: string[]) => {
      for (const k of keys) shared.sessions.end(k);
    },
  };

  if (command.autocommit === false) {
    if (!key || txnNumber === undefined) {
      throw new CommandError('InvalidOptions', 'a transaction needs both lsid and txnNumber');
    }
    return runInTransaction(shared, name, handler, base, key, txnNumber);
  }

  const ctx: CommandContext = { ...base, view: shared.catalog, inTransaction: false };
  if (key && txnNumber !== undefined && RETRYABLE.has(name)) {
    const session = shared.sessions.get(key);
    const last = session.lastWrite;
    if (last && txnNumber === last.txnNumber) return last.reply;
    if (last && txnNumber < last.txnNumber) {
      throw new CommandError(
        'TransactionTooOld',
        `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${last.txnNumber} has already started on this session.`,
      );
    }
    const reply = handler(ctx);
    session.lastWrite = { txnNumber, reply };
    return reply;
  }
  return handler(ctx);
}

function runInTransaction(
  shared: Shared,
  name: string,
  handler: CommandHandler,
  base: Omit<CommandContext, 'view' | 'inTransaction'>,
  key: string,
  txnNumber: number,
): Document {
  const session = shared.sessions.get(key);
  let txn = session.transaction;
  if (base.command.startTransaction === true) {
    txn?.abort();
    txn = new Transaction(shared.catalog, txnNumber);
    session.transaction = txn;
  }
  if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
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
