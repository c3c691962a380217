import os from 'node:os';
import { type Document, Long, ObjectId, Timestamp } from 'bson';
import { CommandError } from '../errors.js';
import {
  type CommandContext,
  type CommandHandler,
  requireArray,
  type ServerInfo,
} from './context.js';

/** The MongoDB release whose wire protocol and behaviour the server follows. */
export const COMPATIBLE_VERSION = '7.0.0';
const MAX_WIRE_VERSION = 21;
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');
export const REPLICA_SET = 'rs0';

/**
 * A single-node replica-set primary: drivers then use sessions, retryable writes and
 * transactions as they would against a real replica set.
 */
export function helloReply(server: ServerInfo, connectionId: number, legacy: boolean): Document {
  const me = `${server.host}:${server.port}`;
  const now = new Date();
  const opTime = {
    ts: Timestamp.fromBits(0, Math.floor(now.getTime() / 1000)),
    t: Long.fromInt(1),
  };
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    hosts: [me],
    setName: REPLICA_SET,
    setVersion: 1,
    secondary: false,
    primary: me,
    me,
    electionId: ELECTION_ID,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const PARAMETERS: Record<string, unknown> = {
  featureCompatibilityVersion: { version: '7.0' },
  transactionLifetimeLimitSeconds: 60,
  authenticationMechanisms: [],
  maxTransactionLockRequestTimeoutMillis: 5,
};

const getParameter: CommandHandler = (ctx) => {
  const all = ctx.command.getParameter === '*';
  const reply: Document = {};
  for (const [name, value] of Object.entries(PARAMETERS)) {
    if (all || name in ctx.command) reply[name] = value;
  }
  const unknown = Object.keys(ctx.command).filter(
    (key) =>
      key !== 'getParameter' && !key.startsWith('$') && key !== 'lsid' && !(key in PARAMETERS),
  );
  if (!all && unknown.length > 0) {
    throw new CommandError('InvalidOptions', `no option found to get: ${unknown.join(', ')}`);
  }
  return { ...reply, ok: 1 };
};

export const adminCommands: Record<string, CommandHandler> = {
  hello: (ctx) => helloReply(ctx.server, ctx.connectionId, false),
  isMaster: (ctx) => helloReply(ctx.server, ctx.connectionId, true),
  ismaster: (ctx) => helloReply(ctx.server, ctx.connectionId, true),
  ping: () => ({ ok: 1 }),
  buildInfo: () => ({
    version: COMPATIBLE_VERSION,
    gitVersion: 'mentorbot-embedded',
    versionArray: [7, 0, 0, 0],
    modules: ['mentorbot-embedded-in-memory'],
    javascriptEngine: 'none',
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['inMemory'],
    ok: 1,
  }),
  buildinfo: (ctx) => adminCommands.buildInfo!(ctx),
  getParameter: (ctx) => {
    requireAdminDb(ctx);
    return getParameter(ctx);
  },
  endSessions: (ctx) => {
    for (const key of sessionKeys(ctx.command.endSessions, 'endSessions')) ctx.sessions.end(key);
    return { ok: 1 };
  },
  // mongod has these without test commands: they end open transactions (tests reset so).
  killSessions: (ctx) => {
    ctx.sessions.kill(sessionKeys(ctx.command.killSessions, 'killSessions'));
    return { ok: 1 };
  },
  killAllSessions: (ctx) => {
    const users = requireArray(ctx.command.killAllSessions, 'killAllSessions');
    if (users.length > 0) {
      throw new CommandError(
        'NotImplemented',
        'The embedded MongoDB server has no users: killAllSessions takes an empty list',
      );
    }
    ctx.sessions.kill();
    return { ok: 1 };
  },
  configureFailPoint: (ctx) => {
    if (ctx.db !== 'admin') {
      throw new CommandError(
        'Unauthorized',
        'configureFailPoint may only be run against the admin database.',
      );
    }
    return ctx.failPoints.configure(ctx.command);
  },
  connectionStatus: () => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  }),
  whatsmyuri: (ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  hostInfo: () => ({
    system: {
      currentTime: new Date(),
      hostname: os.hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(os.totalmem() / 1024 / 1024),
      numCores: os.cpus().length,
      cpuArch: os.arch(),
    },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
    ok: 1,
  }),
  getCmdLineOpts: () => ({ argv: process.argv.slice(1), parsed: { embedded: true }, ok: 1 }),
};

function requireAdminDb(ctx: CommandContext): void {
  if (ctx.db !== 'admin') {
    throw new CommandError('BadValue', 'getParameter may only be run against the admin database.');
  }
}

function sessionKeys(value: unknown, field: string): string[] {
  return requireArray(value, field)
    .map((lsid) => lsidKey(lsid))
    .filter((key): key is string => !!key);
}

/** The key a logical session is tracked under: the hex of its UUID. */
export function lsidKey(lsid: unknown): string | undefined {
  const id = (lsid as { id?: { toString(encoding: string): string } } | undefined)?.id;
  return id ? id.toString('hex') : undefined;
}
