import type { Document } from 'bson';
import type { Catalog } from './catalog.js';
import { validateNames } from './catalog.js';
import { Collection } from './collection.js';
import { CommandError } from './errors.js';

/** What a command reads and writes through: the live catalog, or a transaction's copy. */
export interface CollectionView {
  get(db: string, name: string): Collection | undefined;
  ensure(db: string, name: string): { collection: Collection; created: boolean };
}

const TRANSIENT = ['TransientTransactionError'];
const LIFETIME_MS = 60_000;

interface Workspace {
  base: Collection | undefined;
  work: Collection;
}

/**
 * A multi-document transaction. Each collection it touches is copied on first use (documents
 * are shared, never mutated), its writes go to the copy and are journalled, and commit applies
 * them to the live collections all together, or not at all if another writer got there first.
 */
export class Transaction implements CollectionView {
  state: 'active' | 'committed' | 'aborted' = 'active';
  private readonly workspaces = new Map<string, Workspace>();
  private readonly startedAt = Date.now();
  private readonly locked: string[] = [];

  get active(): boolean {
    return this.state === 'active' && !this.expired;
  }

  /**
   * Like MongoDB, the first write to a document fails at once with a WriteConflict when
   * another unfinished transaction wrote it, or when it changed since this one copied it.
   */
  private guard(work: Collection): (id: string) => void {
    return (id) => {
      const key = `${work.ns} ${id}`;
      const owner = this.catalog.locks.get(key);
      if (owner && owner !== this && owner.active) throw writeConflict();
      const live = this.catalog.get(work.db, work.name);
      if ((live?.docs.get(id) ?? undefined) !== work.docs.get(id)) throw writeConflict();
      this.catalog.locks.set(key, this);
      this.locked.push(key);
    };
  }

  private release(): void {
    for (const key of this.locked) {
      if (this.catalog.locks.get(key) === this) this.catalog.locks.delete(key);
    }
    this.locked.length = 0;
  }

  constructor(
    private readonly catalog: Catalog,
    readonly txnNumber: number,
  ) {}

  get expired(): boolean {
    return Date.now() - this.startedAt > LIFETIME_MS;
  }

  get(db: string, name: string): Collection | undefined {
    const ns = `${db}.${name}`;
    const existing = this.workspaces.get(ns);
    if (existing) return existing.work;
    const base = this.catalog.get(db, name);
    if (!base) return undefined;
    const work = base.clone();
    work.journal = new Map();
    work.beforeFirstWrite = this.guard(work);
    this.workspaces.set(ns, { base, work });
    return work;
  }

  ensure(db: string, name: string): { collection: Collection; created: boolean } {
    const existing = this.get(db, name);
    if (existing) return { collection: existing, created: false };
    validateNames(db, name);
    const work = new Collection(db, name);
    work.journal = new Map();
    work.beforeFirstWrite = this.guard(work);
    this.workspaces.set(`${db}.${name}`, { base: undefined, work });
    return { collection: work, created: true };
  }

  commit(): void {
    if (this.state !== 'active') return;
    for (const { base, work } of this.workspaces.values()) {
      const live = this.catalog.get(work.db, work.name);
      const changed =
        (base && live !== base) ||
        [...(work.journal ?? [])].some(([id, before]) => live?.docs.get(id) !== before);
      if (changed) {
        this.abort();
        throw writeConflict();
      }
    }
    const undo: Array<() => void> = [];
    try {
      for (const { work } of this.workspaces.values()) {
        if ((work.journal?.size ?? 0) === 0 && this.catalog.get(work.db, work.name)) continue;
        const { collection: live, created } = this.catalog.ensure(work.db, work.name);
        if (created) {
          for (const index of work.indexes.values()) {
            if (index.name !== '_id_') live.addIndex(index.spec);
          }
          undo.push(() => this.catalog.drop(work.db, work.name));
        }
        for (const id of work.journal?.keys() ?? []) {
          const next = work.docs.get(id);
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

/** Per logical session: its transaction and the reply of its last retryable write. */
export class SessionState {
  transaction: Transaction | undefined;
  lastWrite: { txnNumber: number; reply: Document } | undefined;
  lastUsed = Date.now();
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
    this.states.get(key)?.transaction?.abort();
    this.states.delete(key);
  }

  /** Sessions expire after MongoDB's logicalSessionTimeoutMinutes (30). */
  sweep(now = Date.now()): void {
    for (const [key, state] of this.states) {
      if (now - state.lastUsed > 30 * 60_000) this.end(key);
    }
  }
}
