import type { Document } from 'bson';
import { CommandError, toCommandError } from '../errors.js';
import { type QueryOptions, shape } from '../mingo.js';
import type { CollectionLike } from '../transactions.js';
import {
  documentToInsert,
  isOperatorUpdate,
  sameDocument,
  seedFromFilter,
  updatedDocument,
} from '../update.js';
import { isPlainObject } from '../values.js';
import {
  type CommandContext,
  type CommandHandler,
  checkFields,
  checkHint,
  collectionName,
  optionalDocument,
  requireArray,
  requireDocument,
} from './context.js';
import { queryOptions } from './read.js';

const BATCH_FIELDS = ['ordered', 'let'] as const;

/**
 * Runs each statement of a write batch; like MongoDB, an ordered batch stops at its first
 * error and an unordered one carries on, and errors are reported per statement.
 */
function runBatch(
  ctx: CommandContext,
  statements: unknown[],
  run: (statement: unknown, index: number) => void,
): Document[] {
  const ordered = ctx.command.ordered !== false;
  const writeErrors: Document[] = [];
  statements.forEach((statement, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      run(statement, index);
    } catch (err) {
      const error = toCommandError(err);
      // A transaction's write conflict fails the whole command, labelled for a retry.
      if (error.labels.includes('TransientTransactionError')) throw error;
      writeErrors.push(error.toWriteError(index));
    }
  });
  return writeErrors;
}

/** The fields a 7.0 server knows in update and delete statements (`sort` came in 8.0). */
const STATEMENT_FIELDS = {
  updates: [
    'q',
    'u',
    'c',
    'multi',
    'upsert',
    'upsertSupplied',
    'arrayFilters',
    'collation',
    'hint',
  ],
  deletes: ['q', 'limit', 'collation', 'hint'],
} as const;

/** mongod parses the whole command first: an unknown statement field fails all of it. */
function checkStatements(command: string, field: 'updates' | 'deletes', statements: unknown[]) {
  for (const statement of statements) {
    if (!isPlainObject(statement)) continue;
    const known: readonly string[] = STATEMENT_FIELDS[field];
    const unknown = Object.keys(statement).find((key) => !known.includes(key));
    if (unknown) {
      throw CommandError.withCode(
        40415,
        'Location40415',
        `BSON field '${command}.${field}.${unknown}' is an unknown field.`,
      );
    }
  }
}

function reply(base: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...base, writeErrors, ok: 1 } : { ...base, ok: 1 };
}

const insert: CommandHandler = (ctx) => {
  checkFields(ctx, ['documents', ...BATCH_FIELDS]);
  const name = collectionName(ctx);
  const documents = requireArray(ctx.command.documents, 'documents');
  let n = 0;
  const writeErrors = runBatch(ctx, documents, (doc, index) => {
    const { collection } = ctx.view.ensure(ctx.db, name);
    collection.insert(documentToInsert(doc, index));
    n++;
  });
  return reply({ n }, writeErrors);
};

function firstMatch(
  collection: CollectionLike,
  filter: Document,
  sort: Document | undefined,
  opts: QueryOptions,
): Document | undefined {
  const matches = collection.find(filter, opts);
  if (!sort || matches.length < 2) return matches[0];
  return shape(matches, { sort, limit: 1 }, opts)[0];
}

