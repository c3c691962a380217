import type { CreateIndexesOptions, Db, IndexSpecification } from 'mongodb';

/** Every index of the product, declared next to the repository that needs it. */
export interface IndexDeclaration {
  readonly collection: string;
  readonly key: IndexSpecification;
  readonly options: CreateIndexesOptions & { name: string };
}

/** Creates every declared index (idempotent: existing identical indexes are kept). */
export async function ensureIndexes(
  db: Db,
  declarations: readonly IndexDeclaration[],
): Promise<void> {
  const byCollection = new Map<string, IndexDeclaration[]>();
  for (const declaration of declarations) {
    const list = byCollection.get(declaration.collection) ?? [];
    list.push(declaration);
    byCollection.set(declaration.collection, list);
  }
  for (const [collection, list] of byCollection) {
    await db
      .collection(collection)
      .createIndexes(list.map((d) => ({ key: d.key as Record<string, 1 | -1>, ...d.options })));
  }
}
