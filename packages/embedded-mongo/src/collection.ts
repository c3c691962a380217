import { type Document, UUID } from 'bson';
import { CommandError } from './errors.js';
import { compileFilter, type QueryOptions } from './mingo.js';
import { firstValueAtPath, isPlainObject, keyString, valuesAtPath } from './values.js';

export interface IndexSpec {
  v?: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/**
 * One index: a map from key string to the ids of the documents holding that key. Multikey
 * (arrays) gives a document several keys; missing fields index as null like MongoDB.
 */
export class Index {
  readonly fields: string[];
  private readonly partial: ((doc: Document) => boolean) | undefined;
  /**
   * One map per key prefix: `prefixes[k]` maps the key of the first k+1 fields to document
   * ids, so equality on a leading subset of a compound index's fields is a lookup too. The
   * last map holds whole keys and enforces uniqueness.
   */
  prefixes: Map<string, Set<string>>[];

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression
      ? compileFilter(spec.partialFilterExpression)
      : undefined;
    this.prefixes = this.fields.map(() => new Map());
  }

  get name(): string {
    return this.spec.name;
  }
  get unique(): boolean {
    return this.spec.unique === true;
  }
  /** Sparse and partial indexes hold only some documents, so they cannot answer `{f: null}`. */
  get complete(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  /**
   * Whether every document the filter can match is in this index (MongoDB's rule for
   * sparse and partial indexes): always for a complete index; for a sparse one when the
   * filter asks its first field for non-null values; for a partial one when the filter
   * repeats each equality (or `$exists: true`) of the partial filter expression.
   */
  covers(filter: Document): boolean {
    if (this.complete) return true;
    if (this.spec.sparse) {
      const values = equalityValues(filter, this.fields[0] as string);
      if (!values || values.some((v) => v === null || v === undefined)) return false;
    }
    const expression = this.spec.partialFilterExpression;
    if (!expression) return true;
    return Object.entries(expression).every(([field, condition]) => {
      if (field.startsWith('$')) return false;
      const asked = equalityValues(filter, field);
      if (asked?.length !== 1) return false;
      if (isPlainObject(condition) && Object.keys(condition).join() === '$exists')
        return condition.$exists === true && asked[0] !== null && asked[0] !== undefined;
      const wanted = equalityValues({ [field]: condition }, field);
      return wanted?.length === 1 && keyString(wanted[0]) === keyString(asked[0]);
    });
  }

  /** Key strings per prefix length, or none when the index does not cover the document. */
  private keysByPrefix(doc: Document): string[][] {
    if (this.partial && !this.partial(doc)) return [];
    const perField = this.fields.map((field) => valuesAtPath(doc, field));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) {
      return [];
    }
    const levels: string[][] = [];
    let keys = [''];
    for (const values of perField) {
      const parts = [...new Set(values.map(keyString))];
      keys = keys.flatMap((prefix) => parts.map((part) => `${prefix}|${part}`));
      levels.push(keys);
    }
    return levels;
  }

  /** The whole-key strings of a document (empty when not covered). */
  keysOf(doc: Document): string[] {
    return this.keysByPrefix(doc).at(-1) ?? [];
  }

  add(doc: Document, id: string): void {
    this.keysByPrefix(doc).forEach((keys, level) => {
      const map = this.prefixes[level] as Map<string, Set<string>>;
      for (const key of keys) {
        let ids = map.get(key);
        if (!ids) {
          ids = new Set();
          map.set(key, ids);
        }
        ids.add(id);
      }
    });
  }

  remove(doc: Document, id: string): void {
    this.keysByPrefix(doc).forEach((keys, level) => {
      const map = this.prefixes[level] as Map<string, Set<string>>;
      for (const key of keys) {
        const ids = map.get(key);
        if (!ids) continue;
        ids.delete(id);
        if (ids.size === 0) map.delete(key);
      }
    });
  }

