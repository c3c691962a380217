import type { Document, Timestamp } from 'bson';
import type { Catalog } from './catalog.js';
import { validateNames } from './catalog.js';
import { Collection, type Index, type IndexSpec } from './collection.js';
import { CommandError } from './errors.js';
import { compileFilter, type QueryOptions } from './mingo.js';
import { keyString } from './values.js';

/** The collection operations commands use, live or inside a transaction. */
export interface CollectionLike {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  readonly indexes: ReadonlyMap<string, Index>;
  documents(): Iterable<Document>;
  find(filter: Document, opts?: QueryOptions): Document[];
  insert(doc: Document): void;
  replace(before: Document, after: Document): void;
  remove(doc: Document): void;
  addIndex(spec: IndexSpec): void;
}

/** What a command reads and writes through: the live catalog, or a transaction. */
export interface CollectionView {
  get(db: string, name: string): CollectionLike | undefined;
  ensure(db: string, name: string): { collection: CollectionLike; created: boolean };
}

const TRANSIENT = ['TransientTransactionError'];
const LIFETIME_MS = 60_000;

/**
 * A collection as one transaction sees it: the live collection as it was at the
 * transaction's snapshot (documents written since are read from the catalog's history),
 * with the transaction's own writes laid over it. Nobody else sees the overlay until commit.
 * The first write to a document takes a lock and remembers the version it replaced; writing
 * a document changed since the snapshot, or locked by another transaction, fails at once
 * with a WriteConflict, and so does a commit that finds a written document changed.
 */
class TransactionCollection implements CollectionLike {
  /** id -> the transaction's version, or null when it deleted the document. */
  readonly overlay = new Map<string, Document | null>();
  /** id -> the live version when the transaction first wrote it. */
  readonly journal = new Map<string, Document | undefined>();

  constructor(
    /** The live collection, or a new one (not in the catalog) the transaction created. */
    readonly base: Collection,
    readonly createdHere: boolean,
    private readonly txn: Transaction,
  ) {}

  /** Documents written by others since the snapshot, with their snapshot versions. */
  private changed(): Map<string, Document | undefined> {
    return this.txn.changedSince(this.base.ns);
  }

  get db() {
    return this.base.db;
  }
  get name() {
    return this.base.name;
  }
  get ns() {
    return this.base.ns;
  }
  get indexes() {
    return this.base.indexes;
  }

  *documents(): Iterable<Document> {
    const changed = this.changed();
    for (const [id, doc] of this.base.docs) {
      if (!this.overlay.has(id) && !changed.has(id)) yield doc;
    }
    for (const [id, doc] of changed) if (doc && !this.overlay.has(id)) yield doc;
    for (const doc of this.overlay.values()) if (doc) yield doc;
  }

  find(filter: Document, opts?: QueryOptions): Document[] {
    const matches = compileFilter(filter, opts);
    const changed = this.changed();
    const out: Document[] = [];
    for (const doc of this.base.candidates(filter, opts?.collation)) {
      const id = keyString(doc._id);
      if (!this.overlay.has(id) && !changed.has(id) && matches(doc)) out.push(doc);
    }
    for (const [id, doc] of changed) {
      if (doc && !this.overlay.has(id) && matches(doc)) out.push(doc);
    }
    for (const doc of this.overlay.values()) if (doc && matches(doc)) out.push(doc);
    return out;
  }

  private current(id: string): Document | undefined {
    if (this.overlay.has(id)) return this.overlay.get(id) ?? undefined;
    const changed = this.changed();
    return changed.has(id) ? changed.get(id) : this.base.docs.get(id);
  }

  /** Unique keys are checked against the live documents this transaction has not changed, and its own. */
  private checkUnique(doc: Document, id: string): void {
    for (const index of this.base.indexes.values()) {
      if (!index.unique) continue;
      const keys = index.keysOf(doc);
      if (keys.length === 0) continue;
      for (const key of keys) {
        for (const other of index.lookup(index.fields.length, key) ?? []) {
          if (other !== id && !this.overlay.has(other)) throw index.duplicateKeyError(doc, this.ns);
        }
      }
      for (const [other, mine] of this.overlay) {
        if (other === id || !mine) continue;
        if (index.keysOf(mine).some((k) => keys.includes(k))) {
          throw index.duplicateKeyError(doc, this.ns);
        }
      }
    }
  }

  private write(id: string, next: Document | null): void {
    if (!this.journal.has(id)) {
      if (this.changed().has(id)) throw writeConflict();
      this.txn.lock(this.base.ns, id);
      this.journal.set(id, this.base.docs.get(id));
    }
    this.overlay.set(id, next);
  }

  insert(doc: Document): void {
    const id = keyString(doc._id);
    if (this.current(id)) {
      throw (this.base.indexes.get('_id_') as Index).duplicateKeyError(doc, this.ns);
    }
    this.checkUnique(doc, id);
    this.write(id, doc);
  }

  replace(_before: Document, after: Document): void {
    const id = keyString(after._id);
    this.checkUnique(after, id);
    this.write(id, after);
  }

  remove(doc: Document): void {
    const id = keyString(doc._id);
    if (this.current(id)) this.write(id, null);
  }

  addIndex(spec: IndexSpec): void {
    if (!this.createdHere) {
      throw new CommandError(
        'OperationNotSupportedInTransaction',
        `Cannot create new indexes on existing collection ${this.ns} in a multi-document transaction.`,
      );
    }
    this.base.addIndex(spec);
  }
}

/**
 * A multi-document transaction: its writes live in overlays (one per collection it
 * touches) and commit applies them to the live collections all together, or none of them.
 */
