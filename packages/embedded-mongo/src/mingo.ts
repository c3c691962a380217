import type { Document } from 'bson';
import { Context } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { CollationSpec, CollectionResolver, Options } from 'mingo/types';
import { updateOne } from 'mingo/updater';
import { hasType, typeNames } from './bson-types.js';
import { type Collator, collatorFor } from './collation.js';
import { toCommandError } from './errors.js';
import { compareBson, isSimpleSort, rank, sortDocuments } from './sort.js';
import { isPlainObject, keyString, valuesAtPath } from './values.js';

/**
 * The query, projection, update and aggregation semantics come from mingo; this module is
 * the only place that talks to it, so its operators and options are set once.
 */
export interface QueryOptions {
  collation?: Document;
  collectionResolver?: CollectionResolver;
  variables?: Document;
}

/**
 * `$type` on MongoDB knows every BSON type (objectId, binData, timestamp, ...) and also
 * matches an array whose element has the type; the library's version knows fewer types and
 * answers `false` for the rest, so it is replaced.
 */
function $type(selector: string, value: unknown) {
  const names = typeNames(value);
  return (doc: Document) => valuesAtPath(doc, selector).some((v) => hasType(v, names));
}

/**
 * Equality as MongoDB defines it: numbers of every BSON type compare by value, embedded
 * documents only with the same fields in the same order, and an array matches when it or
 * one of its elements equals the value. The library ignores field order, so it is replaced.
 */
function $eq(selector: string, value: unknown, options?: OperatorOptions) {
  if (value instanceof RegExp) return queryOperators.$regex(selector, value, undefined as never);
  const collator = collatorOf(options);
  if (collator) {
    return (doc: Document) => valuesAtPath(doc, selector).some((v) => collator.equal(v, value));
  }
  const key = keyString(value);
  return (doc: Document) => valuesAtPath(doc, selector).some((v) => keyString(v) === key);
}

function $ne(selector: string, value: unknown, options?: OperatorOptions) {
  const equal = $eq(selector, value, options);
  return (doc: Document) => !equal(doc);
}

/** The options mingo hands an operator: the query's, with the command's collation. */
type OperatorOptions = { collation?: unknown };

function collatorOf(options: OperatorOptions | undefined): Collator | undefined {
  const collation = options?.collation;
  // The library's updater passes `{}` when there is none; commands are checked earlier.
  if (!isPlainObject(collation) || Object.keys(collation).length === 0) return undefined;
  return collatorFor(collation);
}

/** `$in` / `$nin` under a collation: strings compare collated; without one, the library's. */
function $in(selector: string, value: unknown, options?: OperatorOptions) {
  const collator = collatorOf(options);
  if (!collator || !Array.isArray(value))
    return queryOperators.$in(selector, value, options as never);
  const tests = value.map((candidate) =>
    candidate instanceof RegExp
      ? (v: unknown) => typeof v === 'string' && candidate.test(v)
      : (v: unknown) => collator.equal(v, candidate),
  );
  return (doc: Document) => {
    // A missing field (undefined) matches a null in the list, as in MongoDB.
    return valuesAtPath(doc, selector).some((v) => tests.some((test) => test(v ?? null)));
  };
}

function $nin(selector: string, value: unknown, options?: OperatorOptions) {
  if (!collatorOf(options)) return queryOperators.$nin(selector, value, options as never);
  const inside = $in(selector, value, options);
  return (doc: Document) => !inside(doc);
}

/**
 * Range comparisons compare values of the same BSON type bracket only (numbers of any BSON
 * type with each other, strings with strings, dates with dates...), as MongoDB does; the
 * library does not compare Decimal128 or Long with plain numbers.
 */
function comparison(accept: (order: number) => boolean) {
  return (selector: string, value: unknown, options?: OperatorOptions) => {
    const bracket = rank(value);
    const collator = typeof value === 'string' ? collatorOf(options) : undefined;
    const order = collator
      ? (v: unknown) => collator.compareStrings(v as string, value as string)
      : (v: unknown) => compareBson(v === undefined ? null : v, value);
    return (doc: Document) =>
      valuesAtPath(doc, selector).some((v) => rank(v) === bracket && accept(order(v)));
  };
}

const QUERY_OPERATORS = {
  ...queryOperators,
  $type,
  $eq,
  $ne,
  $in,
  $nin,
  $gt: comparison((order) => order > 0),
  $gte: comparison((order) => order >= 0),
  $lt: comparison((order) => order < 0),
  $lte: comparison((order) => order <= 0),
};

const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: QUERY_OPERATORS,
  window: windowOperators,
} as never);

/**
 * Updates need few operators (the updater adds what it uses), and every update copies its
 * context: a small one keeps that copy cheap.
 */
const UPDATE_CONTEXT = Context.init({ query: QUERY_OPERATORS } as never);

function options(opts: QueryOptions = {}, context = CONTEXT): Partial<Options> {
  return {
    context,
    scriptEnabled: false,
    useStrictMode: true,
    ...(opts.collation ? { collation: opts.collation as CollationSpec } : {}),
    ...(opts.collectionResolver ? { collectionResolver: opts.collectionResolver } : {}),
    ...(opts.variables ? { variables: opts.variables } : {}),
  };
}

