import type { Document } from 'bson';
import { validateNames } from '../catalog.js';
import { type Collection, ID_INDEX, type IndexSpec } from '../collection.js';
import { CommandError } from '../errors.js';
import { compileFilter } from '../mingo.js';
import { isPlainObject, keyString } from '../values.js';
import {
  type CommandContext,
  type CommandHandler,
  checkFields,
  collectionName,
  GENERIC_FIELDS,
  optionalDocument,
  requireArray,
  requireDocument,
} from './context.js';

function namespaceNotFound(ns: string, message = `ns does not exist: ${ns}`): CommandError {
  return new CommandError('NamespaceNotFound', message);
}

const create: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  validateNames(ctx.db, name);
  if (ctx.view.get(ctx.db, name)) {
    // Since MongoDB 7.0 a create with the same options is a no-op. Collections here never
    // have options, so any option given differs from the existing collection's.
    const options = Object.keys(ctx.command).filter(
      (field) => field !== 'create' && !GENERIC_FIELDS.has(field),
    );
    if (options.length === 0) return { ok: 1 };
    throw new CommandError('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  }
  checkFields(ctx, []);
  ctx.view.ensure(ctx.db, name);
  return { ok: 1 };
};

const drop: CommandHandler = (ctx) => {
  checkFields(ctx, []);
  const name = collectionName(ctx);
  const dropped = ctx.catalog.drop(ctx.db, name);
  // Since MongoDB 7.0, dropping a collection that does not exist succeeds.
  if (!dropped) return { ok: 1 };
  return { nIndexesWas: dropped.indexes.size, ns: dropped.ns, ok: 1 };
};

const dropDatabase: CommandHandler = (ctx) => {
  checkFields(ctx, []);
  ctx.catalog.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

function collectionInfo(collection: Collection): Document {
  return {
    name: collection.name,
    type: 'collection',
    options: {},
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: ID_INDEX,
  };
}

const listCollections: CommandHandler = (ctx) => {
  checkFields(ctx, ['filter', 'nameOnly', 'authorizedCollections', 'cursor']);
  const filter = optionalDocument(ctx, 'filter') ?? {};
  const matches = compileFilter(filter);
  const nameOnly = ctx.command.nameOnly === true;
  const docs = ctx.catalog
    .collections(ctx.db)
    .map(collectionInfo)
    .filter(matches)
    .map((info) => (nameOnly ? { name: info.name, type: info.type } : info));
  const batchSize = optionalDocument(ctx, 'cursor')?.batchSize as number | undefined;
  return { cursor: ctx.cursors.start(`${ctx.db}.$cmd.listCollections`, docs, batchSize), ok: 1 };
};

const listDatabases: CommandHandler = (ctx) => {
  checkFields(ctx, ['filter', 'nameOnly', 'authorizedDatabases']);
  const filter = compileFilter(optionalDocument(ctx, 'filter') ?? {});
  const databases = [...ctx.catalog.databases.keys()]
    .map((name) => ({ name, sizeOnDisk: 0, empty: false }))
    .filter(filter);
  if (ctx.command.nameOnly === true) {
    return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  }
  return { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
};

const INDEX_OPTIONS = new Set([
  'v',
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'hidden',
  'ns',
]);

/** The parts of a spec that decide whether two indexes are the same index. */
function comparable(spec: IndexSpec): string {
  return keyString({
    key: spec.key,
    unique: spec.unique === true,
    sparse: spec.sparse === true,
    partialFilterExpression: spec.partialFilterExpression ?? null,
    expireAfterSeconds: spec.expireAfterSeconds ?? null,
  });
}

function parseIndexSpec(raw: unknown, i: number): IndexSpec {
  const spec = requireDocument(raw, `indexes.${i}`);
  for (const option of Object.keys(spec)) {
    if (!INDEX_OPTIONS.has(option)) {
      throw new CommandError(
        'NotImplemented',
        `The embedded MongoDB server does not support the index option '${option}'`,
      );
    }
  }
  const key = requireDocument(spec.key, `indexes.${i}.key`);
  if (Object.keys(key).length === 0) {
    throw new CommandError('BadValue', 'Index keys cannot be an empty field.');
  }
  for (const [field, direction] of Object.entries(key)) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        'NotImplemented',
        `The embedded MongoDB server supports only ascending (1) and descending (-1) index keys, not ${JSON.stringify(direction)} on '${field}'`,
      );
    }
  }
  if (typeof spec.name !== 'string' || spec.name.length === 0) {
    throw new CommandError('BadValue', `Index at indexes.${i} has no name`);
  }
  if (spec.partialFilterExpression !== undefined) {
    compileFilter(requireDocument(spec.partialFilterExpression, 'partialFilterExpression'));
  }
  const { background: _background, ns: _ns, v: _v, key: _key, name, ...options } = spec;
  return { v: 2, key, name, ...options } as IndexSpec;
}

