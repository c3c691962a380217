import {
  type ClientSession,
  type Collection,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type Document,
  MongoClient,
  MongoServerError,
} from 'mongodb';
import { type MatchContext, Mismatch, match, Unsupported } from './match.js';

/**
 * A small runner for MongoDB's unified test format (specifications repository,
 * source/unified-test-format): entities, initial data, operations with their expected
 * results and errors, command events and the collections' final contents. What it does not
 * implement makes the test "skipped" with the reason, never "passed".
 */
export type Verdict =
  | { status: 'pass' }
  | { status: 'fail'; reason: string }
  | { status: 'skip'; reason: string };

export interface ServerFacts {
  version: number[];
  topology: 'replicaset' | 'single' | 'sharded';
}

type Event =
  | { type: 'commandStartedEvent'; e: CommandStartedEvent }
  | { type: 'commandSucceededEvent'; e: CommandSucceededEvent }
  | { type: 'commandFailedEvent'; e: CommandFailedEvent };

interface ClientEntity {
  client: MongoClient;
  events: Event[];
}

const SENSITIVE = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'saslStart',
  'saslContinue',
  'getnonce',
  'authenticate',
  'createUser',
  'updateUser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
  // Run by the runner for a test, never part of what a test expects.
  'configureFailPoint',
]);

