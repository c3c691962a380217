import type { Catalog } from './catalog.js';
import { valuesAtPath } from './values.js';

/**
 * Removes documents past their TTL, as MongoDB's background monitor does (every 60 s): a
 * document expires when the earliest date in the indexed field is older than
 * `expireAfterSeconds`. Documents without a date there never expire.
 */
export function expireDocuments(catalog: Catalog, now = Date.now()): number {
  let removed = 0;
  for (const collections of catalog.databases.values()) {
    for (const collection of collections.values()) {
      for (const index of collection.indexes.values()) {
        const seconds = index.spec.expireAfterSeconds;
        if (typeof seconds !== 'number' || index.fields.length !== 1) continue;
        const field = index.fields[0] as string;
        for (const doc of [...collection.docs.values()]) {
          const dates = valuesAtPath(doc, field).filter((v): v is Date => v instanceof Date);
          if (dates.length === 0) continue;
          const earliest = Math.min(...dates.map((d) => d.getTime()));
          if (earliest + seconds * 1000 <= now) {
            collection.remove(doc);
            removed++;
          }
        }
      }
    }
  }
  return removed;
}
