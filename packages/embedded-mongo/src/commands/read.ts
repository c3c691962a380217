import type { Document, Timestamp } from 'bson';
import { bcp47, collatorFor } from '../collation.js';
import { CommandError } from '../errors.js';
import { evaluateVariables, type QueryOptions, runPipeline, shape } from '../mingo.js';
import type { CollectionLike, CollectionView } from '../transactions.js';
import { cloneValue, isPlainObject, keyString, valuesAtPath } from '../values.js';
import {
  type CommandContext,
  type CommandHandler,
  checkFields,
  checkHint,
  collectionName,
  optionalDocument,
  optionalNumber,
  requireArray,
  requireDocument,
} from './context.js';

/**
 * Options for mingo: the collation (the command's, or a write statement's own), the
 * command's `let` variables and `$lookup` into sibling collections.
 */
export function queryOptions(ctx: CommandContext, collation = ctx.command.collation): QueryOptions {
  const variables = optionalDocument(ctx, 'let');
  if (variables) {
    for (const name of Object.keys(variables)) {
      if (!/^[a-z\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(name)) {
        throw new CommandError(
          'FailedToParse',
          `'${name}' starts with an invalid character for a user variable name`,
        );
      }
    }
  }
  // A 'simple' collation is binary comparison: the same as none. The library sorts with
  // `Intl`, which wants the locale in BCP 47.
  const collated = collatorFor(collation)
    ? { ...(collation as Document), locale: bcp47((collation as Document).locale) }
    : undefined;
  return {
    ...(collated ? { collation: collated } : {}),
    ...(variables ? { variables: evaluateVariables(variables) } : {}),
    collectionResolver: (name: string) => [...(ctx.view.get(ctx.db, name)?.documents() ?? [])],
  };
}

function matching(ctx: CommandContext, collection: CollectionLike | undefined, filter: Document) {
  if (!collection) return [];
  return collection.find(filter, queryOptions(ctx));
}

/**
 * What a read sees: the command's view (the catalog, or its transaction), or for
 * `readConcern: { level: 'snapshot' }` outside a transaction the session's snapshot, whose
 * cluster time the reply names (`atClusterTime`) so the driver reads at it again.
 */
function readView(ctx: CommandContext): { view: CollectionView; atClusterTime?: Timestamp } {
  const readConcern = ctx.command.readConcern;
  if (ctx.inTransaction || !isPlainObject(readConcern) || readConcern.level !== 'snapshot') {
    return { view: ctx.view };
  }
  const { view, time } = ctx.snapshotRead(readConcern.atClusterTime);
  return { view, atClusterTime: time };
}

const find: CommandHandler = (ctx) => {
  checkFields(ctx, [
    'filter',
    'sort',
    'projection',
    'skip',
    'limit',
    'batchSize',
    'singleBatch',
    'collation',
    'let',
    'hint',
  ]);
  const name = collectionName(ctx);
  const { view, atClusterTime } = readView(ctx);
  checkHint(view.get(ctx.db, name), ctx.command.hint);
  const filter = optionalDocument(ctx, 'filter') ?? {};
  const skip = optionalNumber(ctx, 'skip') ?? 0;
  const limit = optionalNumber(ctx, 'limit') ?? 0;
  const batchSize = optionalNumber(ctx, 'batchSize');
  if (skip < 0) throw new CommandError('BadValue', 'skip must be non-negative');
  if (limit < 0) throw new CommandError('BadValue', 'limit must be non-negative');
  if (batchSize !== undefined && batchSize < 0) {
    throw new CommandError('BadValue', 'batchSize must be non-negative');
  }
  const sort = optionalDocument(ctx, 'sort');
  const projection = optionalDocument(ctx, 'projection');
  const docs = shape(
    matching(ctx, view.get(ctx.db, name), filter),
    { ...(sort ? { sort } : {}), skip, limit, ...(projection ? { projection } : {}), filter },
    queryOptions(ctx),
  );
  const cursor: Document = ctx.cursors.start(
    `${ctx.db}.${name}`,
    docs,
    batchSize ?? 101,
    ctx.command.singleBatch === true,
  );
  if (atClusterTime) cursor.atClusterTime = atClusterTime;
  return { cursor, ok: 1 };
};

const getMore: CommandHandler = (ctx) => {
  checkFields(ctx, ['collection', 'batchSize']);
  const id = Number(ctx.command.getMore?.toString());
  const collection = ctx.command.collection;
  if (typeof collection !== 'string') {
    throw new CommandError('TypeMismatch', "BSON field 'getMore.collection' must be a string");
  }
  const {
    nextBatch,
    id: cursorId,
    ns,
  } = ctx.cursors.more(id, `${ctx.db}.${collection}`, optionalNumber(ctx, 'batchSize'));
  return { cursor: { nextBatch, id: cursorId, ns }, ok: 1 };
};

const killCursors: CommandHandler = (ctx) => {
  checkFields(ctx, ['cursors']);
  const ids = requireArray(ctx.command.cursors, 'cursors').map((id) => Number(String(id)));
  return { ...ctx.cursors.kill(ids), ok: 1 };
};

const count: CommandHandler = (ctx) => {
  checkFields(ctx, ['query', 'limit', 'skip', 'collation', 'fields', 'hint']);
  checkHint(ctx.view.get(ctx.db, collectionName(ctx)), ctx.command.hint);
  const docs = matching(
    ctx,
    ctx.view.get(ctx.db, collectionName(ctx)),
    optionalDocument(ctx, 'query') ?? {},
  );
  const skip = Math.max(0, optionalNumber(ctx, 'skip') ?? 0);
  const limit = Math.abs(optionalNumber(ctx, 'limit') ?? 0);
  let n = Math.max(0, docs.length - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
};

const distinct: CommandHandler = (ctx) => {
  checkFields(ctx, ['key', 'query', 'collation']);
  const key = ctx.command.key;
  if (typeof key !== 'string' || key.length === 0) {
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' must be a non-empty string");
  }
  const { view, atClusterTime } = readView(ctx);
  const docs = matching(
    ctx,
    view.get(ctx.db, collectionName(ctx)),
    optionalDocument(ctx, 'query') ?? {},
  );
  const seen = new Map<string, unknown>();
  const collator = collatorFor(ctx.command.collation);
  for (const doc of docs) {
    for (const value of valuesAtPath(doc, key)) {
      // An array contributes its elements, not itself; missing values are not listed.
      if (value === undefined || Array.isArray(value)) continue;
      const k = keyString(value);
      if (seen.has(k)) continue;
      // Under a collation, values it holds equal are one value (the first one met).
      if (collator && [...seen.values()].some((other) => collator.equal(other, value))) continue;
      seen.set(k, value);
    }
  }
  return { values: [...seen.values()], ...(atClusterTime ? { atClusterTime } : {}), ok: 1 };
};

/** Stages that need more than a query library: a change stream, server state or writes. */
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$geoNear',
  '$listSearchIndexes',
]);