function versionOf(v: string): number[] {
  return v.split('.').map((n) => Number(n));
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether one of the requirement sets holds for this server; the reason when none does. */
export function unmetRequirements(
  reqs: Document[] | undefined,
  server: ServerFacts,
): string | undefined {
  if (!reqs || reqs.length === 0) return undefined;
  const reasons: string[] = [];
  for (const req of reqs) {
    const why: string[] = [];
    if (
      req.minServerVersion &&
      compareVersions(server.version, versionOf(req.minServerVersion)) < 0
    ) {
      why.push(`needs server >= ${req.minServerVersion}`);
    }
    if (
      req.maxServerVersion &&
      compareVersions(server.version, versionOf(req.maxServerVersion)) > 0
    ) {
      why.push(`needs server <= ${req.maxServerVersion}`);
    }
    if (req.topologies && !req.topologies.includes(server.topology)) {
      why.push(`needs topology ${req.topologies.join('|')}`);
    }
    if (req.serverless === 'require') why.push('needs serverless');
    if (req.auth === true) why.push('needs auth');
    if (req.csfle) why.push('needs CSFLE');
    if (req.serverParameters) why.push('needs server parameters');
    if (why.length === 0) return undefined;
    reasons.push(why.join(', '));
  }
  return reasons.join(' / ');
}

const TRANSACTION_STATES: Record<string, string> = {
  NO_TRANSACTION: 'none',
  STARTING_TRANSACTION: 'starting',
  TRANSACTION_IN_PROGRESS: 'in_progress',
  TRANSACTION_COMMITTED: 'committed',
  TRANSACTION_COMMITTED_EMPTY: 'committed',
  TRANSACTION_ABORTED: 'aborted',
};

/**
 * Differences of the Node.js driver from what the specification expects of a driver: a
 * test failing only because of one of these says nothing about the server, so it counts
 * as skipped with this reason (the same test fails against a real mongod with this driver).
 */
const DRIVER_DIFFERENCES: Array<[RegExp, string]> = [
  [
    /\.writeConcern: unexpected fields wtimeout/,
    'the Node.js driver adds wtimeout to commit and abort write concerns',
  ],
  [
    /\.bypassDocumentValidation: missing \(expected false\)/,
    'the Node.js driver does not send bypassDocumentValidation: false',
  ],
  [/create-null-ids|_id with type null/, 'the Node.js driver replaces a null _id with an ObjectId'],
];

function driverDifference(test: Document, reason: string): string | undefined {
  const text = `${test.description}\n${reason}`;
  return DRIVER_DIFFERENCES.find(([pattern]) => pattern.test(text))?.[1];
}

export class UnifiedRunner {
  private entities = new Map<string, unknown>();
  private clients = new Map<string, ClientEntity>();
  private failPoints: Array<{ client: MongoClient; name: string }> = [];

  constructor(
    private readonly uri: string,
    /** The runner's own client: setup, outcome, fail points off, killAllSessions. */
    private readonly internal: MongoClient,
    private readonly server: ServerFacts,
  ) {}

  async runTest(file: Document, test: Document): Promise<Verdict> {
    const unmet =
      unmetRequirements(file.runOnRequirements, this.server) ??
      unmetRequirements(test.runOnRequirements, this.server);
    if (unmet) return { status: 'skip', reason: unmet };
    if (test.skipReason) return { status: 'skip', reason: String(test.skipReason) };
    try {
      await this.internal
        .db('admin')
        .command({ killAllSessions: [] })
        .catch(() => {});
      await this.createEntities(file.createEntities ?? []);
      await this.loadInitialData(file.initialData ?? []);
      for (const operation of test.operations ?? []) await this.operation(operation);
      for (const expected of test.expectEvents ?? []) this.checkEvents(expected);
      for (const outcome of test.outcome ?? []) await this.checkOutcome(outcome);
      return { status: 'pass' };
    } catch (err) {
      if (err instanceof Unsupported) return { status: 'skip', reason: err.message };
      const reason = err instanceof Error ? err.message : String(err);
      const driver = driverDifference(test, reason);
      if (driver) return { status: 'skip', reason: `${driver} (${reason})` };
      return { status: 'fail', reason };
    } finally {
      await this.cleanUp();
    }
  }

  private async cleanUp(): Promise<void> {
    for (const { client, name } of this.failPoints.splice(0)) {
      await client
        .db('admin')
        .command({ configureFailPoint: name, mode: 'off' })
        .catch(() => {});
    }
    for (const value of this.entities.values()) {
      if (isSession(value)) await value.endSession().catch(() => {});
    }
    for (const { client } of this.clients.values()) await client.close().catch(() => {});
    this.entities.clear();
    this.clients.clear();
  }

  private async createEntities(list: Document[]): Promise<void> {
    for (const item of list) {
      const [kind, spec] = Object.entries(item)[0] as [string, Document];
      if (kind === 'client') await this.createClient(spec);
      else if (kind === 'database') {
        const client = this.entity<MongoClient>(spec.client);
        this.entities.set(spec.id, client.db(spec.databaseName, spec.databaseOptions));
      } else if (kind === 'collection') {
        const db = this.entity<Db>(spec.database);
        this.entities.set(spec.id, db.collection(spec.collectionName, spec.collectionOptions));
      } else if (kind === 'session') {
        const client = this.entity<MongoClient>(spec.client);
        this.entities.set(spec.id, client.startSession(spec.sessionOptions ?? {}));
      } else {
        throw new Unsupported(`entity ${kind}`);
      }
    }
  }

  private async createClient(spec: Document): Promise<void> {
    if (spec.serverApi) throw new Unsupported('serverApi');
    const url = new URL(this.uri);
    for (const [key, value] of Object.entries(spec.uriOptions ?? {})) {
      if (typeof value === 'object') throw new Unsupported(`uriOption ${key}`);
      url.searchParams.set(key, String(value));
    }
    const client = new MongoClient(url.toString(), {
      monitorCommands: true,
      serverSelectionTimeoutMS: 5_000,
    });
    const events: Event[] = [];
    const observe = new Set<string>(spec.observeEvents ?? []);
    const ignore = new Set<string>(spec.ignoreCommandMonitoringEvents ?? []);
    const keep = (name: string) =>
      !ignore.has(name) && (spec.observeSensitiveCommands === true || !SENSITIVE.has(name));
    for (const type of [
      'commandStartedEvent',
      'commandSucceededEvent',
      'commandFailedEvent',
    ] as const) {
      if (!observe.has(type)) continue;
      const driverName = type.replace('Event', '') as 'commandStarted';
      client.on(driverName, (e: CommandStartedEvent) => {
        if (keep(e.commandName)) events.push({ type, e } as Event);
      });
    }
    for (const type of observe) {
      if (!type.startsWith('command')) throw new Unsupported(`observing ${type}`);
    }
    await client.connect();
    this.entities.set(spec.id, client);
    this.clients.set(spec.id, { client, events });
  }

  private async loadInitialData(list: Document[]): Promise<void> {
    for (const data of list) {
      const db = this.internal.db(data.databaseName);
      await db
        .dropCollection(data.collectionName, { writeConcern: { w: 'majority' } })
        .catch(() => {});
      await db.createCollection(data.collectionName, {
        ...(data.createOptions ?? {}),
        writeConcern: { w: 'majority' },
      });
      if (data.documents?.length > 0) {
        await db
          .collection(data.collectionName)
          .insertMany(data.documents, { writeConcern: { w: 'majority' } });
      }
    }
  }

  private entity<T>(id: string): T {
    if (!this.entities.has(id)) throw new Error(`no entity ${id}`);
    return this.entities.get(id) as T;
  }

  private get matchContext(): MatchContext {
    return {
      entity: (id) => this.entity(id),
      lsidOf: (id) => this.entity<ClientSession>(id).id,
    };
  }

  private async operation(op: Document): Promise<void> {
    let result: unknown;
    let error: unknown;
    try {
      result = await this.perform(op);
    } catch (err) {
      if (err instanceof Unsupported || err instanceof Mismatch) throw err;
      error = err;
    }
    if (op.ignoreResultAndError) return;
    if (op.expectError) {
      if (error === undefined) {
        throw new Mismatch(
          `${op.name}: expected an error, got ${JSON.stringify(result)?.slice(0, 200)}`,
        );
      }
      this.checkError(op.name, op.expectError, error);
      return;
    }
    if (error !== undefined) {
      throw new Mismatch(`${op.name}: unexpected error ${(error as Error).message}`);
    }
    if (op.expectResult !== undefined) {
      try {
        match(op.expectResult, result, this.matchContext);
      } catch (err) {
        if (err instanceof Mismatch) throw new Mismatch(`${op.name} result ${err.message}`);
        throw err;
      }
    }
    if (op.saveResultAsEntity) this.entities.set(op.saveResultAsEntity, result);
  }

  private checkError(name: string, expected: Document, error: unknown): void {
    const e = error as MongoServerError & { errorResponse?: Document };
    const server = error instanceof MongoServerError || e.name === 'MongoBulkWriteError';
    const problems: string[] = [];
    if (expected.isClientError === true && server) problems.push('expected a client error');
    if (expected.isClientError === false && !server) {
      problems.push(`expected a server error, got ${e.name}`);
    }
    if (expected.isTimeoutError) throw new Unsupported('isTimeoutError');
    if (
      expected.errorContains &&
      !String(e.message).toLowerCase().includes(String(expected.errorContains).toLowerCase())
    ) {
      problems.push(`message "${e.message}" lacks "${expected.errorContains}"`);
    }
    if (expected.errorCode !== undefined && e.code !== expected.errorCode) {
      problems.push(`code ${e.code}, expected ${expected.errorCode}`);
    }
    if (expected.errorCodeName !== undefined && e.codeName !== expected.errorCodeName) {
      problems.push(`codeName ${e.codeName}, expected ${expected.errorCodeName}`);
    }
    for (const label of expected.errorLabelsContain ?? []) {
      if (!e.hasErrorLabel?.(label)) problems.push(`label ${label} missing`);
    }
    for (const label of expected.errorLabelsOmit ?? []) {
      if (e.hasErrorLabel?.(label)) problems.push(`label ${label} present`);
    }
    if (expected.expectResult !== undefined) throw new Unsupported('expectError.expectResult');
    if (expected.errorResponse !== undefined) {
      match(expected.errorResponse, e.errorResponse ?? e, this.matchContext);
    }
    if (problems.length > 0) {
      throw new Mismatch(`${name} error (${e.name}: ${e.message}): ${problems.join('; ')}`);
    }
  }

  private async perform(op: Document): Promise<unknown> {
    const args: Document = { ...(op.arguments ?? {}) };
    if (typeof args.session === 'string') args.session = this.entity<ClientSession>(args.session);
    if (op.object === 'testRunner') return this.testRunnerOperation(op.name, args);
    const target = this.entity<unknown>(op.object);
    if (target instanceof MongoClient) return this.clientOperation(target, op.name, args);
    if (isSession(target)) return this.sessionOperation(target, op.name, args);
    if (isCollection(target)) return this.collectionOperation(target, op.name, args);
    if (isDb(target)) return this.databaseOperation(target, op.name, args);
    throw new Unsupported(`operation ${op.name} on ${op.object}`);
  }

  private async testRunnerOperation(name: string, args: Document): Promise<unknown> {
    switch (name) {
      case 'failPoint':
      case 'targetedFailPoint': {
        const client = name === 'failPoint' ? this.entity<MongoClient>(args.client) : this.internal;
        await client.db('admin').command(args.failPoint);
        this.failPoints.push({ client: this.internal, name: args.failPoint.configureFailPoint });
        return undefined;
      }
      case 'assertSessionTransactionState': {
        const state = (args.session as ClientSession & { transaction: { state: string } })
          .transaction.state;
        const actual = TRANSACTION_STATES[state] ?? state;
        if (actual !== args.state)
          throw new Mismatch(`transaction state ${actual}, expected ${args.state}`);
        return undefined;
      }
      case 'assertSessionUnpinned':
        return undefined; // a replica set never pins
      case 'assertSessionPinned':
        throw new Unsupported('mongos pinning');
      case 'assertSessionDirty':
      case 'assertSessionNotDirty': {
        const dirty =
          (args.session as ClientSession & { serverSession?: { isDirty?: boolean } }).serverSession
            ?.isDirty === true;
        if (dirty !== (name === 'assertSessionDirty')) {
          throw new Mismatch(`session is ${dirty ? '' : 'not '}dirty`);
        }
        return undefined;
      }
      case 'assertDifferentLsidOnLastTwoCommands':
      case 'assertSameLsidOnLastTwoCommands': {
        const started = (this.clients.get(args.client)?.events ?? []).filter(
          (e) => e.type === 'commandStartedEvent',
        );
        const [a, b] = started.slice(-2).map((e) => (e.e as CommandStartedEvent).command.lsid);
        const same = a?.id?.toString('hex') === b?.id?.toString('hex');
        if (same !== (name === 'assertSameLsidOnLastTwoCommands')) {
          throw new Mismatch(
            `lsids of the last two commands are ${same ? 'the same' : 'different'}`,
          );
        }
        return undefined;
      }
      case 'assertCollectionExists':
      case 'assertCollectionNotExists': {
        const names = await this.internal
          .db(args.databaseName)
          .listCollections({ name: args.collectionName }, { nameOnly: true })
          .toArray();
        if (names.length > 0 !== (name === 'assertCollectionExists')) {
          throw new Mismatch(`${name} ${args.databaseName}.${args.collectionName}`);
        }
        return undefined;
      }
      case 'assertIndexExists':
      case 'assertIndexNotExists': {
        const indexes = await this.internal
          .db(args.databaseName)
          .collection(args.collectionName)
          .listIndexes()
          .toArray()
          .catch(() => []);
        if (indexes.some((i) => i.name === args.indexName) !== (name === 'assertIndexExists')) {
          throw new Mismatch(`${name} ${args.indexName}`);
        }
        return undefined;
      }
      default:
        throw new Unsupported(`testRunner operation ${name}`);
    }
  }

  private async clientOperation(client: MongoClient, name: string, args: Document) {
    switch (name) {
      case 'listDatabases':
        return (await client.db('admin').admin().listDatabases(args)).databases;
      case 'listDatabaseNames':
        return (await client.db('admin').admin().listDatabases(args)).databases.map((d) => d.name);
      default:
        throw new Unsupported(`client operation ${name}`);
    }
  }

  private async sessionOperation(session: ClientSession, name: string, args: Document) {
    switch (name) {
      case 'startTransaction':
        return session.startTransaction(args.options ?? args);
      case 'commitTransaction':
        return session.commitTransaction();
      case 'abortTransaction':
        return session.abortTransaction();
      case 'endSession':
        return session.endSession();
      case 'withTransaction':
        return session.withTransaction(async () => {
          for (const op of args.callback ?? []) await this.operation(op);
        }, args.options);
      default:
        throw new Unsupported(`session operation ${name}`);
    }
  }

  private async databaseOperation(db: Db, name: string, args: Document) {
    const { session, ...rest } = args;
    const opts = session ? { session } : {};
    switch (name) {
      case 'runCommand':
        return db.command(rest.command, {
          ...opts,
          ...(rest.readPreference ? { readPreference: rest.readPreference } : {}),
        });
      case 'createCollection': {
        const { collection, ...options } = rest;
        await db.createCollection(collection, { ...options, ...opts });
        return undefined;
      }
      case 'dropCollection':
        return db.dropCollection(rest.collection, opts);
      case 'listCollections':
        return db.listCollections(rest.filter ?? {}, { ...rest, ...opts }).toArray();
      case 'listCollectionNames':
        return (
          await db.listCollections(rest.filter ?? {}, { ...opts, nameOnly: true }).toArray()
        ).map((c) => c.name);
      case 'aggregate':
        return db.aggregate(rest.pipeline, { ...rest, ...opts }).toArray();
      default:
        throw new Unsupported(`database operation ${name}`);
    }
  }

  private async collectionOperation(c: Collection, name: string, args: Document) {
    const { filter, update, replacement, document, documents, pipeline, ...options } = args;
    if (typeof options.returnDocument === 'string') {
      options.returnDocument = options.returnDocument.toLowerCase();
    }
    switch (name) {
      case 'insertOne':
        return c.insertOne(document, options);
      case 'insertMany':
        return c.insertMany(documents, options);
      case 'deleteOne':
        return c.deleteOne(filter, options);
      case 'deleteMany':
        return c.deleteMany(filter, options);
      case 'updateOne':
        return c.updateOne(filter, update, options);
      case 'updateMany':
        return c.updateMany(filter, update, options);
      case 'replaceOne':
        return c.replaceOne(filter, replacement, options);
      case 'find':
        return c.find(filter ?? {}, options).toArray();
      case 'findOne':
        return c.findOne(filter ?? {}, options);
      case 'aggregate':
        return c.aggregate(pipeline, options).toArray();
      case 'countDocuments':
        return c.countDocuments(filter, options);
      case 'estimatedDocumentCount':
        return c.estimatedDocumentCount(options);
      case 'distinct': {
        const { fieldName, ...rest } = options;
        return c.distinct(fieldName, filter, rest);
      }
      case 'findOneAndUpdate':
        return c.findOneAndUpdate(filter, update, options);
      case 'findOneAndReplace':
        return c.findOneAndReplace(filter, replacement, options);
      case 'findOneAndDelete':
        return c.findOneAndDelete(filter, options);
      case 'bulkWrite': {
        const { requests, ...rest } = options;
        return c.bulkWrite(requests, rest);
      }
      case 'createIndex': {
        const { keys, ...rest } = options;
        return c.createIndex(keys, rest);
      }
      case 'dropIndex':
        return c.dropIndex(options.name, options);
      case 'listIndexes':
        return c.listIndexes(options).toArray();
      case 'drop':
        return c.drop(options);
      default:
        throw new Unsupported(`collection operation ${name}`);
    }
  }

  private checkEvents(expected: Document): void {
    if (expected.eventType && expected.eventType !== 'command') {
      throw new Unsupported(`${expected.eventType} events`);
    }
    const actual = this.clients.get(expected.client)?.events ?? [];
    const want = expected.events as Document[];
    const got = expected.ignoreExtraEvents ? actual.slice(0, want.length) : actual;
    const names = got.map((e) => `${e.type}:${e.e.commandName}`).join(', ');
    if (got.length !== want.length) {
      throw new Mismatch(`expected ${want.length} events, got ${actual.length}: ${names}`);
    }
    want.forEach((w, i) => {
      const [type, spec] = Object.entries(w)[0] as [string, Document];
      const event = got[i] as Event;
      const where = `event ${i} (${event.type} ${event.e.commandName})`;
      if (type !== event.type) throw new Mismatch(`${where}: expected ${type}; events: ${names}`);
      if (spec.commandName && spec.commandName !== event.e.commandName) {
        throw new Mismatch(`${where}: expected command ${spec.commandName}`);
      }
      if (spec.hasServiceId !== undefined || spec.hasServerConnectionId !== undefined) {
        throw new Unsupported('service and connection ids in events');
      }
      try {
        if (type === 'commandStartedEvent') {
          const e = event.e as CommandStartedEvent;
          if (spec.databaseName && spec.databaseName !== e.databaseName) {
            throw new Mismatch(`database ${e.databaseName}, expected ${spec.databaseName}`);
          }
          if (spec.command) match(spec.command, e.command, this.matchContext);
        } else if (type === 'commandSucceededEvent' && spec.reply) {
          match(spec.reply, (event.e as CommandSucceededEvent).reply, this.matchContext);
        }
      } catch (err) {
        if (err instanceof Mismatch) throw new Mismatch(`${where}: ${err.message}`);
        throw err;
      }
    });
  }

  private async checkOutcome(outcome: Document): Promise<void> {
    const docs = await this.internal
      .db(outcome.databaseName)
      .collection(outcome.collectionName)
      .find({}, { sort: { _id: 1 }, readConcern: { level: 'local' } })
      .toArray();
    try {
      match(outcome.documents, docs, this.matchContext, '', false);
    } catch (err) {
      if (err instanceof Mismatch) {
        throw new Mismatch(`outcome ${outcome.collectionName}: ${err.message}`);
      }
      throw err;
    }
  }
}

const isSession = (v: unknown): v is ClientSession =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ClientSession).startTransaction === 'function';
const isCollection = (v: unknown): v is Collection =>
  typeof v === 'object' && v !== null && typeof (v as Collection).insertOne === 'function';
const isDb = (v: unknown): v is Db =>
  typeof v === 'object' && v !== null && typeof (v as Db).collection === 'function';
