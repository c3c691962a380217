import { type Document, UUID } from 'bson';
import { CommandError } from './errors.js';
import { compileFilter } from './mingo.js';
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
  entries = new Map<string, Set<string>>();

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression
      ? compileFilter(spec.partialFilterExpression)
      : undefined;
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

  /** The key strings of a document, or none when the index does not cover it. */
  keysOf(doc: Document): string[] {
    if (this.partial && !this.partial(doc)) return [];
    const perField = this.fields.map((field) => valuesAtPath(doc, field));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) {
      return [];
    }
    let keys = [''];
    for (const values of perField) {
      const parts = [...new Set(values.map(keyString))];
      keys = keys.flatMap((prefix) => parts.map((part) => `${prefix}|${part}`));
    }
    return keys;
  }

  add(doc: Document, id: string): void {
    for (const key of this.keysOf(doc)) {
      let ids = this.entries.get(key);
      if (!ids) {
        ids = new Set();
        this.entries.set(key, ids);
      }
      ids.add(id);
    }
  }

  remove(doc: Document, id: string): void {
    for (const key of this.keysOf(doc)) {
      const ids = this.entries.get(key);
      if (!ids) continue;
      ids.delete(id);
      if (ids.size === 0) this.entries.delete(key);
    }
  }

  /** The duplicate-key error MongoDB answers when `doc` would break this unique index. */
  conflict(doc: Document, id: string, ns: string): CommandError | undefined {
    if (!this.unique) return undefined;
    for (const key of this.keysOf(doc)) {
      const ids = this.entries.get(key);
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
    copy.entries = new Map([...this.entries].map(([key, ids]) => [key, new Set(ids)]));
    return copy;
  }
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
  indexes = new Map<string, Index>();
  readonly uuid: UUID;
  /** Set by a transaction: the version of each document before its first write. */
  journal: Map<string, Document | undefined> | undefined;
  /** Set by a transaction: may refuse the first write to a document (write conflict). */
  beforeFirstWrite: ((id: string) => void) | undefined;

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

  /** Candidates for a filter: from an index when one answers its equality conditions. */
  candidates(filter: Document, collation?: Document): Iterable<Document> {
    if (collation) return this.docs.values();
    let best: string[] | undefined;
    for (const index of this.indexes.values()) {
      if (!index.complete) continue;
      const perField: string[][] = [];
      for (const field of index.fields) {
        const values = equalityValues(filter, field);
        if (!values) break;
        perField.push(values.map(keyString));
      }
      if (perField.length !== index.fields.length) continue;
      let keys = [''];
      for (const parts of perField) {
        keys = keys.flatMap((prefix) => parts.map((part) => `${prefix}|${part}`));
      }
      const ids = new Set<string>();
      for (const key of keys) for (const id of index.entries.get(key) ?? []) ids.add(id);
      const found = [...ids];
      if (!best || found.length < best.length) best = found;
      if (found.length <= 1) break;
    }
    if (!best) return this.docs.values();
    const docs: Document[] = [];
    for (const id of best) {
      const doc = this.docs.get(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  find(filter: Document, collation?: Document): Document[] {
    const matches = compileFilter(filter, collation ? { collation } : undefined);
    const out: Document[] = [];
    for (const doc of this.candidates(filter, collation)) if (matches(doc)) out.push(doc);
    return out;
  }

  private record(id: string): void {
    if (!this.journal || this.journal.has(id)) return;
    this.beforeFirstWrite?.(id);
    this.journal.set(id, this.docs.get(id));
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
    this.record(id);
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
    this.record(id);
    for (const index of this.indexes.values()) {
      index.remove(before, id);
      index.add(after, id);
    }
    this.docs.set(id, after);
  }

  remove(doc: Document): void {
    const id = keyString(doc._id);
    if (!this.docs.has(id)) return;
    this.record(id);
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
