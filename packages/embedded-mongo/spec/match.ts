import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';

/**
 * "Evaluating Matches" of the unified test format: expected values against what the driver
 * returned. Root-level documents may hold extra fields, embedded ones may not; numbers
 * compare by value; `$$` operators test existence, type, entities and session ids.
 */
export class Mismatch extends Error {}

export interface MatchContext {
  entity(id: string): unknown;
  lsidOf(sessionId: string): unknown;
}

const isDocument = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Map) &&
  !(v instanceof Date) &&
  !(v as { _bsontype?: string })._bsontype &&
  !Buffer.isBuffer(v) &&
  !(v instanceof RegExp);

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const bsonType = (v as { _bsontype?: string } | null)?._bsontype;
  if (bsonType === 'Long' || bsonType === 'Int32' || bsonType === 'Double') {
    return Number((v as { valueOf(): unknown }).valueOf());
  }
  if (v instanceof Long || v instanceof Int32 || v instanceof Double) return Number(v.valueOf());
  if (v instanceof Decimal128) return Number(v.toString());
  return undefined;
}

const BSON_TYPES: Record<string, string> = {
  ObjectId: 'objectId',
  ObjectID: 'objectId',
  Binary: 'binData',
  Timestamp: 'timestamp',
  Long: 'long',
  Int32: 'int',
  Double: 'double',
  Decimal128: 'decimal',
  BSONRegExp: 'regex',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  Code: 'javascript',
};

function typeNames(v: unknown): string[] {
  const bsonType = (v as { _bsontype?: string } | null)?._bsontype;
  if (bsonType && BSON_TYPES[bsonType]) return [BSON_TYPES[bsonType]];
  if (v === null) return ['null'];
  if (v === undefined) return ['undefined'];
  if (typeof v === 'string') return ['string'];
  if (typeof v === 'boolean') return ['bool'];
  if (Array.isArray(v)) return ['array'];
  if (v instanceof Date) return ['date'];
  if (v instanceof RegExp) return ['regex'];
  if (v instanceof ObjectId) return ['objectId'];
  if (v instanceof Binary || Buffer.isBuffer(v)) return ['binData'];
  if (v instanceof Timestamp) return ['timestamp'];
  if (v instanceof Long) return ['long'];
  if (v instanceof Int32) return ['int'];
  if (v instanceof Double) return ['double'];
  if (v instanceof Decimal128) return ['decimal'];
  if (typeof v === 'number') {
    // The driver gives plain numbers for int32, int64 (when safe) and double alike.
    return Number.isInteger(v) ? ['int', 'long', 'double'] : ['double'];
  }
  if (typeof v === 'object') return ['object'];
  return [typeof v];
}

function bytesOf(v: unknown): Buffer | undefined {
  if (Buffer.isBuffer(v)) return v;
  if ((v as { _bsontype?: string } | null)?._bsontype === 'Binary') {
    return Buffer.from((v as Binary).buffer);
  }
  if (v instanceof Uint8Array) return Buffer.from(v);
  return undefined;
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))?.slice(0, 200);
  } catch {
    return String(v);
  }
}

function fail(path: string, message: string): never {
  throw new Mismatch(`${path || '(root)'}: ${message}`);
}

