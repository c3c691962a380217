import type { Document } from 'bson';
import { Aggregator, find, Query, updateOne } from 'mingo';
import type { CollationSpec, CollectionResolver, Options } from 'mingo/types';
import { toCommandError } from './errors.js';

/**
 * The query, projection, update and aggregation semantics come from mingo; this module is
 * the only place that talks to it, so its options are set once.
 */
export interface QueryOptions {
  collation?: Document;
  collectionResolver?: CollectionResolver;
  variables?: Document;
}

function options(opts: QueryOptions = {}): Partial<Options> {
  return {
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
    let cursor = find(docs, {}, hasProjection ? spec.projection : undefined, options(opts));
    if (spec.sort && Object.keys(spec.sort).length > 0) cursor = cursor.sort(spec.sort as never);
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
): Document {
  const docs = [doc];
  try {
    updateOne(
      docs,
      {},
      modifier as never,
      { ...(arrayFilters ? { arrayFilters } : {}), cloneMode: 'deep' },
      options(opts),
    );
  } catch (err) {
    throw toCommandError(err);
  }
  return docs[0] as Document;
}
