import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { isPlainObject } from './values.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The BSON type a stored value is written back as. Numbers are kept as JavaScript numbers,
 * so an integral number within int32 range is an `int`, like the driver sends it.
 */
export function bsonTypeOf(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return 'double';
    return v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'double';
  }
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint' || v instanceof Long) return 'long';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Binary) return 'binData';
  if (v instanceof RegExp || v instanceof BSONRegExp) return 'regex';
  if (v instanceof Decimal128) return 'decimal';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof MinKey) return 'minKey';
  if (v instanceof MaxKey) return 'maxKey';
  if (v instanceof Code) return 'javascript';
  if (v instanceof BSONSymbol) return 'symbol';
  if (v instanceof DBRef || isPlainObject(v)) return 'object';
  return 'object';
}

/** MongoDB's `$type` aliases: names and their numbers. */
const ALIASES: Record<string, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  14: 'symbol',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};
const NAMES = new Set([...Object.values(ALIASES), 'number']);
const NUMERIC = new Set(['double', 'int', 'long', 'decimal']);

/** Resolves a `$type` argument to type names; an unknown one is an error naming it. */
export function typeNames(spec: unknown): string[] {
  const list = Array.isArray(spec) ? spec : [spec];
  return list.map((t) => {
    const name = typeof t === 'number' ? ALIASES[t] : typeof t === 'string' ? t : undefined;
    if (!name || !NAMES.has(name)) throw new Error(`Unknown type name alias: ${String(t)}`);
    return name;
  });
}

export function hasType(value: unknown, names: string[]): boolean {
  const type = bsonTypeOf(value);
  if (type === undefined) return false;
  return names.some((name) => name === type || (name === 'number' && NUMERIC.has(type)));
}
