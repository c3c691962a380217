import type {
  CommandStartedEvent,
  CommandSucceededEvent,
  Db,
  Document,
  MongoClient,
} from 'mongodb';
import { MongoServerError } from 'mongodb';
import { expect } from 'vitest';

/**
 * Records the commands the driver sends (the client must be created with
 * `monitorCommands: true`, as `useTestDatabase` does) so that tests can assert on the wire
 * conversation: that a getMore or killCursors really happened, what a reply contained.
 */
export interface CommandLog {
  started: CommandStartedEvent[];
  succeeded: CommandSucceededEvent[];
  names(): string[];
  stop(): void;
}

const HANDSHAKE = new Set(['hello', 'isMaster', 'ismaster', 'endSessions']);

export function recordCommands(client: MongoClient): CommandLog {
  const started: CommandStartedEvent[] = [];
  const succeeded: CommandSucceededEvent[] = [];
  const onStarted = (event: CommandStartedEvent) => {
    if (!HANDSHAKE.has(event.commandName)) started.push(event);
  };
  const onSucceeded = (event: CommandSucceededEvent) => {
    if (!HANDSHAKE.has(event.commandName)) succeeded.push(event);
  };
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  return {
    started,
    succeeded,
    names: () => started.map((event) => event.commandName),
    stop: () => {
      client.off('commandStarted', onStarted);
      client.off('commandSucceeded', onSucceeded);
    },
  };
}

/** Awaits a rejection and checks it is a server error with the given code / message parts. */
export async function expectServerError(
  promise: Promise<unknown>,
  expected: { code?: number; codeName?: string; messageIncludes?: string[] },
): Promise<MongoServerError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the server to reject the operation').toBeInstanceOf(MongoServerError);
  const error = caught as MongoServerError;
  const actual = `server said: ${error.code} ${error.codeName ?? ''} "${error.message}"`;
  if (expected.code !== undefined) expect(error.code, actual).toBe(expected.code);
  if (expected.codeName !== undefined) expect(error.codeName, actual).toBe(expected.codeName);
  for (const part of expected.messageIncludes ?? []) expect(error.message).toContain(part);
  return error;
}

/**
 * Transactions and retryable writes exist only on replica sets and mongos. The embedded server
 * must support them; a standalone real server (MONGODB_URI) legitimately does not.
 */
export async function supportsTransactions(db: Db): Promise<boolean> {
  const hello: Document = await db.admin().command({ hello: 1 });
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

/**
 * Fail points (`configureFailPoint`) exist only on a server started with test commands
 * enabled: the embedded server of the test harness always is; a real MONGODB_URI server
 * may not be (then the tests that need them are skipped). Turns `failCommand` off.
 */
export async function supportsFailPoints(client: MongoClient, embedded: boolean): Promise<boolean> {
  try {
    await client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
    return true;
  } catch (error) {
    if (embedded) throw error;
    return false;
  }
}

/** Sets `failCommand` for the test; returns the command that turns it off again. */
export async function failCommand(
  client: MongoClient,
  mode: 'alwaysOn' | { times: number } | { skip: number },
  data: Document,
): Promise<() => Promise<void>> {
  await client.db('admin').command({ configureFailPoint: 'failCommand', mode, data });
  return async () => {
    await client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
  };
}