function special(
  op: string,
  arg: unknown,
  actual: unknown,
  ctx: MatchContext,
  path: string,
  root: boolean,
): void {
  switch (op) {
    case '$$exists':
      if ((actual !== undefined) !== arg) fail(path, `expected ${arg ? 'a value' : 'no value'}`);
      return;
    case '$$type': {
      const wanted = Array.isArray(arg) ? (arg as string[]) : [arg as string];
      const names = typeNames(actual);
      if (
        !wanted.some((w) => names.includes(w) || (w === 'number' && asNumber(actual) !== undefined))
      ) {
        fail(path, `expected type ${wanted.join('|')}, got ${names.join('|')} ${show(actual)}`);
      }
      return;
    }
    case '$$unsetOrMatches':
      if (actual !== undefined) match(arg, actual, ctx, path, root);
      return;
    case '$$matchesEntity':
      match(ctx.entity(String(arg)), actual, ctx, path, root);
      return;
    case '$$sessionLsid':
      match(ctx.lsidOf(String(arg)), actual, ctx, path, false);
      return;
    case '$$matchesHexBytes': {
      const bytes = bytesOf(actual);
      if (!bytes || bytes.toString('hex').toLowerCase() !== String(arg).toLowerCase()) {
        fail(path, `expected bytes ${arg}`);
      }
      return;
    }
    case '$$lte': {
      const n = asNumber(actual);
      if (n === undefined || n > Number(arg)) fail(path, `expected <= ${arg}, got ${show(actual)}`);
      return;
    }
    case '$$matchAsDocument':
      if (typeof actual !== 'string') fail(path, 'expected a JSON string');
      match(arg, JSON.parse(actual), ctx, path, false);
      return;
    case '$$matchAsRoot':
      match(arg, actual, ctx, path, true);
      return;
    default:
      throw new Unsupported(`match operator ${op}`);
  }
}

/** Something the runner does not implement: the test is skipped, not failed. */
export class Unsupported extends Error {}

export function match(
  expected: unknown,
  actualValue: unknown,
  ctx: MatchContext,
  path = '',
  root = true,
): void {
  // The driver sends sort and index keys as Maps.
  const actual = actualValue instanceof Map ? Object.fromEntries(actualValue) : actualValue;
  if (isDocument(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0]?.startsWith('$$')) {
      special(keys[0], expected[keys[0]], actual, ctx, path, root);
      return;
    }
    if (!isDocument(actual)) fail(path, `expected a document, got ${show(actual)}`);
    for (const key of keys) {
      const want = expected[key];
      const sub = `${path}.${key}`;
      if (
        isDocument(want) &&
        Object.keys(want)[0] === '$$exists' &&
        Object.keys(want).length === 1
      ) {
        special('$$exists', want.$$exists, actual[key], ctx, sub, false);
        continue;
      }
      if (
        isDocument(want) &&
        Object.keys(want)[0] === '$$unsetOrMatches' &&
        actual[key] === undefined
      ) {
        continue;
      }
      if (!(key in actual)) fail(sub, `missing (expected ${show(want)})`);
      match(want, actual[key], ctx, sub, false);
    }
    if (!root) {
      const extra = Object.keys(actual).filter((k) => !(k in expected));
      if (extra.length > 0) fail(path, `unexpected fields ${extra.join(', ')}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) fail(path, `expected an array, got ${show(actual)}`);
    if (actual.length !== expected.length) {
      fail(path, `expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`);
    }
    // The documents of a root-level array (a find's result) are root-level too.
    for (const [i, e] of expected.entries()) match(e, actual[i], ctx, `${path}[${i}]`, root);
    return;
  }
  const en = asNumber(expected);
  if (en !== undefined) {
    const an = asNumber(actual);
    if (an !== en) fail(path, `expected ${en}, got ${show(actual)}`);
    return;
  }
  if (expected instanceof ObjectId || expected instanceof Timestamp) {
    if (!(expected as { equals(x: unknown): boolean }).equals(actual)) {
      fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    }
    return;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date) || actual.getTime() !== expected.getTime()) {
      fail(path, `expected ${expected.toISOString()}, got ${show(actual)}`);
    }
    return;
  }
  const eb = bytesOf(expected);
  if (eb) {
    const ab = bytesOf(actual);
    if (!ab || !eb.equals(ab)) fail(path, 'binary data differs');
    return;
  }
  if (expected instanceof RegExp) {
    if (!(actual instanceof RegExp) || String(actual) !== String(expected)) {
      fail(path, `expected ${expected}, got ${show(actual)}`);
    }
    return;
  }
  if (expected !== actual) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
}
