import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { createAndPublishSession } from '../../../src/core/sessions/create.js';
import { failCommand, recordCommands, supportsFailPoints } from '../../helpers/commands.js';
import { actorOf, type CoreHarness, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { buildSessionInput, castOf, type SessionCast } from './sessions.fixtures.js';

// The database failing for real (fail points on the server, not a proxied repository): what
// the driver retries must apply once, what it cannot must leave nothing behind and tell the
// person to try again (docs/product.md#retries-and-failures). Skipped against a MONGODB_URI
// server without test commands.
let h: CoreHarness;
let cast: SessionCast;
let available = false;

beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 2);
  available = await supportsFailPoints(h.database.client, h.database.embedded);
});
afterAll(() => h.close());
beforeEach(() => h.notifier.clear());
afterEach(async () => {
  if (available) {
    await h.database.client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
  }
});

const mentee = (i: number) => cast.mentees[i] as Person;
const titled = async (title: string) =>
  (await h.deps.sessions.find({ workspaceId: cast.workspace.id, limit: 1000 })).filter(
    (s) => s.title === title,
  );
const publish = (title: string) =>
  createAndPublishSession(h.deps, {
    actor: actorOf(cast.mentor),
    input: buildSessionInput({ title, menteeIds: [mentee(0).id, mentee(1).id] }),
  });

describe("a command's transaction meets a failing database", () => {
  it('a transient error (WriteConflict) is retried by the driver and the command applies once', async () => {
    if (!available) return;
    const log = recordCommands(h.database.client);
    await failCommand(
      h.database.client,
      { times: 1 },
      { failCommands: ['insert'], errorCode: 112 },
    );
    const { session } = succeeded(await publish('Retried once'));
    log.stop();
    // The failed insert was sent again in a new transaction.
    expect(log.names().filter((name) => name === 'insert').length).toBeGreaterThanOrEqual(2);
    expect(await titled('Retried once')).toHaveLength(1);
    expect(
      h.notifier
        .ofKind('sessionInvited')
        .map((n) => n.recipient)
        .sort(),
    ).toEqual([mentee(0).id, mentee(1).id].sort());
    expect(h.scheduler.for(session.id)).toHaveLength(1);
  });

  it('a commit that fails with a retryable error is committed once by the retry', async () => {
    if (!available) return;
    await failCommand(
      h.database.client,
      { times: 1 },
      {
        failCommands: ['commitTransaction'],
        errorCode: 91, // ShutdownInProgress: RetryableWriteError
      },
    );
    succeeded(await publish('Commit retried'));
    expect(await titled('Commit retried')).toHaveLength(1);
    expect(h.notifier.ofKind('sessionInvited')).toHaveLength(2);
  });

  it('a non-transient error gives "try again" and writes nothing', async () => {
    if (!available) return;
    const scheduled = h.scheduler.calls.length;
    await failCommand(
      h.database.client,
      { times: 1 },
      {
        failCommands: ['insert'],
        errorCode: 8, // UnknownError: no label, nothing to retry
      },
    );
    const error = errorOf(await publish('Never written'), ErrorCode.TryAgain);
    expect(error.message).toMatch(/nothing was changed/);
    expect(await titled('Never written')).toEqual([]);
    expect(h.notifier.sent).toEqual([]);
    expect(h.scheduler.calls.length).toBe(scheduled);
  });
});
