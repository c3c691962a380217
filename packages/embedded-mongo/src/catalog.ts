import type { Document } from 'bson';
import { Collection } from './collection.js';
import { CommandError } from './errors.js';

const NAME_LIMIT = 255;

export function validateNames(db: string, collection?: string): void {
  if (!db || /[/\\. "$\0]/.test(db) || db.length > 63) {
    throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  }
  if (collection === undefined) return;
  if (
    !collection ||
    collection.startsWith('.') ||
    collection.includes('$') ||
    collection.includes('\0') ||
    collection.startsWith('system.') ||
    db.length + collection.length + 1 > NAME_LIMIT
  ) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${db}.${collection}`);
  }
}

interface HistoryEntry {
  readonly ns: string;
  readonly id: string;
  /** The version before the write (undefined: the document did not exist). */
  readonly doc: Document | undefined;
  /** The write's timestamp: `doc` was current before it. */
  readonly until: number;
}

/** What the catalog needs to know of a running transaction. */
export interface SnapshotHolder {
  readonly snapshot: number;
  readonly active: boolean;
}

/** Every database and collection the server holds, in memory. */
export class Catalog {
  readonly databases = new Map<string, Map<string, Collection>>();
  /** Documents written by a transaction that has not finished: `ns id` -> its owner. */
  readonly locks = new Map<string, { readonly active: boolean }>();
  /** Counts live writes; a transaction's snapshot is the count when it began. */
  private clock = 0;
  /**
   * Earlier versions of documents written while a transaction was running, so that each
   * transaction reads the data as it was at its start (MongoDB's snapshot isolation).
   */
  private history: HistoryEntry[] = [];
  private readonly transactions = new Set<SnapshotHolder>();

  /** How many writes the catalog has seen (the cluster time moves on with it). */
  get writes(): number {
    return this.clock;
  }

  /** Starts tracking a transaction; its snapshot is now. */
  begin(): number {
    return this.clock;
  }

  register(txn: SnapshotHolder): void {
    this.transactions.add(txn);
  }

  unregister(txn: SnapshotHolder): void {
    this.transactions.delete(txn);
    const running = [...this.transactions].filter((t) => t.active);
    if (running.length === 0) {
      this.history = [];
      return;
    }
    const oldest = Math.min(...running.map((t) => t.snapshot));
    this.history = this.history.filter((entry) => entry.until > oldest);
  }

  private recordWrite(ns: string, id: string, previous: Document | undefined): void {
    this.clock += 1;
    if ([...this.transactions].some((t) => t.active)) {
      this.history.push({ ns, id, doc: previous, until: this.clock });
    }
  }

  /** For a snapshot: each document of `ns` written since, with its version at the snapshot. */
  changedSince(ns: string, snapshot: number): Map<string, Document | undefined> {
    const changed = new Map<string, Document | undefined>();
    for (const entry of this.history) {
      if (entry.ns === ns && entry.until > snapshot && !changed.has(entry.id)) {
        changed.set(entry.id, entry.doc);
      }
    }
    return changed;
  }

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Creates the collection on first write, as MongoDB does. */
  ensure(db: string, name: string): { collection: Collection; created: boolean } {
    const existing = this.get(db, name);
    if (existing) return { collection: existing, created: false };
    validateNames(db, name);
    const collection = new Collection(db, name);
    this.put(collection);
    return { collection, created: true };
  }

  put(collection: Collection): void {
    collection.onWrite = (id, previous) => this.recordWrite(collection.ns, id, previous);
    let collections = this.databases.get(collection.db);
    if (!collections) {
      collections = new Map();
      this.databases.set(collection.db, collections);
    }
    collections.set(collection.name, collection);
  }

  drop(db: string, name: string): Collection | undefined {
    const collections = this.databases.get(db);
    const collection = collections?.get(name);
    if (!collections || !collection) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    return collection;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }
}