const aggregate: CommandHandler = (ctx) => {
  checkFields(ctx, ['pipeline', 'cursor', 'collation', 'let', 'explain', 'hint']);
  if (ctx.command.explain) {
    throw new CommandError(
      'NotImplemented',
      'The embedded MongoDB server does not support explain',
    );
  }
  if (typeof ctx.command.aggregate !== 'string') {
    throw new CommandError(
      'NotImplemented',
      'The embedded MongoDB server does not support database-level aggregate ({ aggregate: 1 })',
    );
  }
  const name = collectionName(ctx);
  const { view, atClusterTime } = readView(ctx);
  checkHint(view.get(ctx.db, name), ctx.command.hint);
  const pipeline = requireArray(ctx.command.pipeline, 'pipeline').map((stage, i) =>
    requireDocument(stage, `pipeline.${i}`),
  );
  for (const stage of pipeline) {
    const op = Object.keys(stage)[0] ?? '';
    if (UNSUPPORTED_STAGES.has(op)) {
      throw new CommandError(
        'NotImplemented',
        `The embedded MongoDB server does not support the aggregation stage ${op}`,
      );
    }
  }
  // $count is documented as $group + $project, which (unlike the library's $count) gives
  // no document at all for empty input.
  const stages = pipeline.flatMap((stage) =>
    typeof stage.$count === 'string' && Object.keys(stage).length === 1
      ? [{ $group: { _id: null, [stage.$count]: { $sum: 1 } } }, { $project: { _id: 0 } }]
      : [stage],
  );
  const cursorSpec = optionalDocument(ctx, 'cursor');
  if (!cursorSpec) {
    throw new CommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const collection = view.get(ctx.db, name);
  // A leading $match can use an index; the rest of the pipeline runs over its result.
  const first = stages[0];
  let input: Document[];
  let rest = stages;
  if (first && isPlainObject(first.$match) && Object.keys(first).length === 1) {
    input = matching(ctx, collection, first.$match);
    rest = stages.slice(1);
  } else {
    input = [...(collection?.documents() ?? [])];
  }
  // Stages may modify their input; stored documents must stay untouched.
  const docs =
    rest.length > 0 ? runPipeline(input.map(cloneValue), rest, queryOptions(ctx)) : input;
  const batchSize = typeof cursorSpec.batchSize === 'number' ? cursorSpec.batchSize : 101;
  const cursor: Document = ctx.cursors.start(`${ctx.db}.${name}`, docs, batchSize);
  if (atClusterTime) cursor.atClusterTime = atClusterTime;
  return { cursor, ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