const createIndexes: CommandHandler = (ctx) => {
  checkFields(ctx, ['indexes', 'commitQuorum']);
  const name = collectionName(ctx);
  const specs = requireArray(ctx.command.indexes, 'indexes').map(parseIndexSpec);
  const { collection, created } = ctx.view.ensure(ctx.db, name);
  const before = collection.indexes.size;
  for (const spec of specs) {
    const sameName = collection.indexes.get(spec.name);
    if (sameName) {
      if (comparable(sameName.spec) === comparable(spec)) continue;
      const sameKey = keyString(sameName.spec.key) === keyString(spec.key);
      throw new CommandError(
        sameKey ? 'IndexOptionsConflict' : 'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
      );
    }
    const sameKey = [...collection.indexes.values()].find(
      (index) => keyString(index.spec.key) === keyString(spec.key),
    );
    if (sameKey) {
      if (comparable(sameKey.spec) === comparable({ ...spec, name: sameKey.name })) {
        throw new CommandError(
          'IndexOptionsConflict',
          `Index already exists with a different name: ${sameKey.name}`,
        );
      }
      throw new CommandError(
        'IndexOptionsConflict',
        `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameKey.spec)}`,
      );
    }
    collection.addIndex(spec);
  }
  const reply: Document = {
    numIndexesBefore: before,
    numIndexesAfter: collection.indexes.size,
    createdCollectionAutomatically: created,
    ok: 1,
  };
  if (before === collection.indexes.size) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: CommandHandler = (ctx) => {
  checkFields(ctx, ['cursor']);
  const name = collectionName(ctx);
  const collection = ctx.view.get(ctx.db, name);
  if (!collection) throw namespaceNotFound(`${ctx.db}.${name}`);
  const docs = [...collection.indexes.values()].map((index) => index.spec);
  const batchSize = optionalDocument(ctx, 'cursor')?.batchSize as number | undefined;
  return {
    cursor: ctx.cursors.start(`${ctx.db}.$cmd.listIndexes.${name}`, docs, batchSize),
    ok: 1,
  };
};

const dropIndexes: CommandHandler = (ctx) => {
  checkFields(ctx, ['index']);
  const name = collectionName(ctx);
  // Not allowed in a transaction, so the live collection is the one to change.
  const collection = ctx.catalog.get(ctx.db, name);
  if (!collection) throw namespaceNotFound(`${ctx.db}.${name}`, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = collection.indexes.size;
  const target = ctx.command.index;
  let names: string[];
  if (target === '*') {
    names = [...collection.indexes.keys()].filter((n) => n !== '_id_');
  } else if (typeof target === 'string') {
    names = [target];
  } else if (Array.isArray(target)) {
    names = target.map(String);
  } else if (isPlainObject(target)) {
    const match = [...collection.indexes.values()].find(
      (index) => keyString(index.spec.key) === keyString(target),
    );
    if (!match) {
      throw new CommandError(
        'IndexNotFound',
        `can't find index with key: ${JSON.stringify(target)}`,
      );
    }
    names = [match.name];
  } else {
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'dropIndexes.index' must be a string, array or object",
    );
  }
  for (const indexName of names) {
    if (indexName === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!collection.indexes.has(indexName)) {
      throw new CommandError('IndexNotFound', `index not found with name [${indexName}]`);
    }
  }
  for (const indexName of names) collection.indexes.delete(indexName);
  return { nIndexesWas, ok: 1 };
};

const renameCollection: CommandHandler = (ctx: CommandContext) => {
  checkFields(ctx, ['to', 'dropTarget', 'stayTemp']);
  const from = String(ctx.command.renameCollection);
  const to = String(ctx.command.to);
  const split = (ns: string) => {
    const dot = ns.indexOf('.');
    if (dot <= 0) throw new CommandError('InvalidNamespace', `Invalid namespace specified '${ns}'`);
    return [ns.slice(0, dot), ns.slice(dot + 1)] as const;
  };
  const [fromDb, fromName] = split(from);
  const [toDb, toName] = split(to);
  validateNames(toDb, toName);
  const source = ctx.catalog.get(fromDb, fromName);
  if (!source) throw namespaceNotFound(from, 'source namespace does not exist');
  if (ctx.catalog.get(toDb, toName)) {
    if (ctx.command.dropTarget !== true) {
      throw new CommandError('NamespaceExists', 'target namespace exists');
    }
    ctx.catalog.drop(toDb, toName);
  }
  ctx.catalog.drop(fromDb, fromName);
  const moved = source.clone();
  Object.assign(moved, { db: toDb, name: toName });
  ctx.catalog.put(moved);
  return { ok: 1 };
};

export const ddlCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  renameCollection,
};
