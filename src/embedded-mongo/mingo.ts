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
import { toCommandError } from './errors.js';
import { isSimpleSort, sortDocuments } from './sort.js';
import { valuesAtPath } from './values.js';

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

const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: { ...queryOperators, $type },
  window: windowOperators,
} as never);

function options(opts: QueryOptions = {}): Partial<Options> {
  return {
    context: CONTEXT,
    scriptEnabled: false,
    useStrictMode: true,
    ...(opts.collation ? { collation: opts.collation as CollationSpec } : {}),
    ...(opts.collectionResolver ? { collectionResolver: opts.collectionResolver } : {}),
    ...(opts.variables ? { variables: opts.variables } : {}),
  };
}

/** Compiles a filter; unknown operators throw a BadValue that names them. */
export function compileFilter(filter: Document, opts?: QueryOptions): (doc: Document) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
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
}

/** Sort, skip, limit and project documents that already matched the filter. */
export function shape(docs: Document[], spec: CursorSpec, opts?: QueryOptions): Document[] {
  try {
    const hasProjection = spec.projection && Object.keys(spec.projection).length > 0;
    // Plain 1/-1 sorts follow BSON order here; collation and $meta sorts go to mingo.
    const ownSort = !opts?.collation && isSimpleSort(spec.sort);
    const input = ownSort ? sortDocuments(docs, spec.sort as Document) : docs;
    let cursor = new Query({}, options(opts)).find(
      input,
      hasProjection ? (spec.projection as never) : undefined,
    );
    if (!ownSort && spec.sort && Object.keys(spec.sort).length > 0) {
      cursor = cursor.sort(spec.sort as never);
    }
    if (spec.skip) cursor = cursor.skip(spec.skip);
    if (spec.limit) cursor = cursor.limit(spec.limit);
    return cursor.all() as Document[];
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
  try {
    // The filter goes along so that the positional `$` operator finds its element.
    updateOne(
      docs,
      condition,
      modifier as never,
      { ...(arrayFilters ? { arrayFilters } : {}), cloneMode: 'deep' },
      options(opts),
    );
  } catch (err) {
    throw toCommandError(err);
  }
  return docs[0] as Document;
}
