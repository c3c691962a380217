import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  type Db,
  type Document,
  MongoClient,
  type MongoClientOptions,
  type ObjectId,
} from 'mongodb';
import { expect } from 'vitest';

/**
 * Test databases. With MONGODB_URI set the tests run against that server (a real MongoDB, to
 * prove the suite describes MongoDB and not our embedded server); otherwise each test file
 * starts one embedded server and shares it between its tests.
 */

export interface TestMongo {
  uri: string;
  /** True when the server is the embedded one (not MONGODB_URI). */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  uri: string;
  embedded: boolean;
  /** Drops the database (on a shared server) and closes the client / stops the server. */
  close(): Promise<void>;
}

// Vitest runs every test file in its own module graph, so this state is per file.
let embedded: { uri: string; stop(): Promise<void> } | undefined;
let embeddedStarting: Promise<{ uri: string; stop(): Promise<void> }> | undefined;
let embeddedUsers = 0;

const DB_NAME_MAX = 38;

export function externalMongoUri(): string | undefined {
  const uri = process.env.MONGODB_URI;
  return uri && uri.trim() !== '' ? uri.trim() : undefined;
}

/** A bare server URI: the embedded server (shared within the file) or MONGODB_URI. */
export async function startTestMongo(): Promise<TestMongo> {
  const external = externalMongoUri();
  if (external) {
    return { uri: external, embedded: false, stop: async () => {} };
  }
  embeddedUsers += 1;
  if (!embedded) {
    embeddedStarting ??= (async () => {
      // Imported lazily so that runs against MONGODB_URI never load the embedded server.
      const { startEmbeddedMongo } = await import('../src/index.js');
      return startEmbeddedMongo({ enableTestCommands: true });
    })();
    try {
      embedded = await embeddedStarting;
    } catch (error) {
      embeddedUsers -= 1;
      embeddedStarting = undefined;
      throw error;
    }
  }
  const server = embedded;
  let stopped = false;
  return {
    uri: server.uri,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      embeddedUsers -= 1;
      if (embeddedUsers === 0 && embedded === server) {
        embedded = undefined;
        embeddedStarting = undefined;
        await server.stop();
      }
    },
  };
}

/** `<test file name>_<random>`, at most 38 characters, safe as a MongoDB database name. */
export function testDatabaseName(base?: string): string {
  const testPath = expect.getState().testPath;
  const raw = base ?? (testPath ? path.basename(testPath).replace(/\.test\.[cm]?[jt]s$/, '') : 't');
  const suffix = randomBytes(5).toString('hex');
  const safe = raw.replace(/[^A-Za-z0-9_-]/g, '_') || 't';
  return `${safe.slice(0, DB_NAME_MAX - suffix.length - 1)}_${suffix}`;
}

export function clientOptions(overrides: MongoClientOptions = {}): MongoClientOptions {
  return { serverSelectionTimeoutMS: 5_000, monitorCommands: true, ...overrides };
}

export async function useTestDatabase(name?: string): Promise<TestDatabase> {
  const server = await startTestMongo();
  const client = new MongoClient(server.uri, clientOptions());
  try {
    await client.connect();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const db = client.db(testDatabaseName(name));
  let closed = false;
  return {
    client,
    db,
    uri: server.uri,
    embedded: server.embedded,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        // On a shared real server the database must not outlive the test file.
        if (!server.embedded) await db.dropDatabase();
      } finally {
        await client.close();
        await server.stop();
      }
    },
  };
}

/**
 * A schemaless document whose `_id` may be of any BSON type. The driver's `Document` makes
 * `_id` an ObjectId in insert signatures; conformance tests use numbers and strings too.
 */
export interface AnyDoc extends Document {
  _id?: string | number | boolean | null | ObjectId | Document;
}
