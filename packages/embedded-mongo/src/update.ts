import { BSON, Decimal128, type Document, Long, ObjectId } from 'bson';
import { CommandError } from './errors.js';
import { applyModifier, type QueryOptions, runPipeline } from './mingo.js';
import { cloneValue, firstValueAtPath, isPlainObject, sameValue, setPath } from './values.js';

/** `true` for `{ $set: ... }`-style updates, `false` for replacements; mixing is an error. */
export function isOperatorUpdate(update: Document): boolean {
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length > 0 && operators.length !== keys.length) {
    const plain = keys.find((key) => !key.startsWith('$'));
    throw new CommandError(
      'FailedToParse',
      `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  return operators.length > 0;
}

/**
 * The document an upsert starts from: the equality conditions of the filter (MongoDB copies
 * `{ field: value }` and `{ field: { $eq: value } }`, also inside `$and`).
 */
export function seedFromFilter(filter: Document): Document {
  const seed: Document = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const clause of condition) {
        if (isPlainObject(clause)) Object.assign(seed, seedFromFilter(clause));
      }
      continue;
    }
    if (key.startsWith('$') || condition instanceof RegExp) continue;
    if (isPlainObject(condition)) {
      const ops = Object.keys(condition);
      if (ops.some((op) => op.startsWith('$'))) {
        if ('$eq' in condition) setPath(seed, key, cloneValue(condition.$eq));
        continue;
      }
    }
    setPath(seed, key, cloneValue(condition));
  }
  return seed;
}

function immutableId(): CommandError {
  return new CommandError(
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

/** `_id` first, as MongoDB stores it; a new ObjectId when the document has none. */
function withIdFirst(doc: Document): Document {
  const { _id, ...rest } = doc;
  if (isPlainObject(_id)) {
    const dollar = Object.keys(_id).find((key) => key.startsWith('$'));
    if (dollar) {
      throw new CommandError(
        'DollarPrefixedFieldName',
        `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
      );
    }
  }
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

const isNumeric = (v: unknown) =>
  typeof v === 'number' || v instanceof Long || v instanceof Decimal128;

function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

const CREATES_PATHS = [
  '$set',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
];

/**
 * Checks MongoDB makes before it updates and the query library does not: a path cannot
 * run through a scalar, and array operators need an array.
 */
function checkPaths(before: Document, modifier: Document): void {
  for (const op of CREATES_PATHS) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      let value: unknown = before;
      for (let i = 0; i < parts.length - 1; i++) {
        const part = parts[i] as string;
        if (Array.isArray(value) || !isPlainObject(value)) break;
        value = value[part];
        if (value === undefined || value === null) break;
        if (!isPlainObject(value) && !Array.isArray(value)) {
          throw new CommandError(
            'PathNotViable',
            `Cannot create field '${parts[i + 1]}' in element {${part}: ${JSON.stringify(value)}}`,
          );
        }
      }
    }
  }
  const arrayOps: Array<[string, (path: string, current: unknown) => CommandError]> = [
    ['$push', arrayRequired],
    ['$addToSet', arrayRequired],
    [
      '$pop',
      (path, current) =>
        new CommandError(
          'TypeMismatch',
          `Path '${path}' contains an element of non-array type '${bsonTypeName(current)}'`,
        ),
    ],
    ['$pull', () => new CommandError('BadValue', 'Cannot apply $pull to a non-array value')],
    ['$pullAll', () => new CommandError('BadValue', 'Cannot apply $pullAll to a non-array value')],
  ];
  for (const [op, error] of arrayOps) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) {
      if (path.includes('$')) continue;
      const current = firstValueAtPath(before, path);
      if (current !== undefined && !Array.isArray(current)) throw error(path, current);
    }
  }

  function arrayRequired(path: string, current: unknown): CommandError {
    return new CommandError(
      'BadValue',
      `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document {_id: ${JSON.stringify(before._id)}}`,
    );
  }
}

