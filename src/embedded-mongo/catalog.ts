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

/** Every database and collection the server holds, in memory. */
export class Catalog {
  readonly databases = new Map<string, Map<string, Collection>>();
  /** Documents written by a transaction that has not finished: `ns id` -> its owner. */
  readonly locks = new Map<string, { readonly active: boolean }>();

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
