import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Decimal128,
  type Document,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { isPlainObject, valuesAtPath } from './values.js';

/**
 * MongoDB's BSON comparison order, used for `sort` on find and findAndModify so that values
 * of different types sort as they do on a real server (the query library orders some BSON
 * classes differently).
 */
export function rank(v: unknown): number {
  if (v instanceof MinKey) return 1;
  if (v === null || v === undefined) return 2;
  if (typeof v === 'number' || v instanceof Long || v instanceof Decimal128) return 3;
  if (v instanceof Int32 || v instanceof Double) return 3;
  if (typeof v === 'string' || v instanceof BSONSymbol) return 4;
  if (Array.isArray(v)) return 6;
  if (v instanceof Binary) return 7;
  if (v instanceof ObjectId) return 8;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  if (v instanceof Timestamp) return 11;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 12;
  if (v instanceof MaxKey) return 13;
  return 5; // embedded document
}

const num = (v: unknown) => Number(typeof v === 'number' ? v : String(v));
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

export function compareBson(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return sign(ra - rb);
  switch (ra) {
    case 3:
      return sign(num(a) - num(b));
    case 4: {
      const sa = String(a);
      const sb = String(b);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    case 5:
      return compareDocuments(a as Document, b as Document);
    case 6: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = compareBson(xs[i], ys[i]);
        if (c !== 0) return c;
      }
      return sign(xs.length - ys.length);
    }
    case 7: {
      const x = a as Binary;
      const y = b as Binary;
      if (x.length() !== y.length()) return sign(x.length() - y.length());
      if (x.sub_type !== y.sub_type) return sign(x.sub_type - y.sub_type);
      return Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer));
    }
    case 8:
      return sign((a as ObjectId).toHexString().localeCompare((b as ObjectId).toHexString()));
    case 9:
      return sign(Number(a) - Number(b));
    case 10:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    default:
      return 0;
  }
}

function compareDocuments(a: Document, b: Document): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const va = a[ka[i] as string];
    const vb = b[kb[i] as string];
    const byType = sign(rank(va) - rank(vb));
    if (byType !== 0) return byType;
    const byName = (ka[i] as string) < (kb[i] as string) ? -1 : ka[i] === kb[i] ? 0 : 1;
    if (byName !== 0) return byName;
    const byValue = compareBson(va, vb);
    if (byValue !== 0) return byValue;
  }
  return sign(ka.length - kb.length);
}

const EMPTY_ARRAY = Symbol('empty array');

/** The value a document sorts by: an array sorts by its least (or greatest) element. */
function sortKey(doc: Document, path: string, descending: boolean): unknown {
  const values = valuesAtPath(doc, path);
  const top = values[0];
  if (Array.isArray(top) && top.length === 0 && values.length === 1) return EMPTY_ARRAY;
  const candidates = Array.isArray(top) && values.length > 1 ? values.slice(1) : values;
  let best = candidates[0];
  for (const v of candidates.slice(1)) {
    const c = compareBson(v, best);
    if (descending ? c > 0 : c < 0) best = v;
  }
  return best;
}

/** Sorts documents by a sort specification such as `{ priority: -1, createdAt: 1 }`. */
export function sortDocuments(docs: Document[], spec: Document): Document[] {
  const fields = Object.entries(spec).map(([path, dir]) => ({ path, descending: dir === -1 }));
  const keyed = docs.map((doc, i) => ({
    doc,
    i,
    keys: fields.map((f) => sortKey(doc, f.path, f.descending)),
  }));
  keyed.sort((x, y) => {
    for (let f = 0; f < fields.length; f++) {
      const a = x.keys[f];
      const b = y.keys[f];
      // An empty array sorts before null and missing values.
      const c =
        a === EMPTY_ARRAY || b === EMPTY_ARRAY
          ? a === b
            ? 0
            : a === EMPTY_ARRAY
              ? -1
              : 1
          : compareBson(a, b);
      if (c !== 0) return (fields[f] as { descending: boolean }).descending ? -c : c;
    }
    return x.i - y.i;
  });
  return keyed.map((k) => k.doc);
}

export function isSimpleSort(spec: Document | undefined): spec is Document {
  return (
    isPlainObject(spec) &&
    Object.keys(spec).length > 0 &&
    Object.values(spec).every((dir) => dir === 1 || dir === -1)
  );
}