const isScalarForEquality = (v: unknown) =>
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && !Number.isNaN(v)) ||
  v instanceof Date ||
  (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId');

/**
 * `{ field: scalar, ... }` is by far the most common filter (lookups by id or key); it is
 * answered with the same equality as `$eq` above without compiling a query.
 */
function equalityOnly(filter: Document): ((doc: Document) => boolean) | undefined {
  const entries = Object.entries(filter);
  if (!entries.every(([k, v]) => !k.startsWith('$') && isScalarForEquality(v))) return undefined;
  const tests = entries.map(([field, value]) => $eq(field, value));
  return (doc) => tests.every((test) => test(doc));
}

/** Compiles a filter; unknown operators throw a BadValue that names them. */
export function compileFilter(filter: Document, opts?: QueryOptions): (doc: Document) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  if (!opts?.collation && !opts?.variables) {
    const fast = equalityOnly(filter);
    if (fast) return fast;
  }
  try {
    const query = new Query(filter, options(opts));
    return (doc) => query.test(doc);
  } catch (err) {
    throw toCommandError(err);
  }
}

export interface CursorSpec {
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
  /** The filter the documents matched; the positional `$` projection needs it. */
  filter?: Document;
}

/**
 * MongoDB treats `{ f: { $slice: n } }` (alone, or with exclusions) as an exclusion
 * projection that keeps every other field; the library treats it as an inclusion. Such
 * projections are applied here: excluded fields removed, sliced arrays cut.
 */
function sliceExclusion(projection: Document): ((doc: Document) => Document) | undefined {
  const entries = Object.entries(projection);
  const isSlice = (v: unknown) => isPlainObject(v) && Object.keys(v).length === 1 && '$slice' in v;
  if (!entries.some(([, v]) => isSlice(v))) return undefined;
  const isExclusion = (k: string, v: unknown) => v === 0 || v === false || (k === '_id' && !v);
  if (!entries.every(([k, v]) => isSlice(v) || isExclusion(k, v))) return undefined;
  return (doc) => {
    const out: Document = { ...doc };
    for (const [field, spec] of entries) {
      if (field.includes('.'))
        throw new Error(`$slice projection on the dotted path '${field}' is not supported`);
      if (!isSlice(spec)) {
        delete out[field];
        continue;
      }
      const arg = (spec as Document).$slice;
      const value = out[field];
      if (!Array.isArray(value)) continue;
      if (typeof arg === 'number') {
        out[field] = arg >= 0 ? value.slice(0, arg) : value.slice(arg);
      } else if (Array.isArray(arg) && arg.length === 2) {
        const [skip, n] = arg as [number, number];
        const start = skip < 0 ? Math.max(0, value.length + skip) : skip;
        out[field] = value.slice(start, start + n);
      } else {
        throw new Error(`$slice expects a number or [skip, limit], got ${JSON.stringify(arg)}`);
      }
    }
    return out;
  };
}

/** Sort, skip, limit and project documents that already matched the filter. */
export function shape(docs: Document[], spec: CursorSpec, opts?: QueryOptions): Document[] {
  try {
    const hasProjection = spec.projection && Object.keys(spec.projection).length > 0;
    // Plain 1/-1 sorts follow BSON order here; collation and $meta sorts go to mingo.
    const ownSort = !opts?.collation && isSimpleSort(spec.sort);
    const input = ownSort ? sortDocuments(docs, spec.sort as Document) : docs;
    const slicing = hasProjection ? sliceExclusion(spec.projection as Document) : undefined;
    const positional =
      hasProjection && Object.keys(spec.projection as Document).some((k) => k.endsWith('.$'));
    let cursor = new Query(positional ? (spec.filter ?? {}) : {}, options(opts)).find(
      input,
      hasProjection && !slicing ? (spec.projection as never) : undefined,
    );
    if (!ownSort && spec.sort && Object.keys(spec.sort).length > 0) {
      cursor = cursor.sort(spec.sort as never);
    }
    if (spec.skip) cursor = cursor.skip(spec.skip);
    if (spec.limit) cursor = cursor.limit(spec.limit);
    const shaped = cursor.all() as Document[];
    return slicing ? shaped.map(slicing) : shaped;
  } catch (err) {
    throw toCommandError(err);
  }
}

export function runPipeline(docs: Document[], pipeline: Document[], opts?: QueryOptions) {
  try {
    return new Aggregator(pipeline, options(opts)).run(docs) as Document[];
  } catch (err) {
    throw toCommandError(err);
  }
}

/**
 * Applies update operators or an update pipeline to `doc` (a private copy) and returns the
 * resulting document.
 */
export function applyModifier(
  doc: Document,
  modifier: Document | Document[],
  arrayFilters: Document[] | undefined,
  opts?: QueryOptions,
  condition: Document = {},
): Document {
  const docs = [doc];
  // The filter goes along only when the positional `$` operator needs it to find its element.
  const positional =
    !Array.isArray(modifier) &&
    Object.values(modifier).some(
      (fields) =>
        isPlainObject(fields) && Object.keys(fields).some((p) => /(^|\.)\$(\.|$)/.test(p)),
    );
  try {
    updateOne(
      docs,
      positional ? condition : {},
      modifier as never,
      { ...(arrayFilters ? { arrayFilters } : {}), cloneMode: 'deep' },
      options(opts, Array.isArray(modifier) ? CONTEXT : UPDATE_CONTEXT),
    );
  } catch (err) {
    throw toCommandError(err);
  }
  return docs[0] as Document;
}

/**
 * `let` values are expressions (`{ $literal: '$x' }`, `{ $add: [1, 2] }`), evaluated once
 * before the command runs, as mongod does.
 */
export function evaluateVariables(variables: Document): Document {
  const names = Object.keys(variables);
  const fields = Object.fromEntries(names.map((name, i) => [`v${i}`, variables[name]]));
  const [values] = runPipeline([{}], [{ $replaceWith: { $literal: {} } }, { $set: fields }]);
  return Object.fromEntries(names.map((name, i) => [name, (values as Document)[`v${i}`]]));
}