/** MongoDB refuses arithmetic on non-numbers; the query library would not. */
function checkArithmetic(before: Document, modifier: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const [path, amount] of Object.entries(fields)) {
      if (!isNumeric(amount)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(amount)}}`,
        );
      }
      if (path.includes('$')) continue;
      const current = firstValueAtPath(before, path);
      if (current !== undefined && !isNumeric(current)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(before._id)}} has the field '${path.split('.').pop()}' of non-numeric type ${bsonTypeName(current)}`,
        );
      }
    }
  }
}

/**
 * MongoDB keeps existing fields where they were and appends the fields an update creates in
 * lexicographic order, at every level the document already had.
 */
function orderLikeMongo(before: Document, after: Document): Document {
  const out: Document = {};
  for (const key of Object.keys(before)) {
    if (!(key in after)) continue;
    const was = before[key];
    const now = after[key];
    out[key] = isPlainObject(was) && isPlainObject(now) ? orderLikeMongo(was, now) : now;
  }
  for (const key of Object.keys(after)
    .filter((k) => !(k in before))
    .sort()) {
    out[key] = after[key];
  }
  return out;
}

/** The stages an update pipeline may use (mongod's list). */
const UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

/** An update pipeline runs as an aggregation over the one document. */
function pipelineUpdate(doc: Document, pipeline: unknown[], opts?: QueryOptions): Document {
  for (const stage of pipeline) {
    const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
    if (!name || !UPDATE_STAGES.has(name)) {
      throw new CommandError(
        'InvalidOptions',
        `${name ?? JSON.stringify(stage)} is not allowed to be used within an update`,
      );
    }
  }
  const [result] = runPipeline([doc], pipeline as Document[], opts);
  if (!isPlainObject(result)) {
    throw new CommandError('BadValue', 'an update pipeline must produce a document');
  }
  return result;
}

/**
 * The new version of `before` under `update` (operators, pipeline or replacement). On an
 * upsert (`inserting`) `$setOnInsert` applies too. `before` itself is never changed.
 */
export function updatedDocument(
  before: Document,
  update: Document | Document[],
  arrayFilters: Document[] | undefined,
  inserting: boolean,
  opts?: QueryOptions,
  filter: Document = {},
): Document {
  let after: Document;
  if (Array.isArray(update)) {
    after = pipelineUpdate(cloneValue(before), update, opts);
    // A pipeline that replaces the root without `_id` keeps the document's (mongod does).
    if (after._id === undefined && before._id !== undefined) after = { _id: before._id, ...after };
  } else if (isOperatorUpdate(update)) {
    const { $setOnInsert, ...modifier } = update;
    if (inserting && isPlainObject($setOnInsert)) {
      modifier.$set = { ...$setOnInsert, ...(isPlainObject(modifier.$set) ? modifier.$set : {}) };
    }
    checkArithmetic(before, modifier);
    checkPaths(before, modifier);
    after =
      Object.keys(modifier).length > 0
        ? orderLikeMongo(
            before,
            applyModifier(
              cloneValue(before),
              modifier,
              arrayFilters,
              opts,
              inserting ? {} : filter,
            ),
          )
        : cloneValue(before);
  } else {
    if (before._id !== undefined && '_id' in update && !sameValue(update._id, before._id)) {
      throw immutableId();
    }
    after = { ...cloneValue(update), _id: before._id ?? update._id };
  }
  if (before._id !== undefined && !sameValue(after._id, before._id)) throw immutableId();
  return withIdFirst(after);
}

export function sameDocument(a: Document, b: Document): boolean {
  return Buffer.from(BSON.serialize(a)).equals(BSON.serialize(b));
}

/** A new document for insert: `_id` added when missing, and placed first. */
export function documentToInsert(doc: unknown, index: number): Document {
  if (!isPlainObject(doc)) {
    throw new CommandError('TypeMismatch', `document at index ${index} is not an object`);
  }
  if (Array.isArray(doc._id) || doc._id instanceof RegExp) {
    throw new CommandError(
      'BadValue',
      `can't use an ${Array.isArray(doc._id) ? 'array' : 'regex'} for _id`,
    );
  }
  return withIdFirst(doc);
}