  /** Ids under a key of the first `length` fields. */
  lookup(length: number, key: string): ReadonlySet<string> | undefined {
    return this.prefixes[length - 1]?.get(key);
  }

  /** The duplicate-key error MongoDB answers when `doc` would break this unique index. */
  conflict(doc: Document, id: string, ns: string): CommandError | undefined {
    if (!this.unique) return undefined;
    const whole = this.prefixes.at(-1) as Map<string, Set<string>>;
    for (const key of this.keysOf(doc)) {
      const ids = whole.get(key);
      if (!ids) continue;
      for (const other of ids) if (other !== id) return this.duplicateKeyError(doc, ns);
    }
    return undefined;
  }

  duplicateKeyError(doc: Document, ns: string): CommandError {
    const keyValue: Document = {};
    for (const field of this.fields) keyValue[field] = firstValueAtPath(doc, field) ?? null;
    const shown = this.fields.map((f) => `${f}: ${JSON.stringify(keyValue[f])}`).join(', ');
    return new CommandError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${shown} }`,
      { keyPattern: this.spec.key, keyValue },
    );
  }

  clone(): Index {
    const copy = new Index(this.spec);
    copy.prefixes = this.prefixes.map(
      (map) => new Map([...map].map(([key, ids]) => [key, new Set(ids)])),
    );
    return copy;
  }
}

/** Sets of ids an index lookup found; `size` (possibly counting an id twice) ranks plans. */
interface Candidates {
  sets: ReadonlySet<string>[];
  size: number;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Equality conditions a filter puts on top-level paths, usable with an index. */
function equalityValues(filter: Document, field: string): unknown[] | undefined {
  if (!(field in filter)) return undefined;
  const condition = filter[field];
  if (condition instanceof RegExp) return undefined;
  if (isPlainObject(condition)) {
    const ops = Object.keys(condition);
    if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) {
      return ops.some((op) => op.startsWith('$')) ? undefined : [condition];
    }
    if (ops.length !== 1) return undefined;
    if (ops[0] === '$eq') return [condition.$eq];
    if (ops[0] === '$in' && Array.isArray(condition.$in)) {
      const values = condition.$in as unknown[];
      if (values.some((v) => v instanceof RegExp || isPlainObject(v))) return undefined;
      return values;
    }
    return undefined;
  }
  return [condition];
}

/** A collection's documents and indexes. Stored documents are never modified in place. */
export class Collection {
  docs = new Map<string, Document>();
  /** Told of every write before it happens (the catalog keeps versions for snapshots). */
  onWrite: ((id: string, previous: Document | undefined) => void) | undefined;
  indexes = new Map<string, Index>();
  readonly uuid: UUID;

  constructor(
    readonly db: string,
    readonly name: string,
    uuid?: UUID,
  ) {
    this.uuid = uuid ?? new UUID();
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /**
   * Ids that can match a filter, from the indexes, or undefined when no index narrows it
   * (then the whole collection is scanned). Equality and `$in` on a leading run of an
   * index's fields are lookups; `$and` uses its most selective clause and `$or` the union of
   * its branches when every branch can use an index.
   */
  private plan(filter: Document): Candidates | undefined {
    let best: Candidates | undefined;
    const consider = (option: Candidates | undefined) => {
      if (option && (!best || option.size < best.size)) best = option;
    };
    for (const index of this.indexes.values()) {
      if (!index.covers(filter)) continue;
      const perField: string[][] = [];
      for (const field of index.fields) {
        const values = equalityValues(filter, field);
        if (!values) break;
        perField.push(values.map(keyString));
      }
      if (perField.length === 0) continue;
      let keys = [''];
      for (const parts of perField) {
        keys = keys.flatMap((prefix) => parts.map((part) => `${prefix}|${part}`));
      }
      const sets = keys
        .map((key) => index.lookup(perField.length, key))
        .filter((set): set is ReadonlySet<string> => set !== undefined);
      consider({ sets, size: sets.reduce((n, set) => n + set.size, 0) });
    }
    if (Array.isArray(filter.$and)) {
      for (const clause of filter.$and) if (isPlainObject(clause)) consider(this.plan(clause));
    }
    if (Array.isArray(filter.$or) && filter.$or.length > 0) {
      // Each branch may also use the equality conditions that sit beside the $or.
      const beside: Document = {};
      for (const [key, value] of Object.entries(filter))
        if (!key.startsWith('$')) beside[key] = value;
      const union: Candidates = { sets: [], size: 0 };
      let everyBranch = true;
      for (const branch of filter.$or) {
        if (!isPlainObject(branch)) {
          everyBranch = false;
          break;
        }
        const overlap = Object.keys(branch).some((k) => k in beside);
        const option = this.plan(overlap ? branch : { ...beside, ...branch });
        if (!option) {
          everyBranch = false;
          break;
        }
        union.sets.push(...option.sets);
        union.size += option.size;
      }
      if (everyBranch) consider(union);
    }
    return best;
  }

  /** Candidates for a filter: from an index when one answers its equality conditions. */
  candidates(filter: Document, collation?: Document): Iterable<Document> {
    // Indexes hold binary keys: a collated query reads every document.
    if (collation) return this.docs.values();
    const plan = this.plan(filter);
    if (!plan) return this.docs.values();
    const ids =
      plan.sets.length === 1
        ? (plan.sets[0] as ReadonlySet<string>)
        : new Set(plan.sets.flatMap((set) => [...set]));
    const docs: Document[] = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  find(filter: Document, opts?: QueryOptions): Document[] {
    const matches = compileFilter(filter, opts);
    const out: Document[] = [];
    for (const doc of this.candidates(filter, opts?.collation)) if (matches(doc)) out.push(doc);
    return out;
  }

  documents(): Iterable<Document> {
    return this.docs.values();
  }

  /** Adds a new document; throws the duplicate-key error and changes nothing on conflict. */
  insert(doc: Document): void {
    const id = keyString(doc._id);
    if (this.docs.has(id)) {
      throw (this.indexes.get('_id_') as Index).duplicateKeyError(doc, this.ns);
    }
    for (const index of this.indexes.values()) {
      const error = index.conflict(doc, id, this.ns);
      if (error) throw error;
    }
    this.onWrite?.(id, undefined);
    this.docs.set(id, doc);
    for (const index of this.indexes.values()) index.add(doc, id);
  }

  /** Replaces a stored document with a new version with the same _id. */
  replace(before: Document, after: Document): void {
    const id = keyString(before._id);
    for (const index of this.indexes.values()) {
      if (!index.unique) continue;
      index.remove(before, id);
      const error = index.conflict(after, id, this.ns);
      index.add(before, id);
      if (error) throw error;
    }
    this.onWrite?.(id, this.docs.get(id));
    for (const index of this.indexes.values()) {
      index.remove(before, id);
      index.add(after, id);
    }
    this.docs.set(id, after);
  }

  remove(doc: Document): void {
    const id = keyString(doc._id);
    if (!this.docs.has(id)) return;
    this.onWrite?.(id, this.docs.get(id));
    for (const index of this.indexes.values()) index.remove(doc, id);
    this.docs.delete(id);
  }

  /** Builds a new index over the existing documents; fails whole on a duplicate. */
  addIndex(spec: IndexSpec): void {
    const index = new Index(spec);
    for (const [id, doc] of this.docs) {
      const error = index.conflict(doc, id, this.ns);
      if (error) throw error;
      index.add(doc, id);
    }
    this.indexes.set(spec.name, index);
  }

  /** A copy for a transaction: documents are shared (immutable), index maps are copied. */
  clone(): Collection {
    const copy = new Collection(this.db, this.name, this.uuid);
    copy.docs = new Map(this.docs);
    copy.indexes = new Map([...this.indexes].map(([name, index]) => [name, index.clone()]));
    return copy;
  }
}
