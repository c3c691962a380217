import type { Document, Timestamp } from 'bson';
import type { Catalog } from '../catalog.js';

import type { Cursors } from '../cursors.js';
import { CommandError } from '../errors.js';
import type { FailPoints } from '../failpoints.js';
import type { CollectionLike, CollectionView, Sessions } from '../transactions.js';
import { isPlainObject, keyString } from '../values.js';

export interface ServerInfo {
  readonly host: string;
  readonly port: number;
  readonly startedAt: Date;
}

export interface CommandContext {
  readonly db: string;
  readonly command: Document;
  readonly catalog: Catalog;
  /** The catalog, or the transaction the command runs in. */
  readonly view: CollectionView;
  readonly inTransaction: boolean;
  readonly cursors: Cursors;
  readonly server: ServerInfo;
  readonly connectionId: number;
  readonly sessions: Sessions;
  readonly failPoints: FailPoints;
  /** The key of the command's logical session, when it has one. */
  readonly lsid: string | undefined;
  /**
   * Where a `readConcern: { level: 'snapshot' }` read outside a transaction reads, and the
   * cluster time it reads at (`atClusterTime` given, or now).
   */
  readonly snapshotRead: (atClusterTime: unknown) => { view: CollectionView; time: Timestamp };
}

export type CommandHandler = (ctx: CommandContext) => Document;

/** Fields any command may carry that do not change what it does on a single node. */
export const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'readConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$client',
  'bypassDocumentValidation',
  'allowDiskUse',
  'noCursorTimeout',
  'maxAwaitTimeMS',
  'awaitData',
  'tailable',
  'allowPartialResults',
  'readOnce',
  'returnKey',
  'showRecordId',
  'maxScan',
  'min',
  'max',
  'oplogReplay',
]);

/** Refuses any field a command does not understand, naming it, instead of ignoring it. */
export function checkFields(ctx: CommandContext, known: readonly string[]): void {
  const name = Object.keys(ctx.command)[0];
  for (const field of Object.keys(ctx.command)) {
    if (field === name || GENERIC_FIELDS.has(field) || known.includes(field)) continue;
    throw new CommandError(
      'NotImplemented',
      `The embedded MongoDB server does not support the field '${field}' of the '${name}' command`,
    );
  }
}

/**
 * A hint must name an existing index (by name or key pattern), as MongoDB requires; the
 * plan itself is always chosen here. `$natural` is accepted.
 */
export function checkHint(collection: CollectionLike | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || !collection) return;
  if (isPlainObject(hint) && Object.keys(hint)[0] === '$natural') return;
  const found = [...collection.indexes.values()].some((index) =>
    typeof hint === 'string' ? index.name === hint : keyString(index.spec.key) === keyString(hint),
  );
  if (!found) {
    throw new CommandError(
      'BadValue',
      'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
    );
  }
}

export function collectionName(ctx: CommandContext): string {
  const name = Object.values(ctx.command)[0];
  if (typeof name !== 'string' || name.length === 0) {
    const command = Object.keys(ctx.command)[0];
    throw new CommandError(
      'InvalidNamespace',
      `collection name has invalid type ${typeof name} for '${command}'`,
    );
  }
  return name;
}

export function optionalDocument(ctx: CommandContext, field: string): Document | undefined {
  const value = ctx.command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' must be an object`);
  }
  return value;
}

export function optionalNumber(ctx: CommandContext, field: string): number | undefined {
  const value = ctx.command[field];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : Number(value?.toString?.());
  if (!Number.isFinite(n)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' must be a number`);
  }
  return n;
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' must be an array`);
  }
  return value;
}

export function requireDocument(value: unknown, field: string): Document {
  if (!isPlainObject(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' must be an object`);
  }
  return value;
}