const update: CommandHandler = (ctx) => {
  checkFields(ctx, ['updates', ...BATCH_FIELDS]);
  const name = collectionName(ctx);
  const statements = requireArray(ctx.command.updates, 'updates');
  checkStatements('update', 'updates', statements);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = runBatch(ctx, statements, (raw, index) => {
    const statement = requireDocument(raw, `updates.${index}`);
    const opts = queryOptions(ctx, statement.collation);
    const filter = requireDocument(statement.q ?? {}, `updates.${index}.q`);
    const change = statement.u;
    if (!Array.isArray(change) && !isPlainObject(change)) {
      throw new CommandError('FailedToParse', `updates.${index}.u must be an object or an array`);
    }
    const arrayFilters = statement.arrayFilters as Document[] | undefined;
    if (statement.multi === true && !Array.isArray(change) && !isOperatorUpdate(change)) {
      throw new CommandError(
        'InvalidOptions',
        'multi update is not supported for replacement-style update',
      );
    }
    const collection = ctx.view.get(ctx.db, name);
    checkHint(collection, statement.hint);
    let targets: Document[] = [];
    if (collection) {
      if (statement.multi === true) targets = collection.find(filter, opts);
      else {
        const first = firstMatch(collection, filter, undefined, opts);
        targets = first ? [first] : [];
      }
    }
    if (targets.length === 0) {
      if (statement.upsert !== true) return;
      const doc = updatedDocument(seedFromFilter(filter), change, arrayFilters, true, opts);
      ctx.view.ensure(ctx.db, name).collection.insert(doc);
      n++;
      upserted.push({ index, _id: doc._id });
      return;
    }
    for (const before of targets) {
      const after = updatedDocument(before, change, arrayFilters, false, opts, filter);
      n++;
      if (sameDocument(before, after)) continue;
      (collection as CollectionLike).replace(before, after);
      nModified++;
    }
  });
  const base: Document = { n, nModified };
  if (upserted.length > 0) base.upserted = upserted;
  return reply(base, writeErrors);
};

const remove: CommandHandler = (ctx) => {
  checkFields(ctx, ['deletes', ...BATCH_FIELDS]);
  const name = collectionName(ctx);
  const statements = requireArray(ctx.command.deletes, 'deletes');
  checkStatements('delete', 'deletes', statements);
  let n = 0;
  const writeErrors = runBatch(ctx, statements, (raw, index) => {
    const statement = requireDocument(raw, `deletes.${index}`);
    const filter = requireDocument(statement.q ?? {}, `deletes.${index}.q`);
    const limit = Number(statement.limit ?? 0);
    if (limit !== 0 && limit !== 1) {
      throw new CommandError(
        'FailedToParse',
        `The limit field in delete objects must be 0 or 1. Got ${limit}`,
      );
    }
    const collection = ctx.view.get(ctx.db, name);
    if (!collection) return;
    checkHint(collection, statement.hint);
    const matches = collection.find(filter, queryOptions(ctx, statement.collation));
    for (const doc of limit === 1 ? matches.slice(0, 1) : matches) {
      collection.remove(doc);
      n++;
    }
  });
  return reply({ n }, writeErrors);
};

const findAndModify: CommandHandler = (ctx) => {
  checkFields(ctx, [
    'query',
    'sort',
    'remove',
    'update',
    'new',
    'fields',
    'upsert',
    'arrayFilters',
    'collation',
    'let',
    'hint',
  ]);
  const name = collectionName(ctx);
  checkHint(ctx.view.get(ctx.db, name), ctx.command.hint);
  const filter = optionalDocument(ctx, 'query') ?? {};
  const sort = optionalDocument(ctx, 'sort');
  const fields = optionalDocument(ctx, 'fields');
  const change = ctx.command.update as Document | Document[] | undefined;
  const arrayFilters = ctx.command.arrayFilters as Document[] | undefined;
  const opts = queryOptions(ctx);
  if (ctx.command.remove === true && change !== undefined) {
    throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  }
  if (ctx.command.remove !== true && change === undefined) {
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  }
  if (ctx.command.remove === true && ctx.command.upsert === true) {
    throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  }
  const project = (doc: Document | undefined) =>
    doc && fields && Object.keys(fields).length > 0
      ? (shape([doc], { projection: fields, filter }, opts)[0] ?? null)
      : (doc ?? null);
  const collection = ctx.view.get(ctx.db, name);
  const target = collection ? firstMatch(collection, filter, sort, opts) : undefined;

  if (ctx.command.remove === true) {
    if (!target || !collection) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    collection.remove(target);
    return { lastErrorObject: { n: 1 }, value: project(target), ok: 1 };
  }
  const update = change as Document | Document[];
  if (target && collection) {
    const after = updatedDocument(target, update, arrayFilters, false, opts, filter);
    if (!sameDocument(target, after)) collection.replace(target, after);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(ctx.command.new === true ? after : target),
      ok: 1,
    };
  }
  if (ctx.command.upsert !== true) {
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  }
  const doc = updatedDocument(seedFromFilter(filter), update, arrayFilters, true, opts);
  ctx.view.ensure(ctx.db, name).collection.insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: ctx.command.new === true ? project(doc) : null,
    ok: 1,
  };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};