export class Transaction implements CollectionView {
  state: 'active' | 'committed' | 'aborted' = 'active';
  private readonly collections = new Map<string, TransactionCollection>();
  private readonly startedAt = Date.now();
  private readonly locked: string[] = [];
  /** The catalog's write count when the transaction began: what it reads. */
  readonly snapshot: number;

  constructor(
    private readonly catalog: Catalog,
    readonly txnNumber: number,
  ) {
    this.snapshot = catalog.begin();
    catalog.register(this);
  }

  changedSince(ns: string): Map<string, Document | undefined> {
    return this.catalog.changedSince(ns, this.snapshot);
  }

  get active(): boolean {
    return this.state === 'active' && !this.expired;
  }

  get expired(): boolean {
    return Date.now() - this.startedAt > LIFETIME_MS;
  }

  /** The first write to a document: fail now if another unfinished transaction holds it. */
  lock(ns: string, id: string): void {
    const key = `${ns} ${id}`;
    const owner = this.catalog.locks.get(key);
    if (owner && owner !== this && owner.active) throw writeConflict();
    this.catalog.locks.set(key, this);
    this.locked.push(key);
  }

  private release(): void {
    for (const key of this.locked) {
      if (this.catalog.locks.get(key) === this) this.catalog.locks.delete(key);
    }
    this.locked.length = 0;
    this.catalog.unregister(this);
  }

  get(db: string, name: string): CollectionLike | undefined {
    const ns = `${db}.${name}`;
    const existing = this.collections.get(ns);
    if (existing) return existing;
    const live = this.catalog.get(db, name);
    if (!live) return undefined;
    const view = new TransactionCollection(live, false, this);
    this.collections.set(ns, view);
    return view;
  }

  ensure(db: string, name: string): { collection: CollectionLike; created: boolean } {
    const existing = this.get(db, name);
    if (existing) return { collection: existing, created: false };
    validateNames(db, name);
    const view = new TransactionCollection(new Collection(db, name), true, this);
    this.collections.set(`${db}.${name}`, view);
    return { collection: view, created: true };
  }

  commit(): void {
    if (this.state !== 'active') return;
    for (const view of this.collections.values()) {
      const live = this.catalog.get(view.db, view.name);
      const replaced = !view.createdHere && live !== view.base;
      const changed = [...view.journal].some(([id, before]) => live?.docs.get(id) !== before);
      if (replaced || changed) {
        this.abort();
        throw writeConflict();
      }
    }
    const undo: Array<() => void> = [];
    try {
      for (const view of this.collections.values()) {
        if (view.overlay.size === 0 && !view.createdHere) continue;
        const { collection: live, created } = this.catalog.ensure(view.db, view.name);
        if (created) {
          for (const index of view.base.indexes.values()) {
            if (index.name !== '_id_') live.addIndex(index.spec);
          }
          undo.push(() => this.catalog.drop(view.db, view.name));
        }
        for (const [id, next] of view.overlay) {
          const current = live.docs.get(id);
          if (next === current) continue;
          if (!next && current) {
            live.remove(current);
            undo.push(() => live.insert(current));
          } else if (next && !current) {
            live.insert(next);
            undo.push(() => live.remove(next));
          } else if (next && current) {
            live.replace(current, next);
            undo.push(() => live.replace(next, current));
          }
        }
      }
    } catch (err) {
      for (const step of undo.reverse()) step();
      this.state = 'aborted';
      this.release();
      // Another transaction committed the same unique key first. MongoDB reports that as a
      // WriteConflict (transient: the driver retries the transaction, whose insert then sees
      // the committed key and fails with E11000 at write time), never as E11000 from commit.
      if (err instanceof CommandError && err.codeName === 'DuplicateKey') throw writeConflict();
      throw err;
    }
    this.state = 'committed';
    this.release();
  }

  abort(): void {
    if (this.state === 'active') this.state = 'aborted';
    this.release();
  }
}

function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    TRANSIENT,
  );
}

export function noSuchTransaction(txnNumber: number): CommandError {
  return new CommandError(
    'NoSuchTransaction',
    `Transaction with { txnNumber: ${txnNumber} } has been aborted.`,
    {},
    TRANSIENT,
  );
}

/**
 * Per logical session: its transaction, the reply of its last retryable write, and the
 * snapshot its snapshot reads (readConcern 'snapshot' outside a transaction) share.
 */
export class SessionState {
  transaction: Transaction | undefined;
  lastWrite: { txnNumber: number; reply: Document } | undefined;
  snapshot: { view: Transaction; time: Timestamp } | undefined;
  lastUsed = Date.now();

  /** Ends the open transaction and releases the snapshot; the write history stays. */
  kill(): void {
    this.transaction?.abort();
    this.snapshot?.view.abort();
    this.snapshot = undefined;
  }
}

export class Sessions {
  private readonly states = new Map<string, SessionState>();

  get(key: string): SessionState {
    let state = this.states.get(key);
    if (!state) {
      state = new SessionState();
      this.states.set(key, state);
    }
    state.lastUsed = Date.now();
    return state;
  }

  end(key: string): void {
    this.states.get(key)?.kill();
    this.states.delete(key);
  }

  /** `killSessions` / `killAllSessions`: open transactions end, retryable-write history stays. */
  kill(keys?: string[]): void {
    for (const [key, state] of this.states) if (!keys || keys.includes(key)) state.kill();
  }

  /** Sessions expire after MongoDB's logicalSessionTimeoutMinutes (30). */
  sweep(now = Date.now()): void {
    for (const [key, state] of this.states) {
      if (now - state.lastUsed > 30 * 60_000) this.end(key);
    }
  }
}
