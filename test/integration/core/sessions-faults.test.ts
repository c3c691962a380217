import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, InfrastructureError } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { requestSession } from '../../../src/core/requests/request-session.js';
import { createAndPublishSession, createSession } from '../../../src/core/sessions/create.js';
import { enrol } from '../../../src/core/sessions/enrol.js';
import { publishSession } from '../../../src/core/sessions/publish.js';
import type { CoreDeps } from '../../../src/core/usecase.js';
import { actorOf, type CoreHarness, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { buildSessionInput, castOf, publishedBy, type SessionCast } from './sessions.fixtures.js';

let h: CoreHarness;
let cast: SessionCast;
beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 3);
});
afterAll(() => h.close());
beforeEach(() => h.notifier.clear());

const mentee = (i: number) => cast.mentees[i] as Person;

const sessionsTitled = async (title: string) =>
  (await h.deps.sessions.find({ workspaceId: cast.workspace.id, limit: 1000 })).filter(
    (s) => s.title === title,
  );

/**
 * `real` with `method` doing its work and then failing, as when the connection drops after
 * the server applied a write: the command's transaction must undo that write and the rest.
 */
function failingAfter<T extends object>(real: T, method: keyof T): T {
  return new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        await value.apply(target, args);
        throw new InfrastructureError('connection to the database lost');
      };
    },
  });
}

describe('a repeated command with the same idempotency key changes nothing (docs/product.md#retries-and-failures)', () => {
  it('create-and-publish twice: one session, one round of notifications and jobs', async () => {
    const request = {
      actor: actorOf(cast.mentor),
      input: buildSessionInput({ title: 'Only once', menteeIds: [mentee(0).id] }),
      idempotencyKey: 'slack-retry-create-1',
    };
    const first = succeeded(await createAndPublishSession(h.deps, request));
    const second = succeeded(await createAndPublishSession(h.deps, request));
    expect(second.session.id).toBe(first.session.id);
    expect(await sessionsTitled('Only once')).toHaveLength(1);
    expect(h.notifier.ofKind('sessionInvited')).toHaveLength(1);
    expect(h.scheduler.for(first.session.id)).toHaveLength(1);
  });

  it('enrol twice: the second answers like the first instead of "already enrolled"', async () => {
    const { session } = await publishedBy(h, cast.mentor);
    const request = {
      actor: actorOf(mentee(1)),
      input: { sessionId: session.id },
      idempotencyKey: 'double-click-enrol',
    };
    const first = succeeded(await enrol(h.deps, request));
    const second = succeeded(await enrol(h.deps, request));
    expect(second).toEqual(first);
    expect((await h.deps.sessions.get(session.id))?.enrolledIds).toEqual([mentee(1).id]);
    // Without the key, the same click is a second command and is told it was done.
    errorOf(await enrol(h.deps, { ...request, idempotencyKey: undefined }), ErrorCode.AlreadyDone);
  });

  it('publish twice: invitees are told once', async () => {
    const draft = succeeded(
      await createSession(h.deps, {
        actor: actorOf(cast.mentor),
        input: buildSessionInput({ menteeIds: [mentee(2).id] }),
      }),
    );
    const request = {
      actor: actorOf(cast.mentor),
      input: { sessionId: draft.session.id },
      idempotencyKey: 'publish-retry',
    };
    succeeded(await publishSession(h.deps, request));
    succeeded(await publishSession(h.deps, request));
    expect(h.notifier.ofKind('sessionInvited')).toHaveLength(1);
    expect(h.scheduler.for(draft.session.id)).toHaveLength(1);
  });
});

describe('a database failure mid-command leaves nothing half-written (docs/product.md#retries-and-failures)', () => {
  it('a failing write after the draft was inserted: no session, no messages, "try again"', async () => {
    const deps: CoreDeps = { ...h.deps, sessions: failingAfter(h.deps.sessions, 'update') };
    const scheduled = h.scheduler.calls.length;
    const error = errorOf(
      await createAndPublishSession(deps, {
        actor: actorOf(cast.mentor),
        input: buildSessionInput({ title: 'Half written', menteeIds: [mentee(0).id] }),
      }),
      ErrorCode.TryAgain,
    );
    expect(error.message).toMatch(/nothing was changed/);
    expect(await sessionsTitled('Half written')).toEqual([]);
    expect(h.notifier.sent).toEqual([]);
    expect(h.scheduler.calls.length).toBe(scheduled);
  });

  it('a failure after the request was marked scheduled undoes the publish and the request', async () => {
    const asked = succeeded(
      await requestSession(h.deps, {
        actor: actorOf(mentee(2)),
        input: { mentorId: cast.mentor.id },
      }),
    );
    const draft = succeeded(
      await createSession(h.deps, {
        actor: actorOf(cast.mentor),
        input: buildSessionInput({ requestId: asked.request.id }),
      }),
    );
    h.notifier.clear();
    const deps: CoreDeps = { ...h.deps, requests: failingAfter(h.deps.requests, 'transition') };
    errorOf(
      await publishSession(deps, {
        actor: actorOf(cast.mentor),
        input: { sessionId: draft.session.id },
      }),
      ErrorCode.TryAgain,
    );
    expect((await h.deps.sessions.get(draft.session.id))?.status).toBe('draft');
    expect((await h.deps.requests.get(asked.request.id))?.status).toBe('pending');
    expect(h.notifier.sent).toEqual([]);
    expect(h.scheduler.for(draft.session.id)).toEqual([]);

    // With the database back, the same command goes through.
    succeeded(
      await publishSession(h.deps, {
        actor: actorOf(cast.mentor),
        input: { sessionId: draft.session.id },
      }),
    );
    expect((await h.deps.requests.get(asked.request.id))?.status).toBe('scheduled');
  });

  it('a failing enrolment write leaves the seat free', async () => {
    const { session } = await publishedBy(h, cast.mentor, { seatLimit: 1 });
    const deps: CoreDeps = { ...h.deps, sessions: failingAfter(h.deps.sessions, 'enrol') };
    errorOf(
      await enrol(deps, { actor: actorOf(mentee(0)), input: { sessionId: session.id } }),
      ErrorCode.TryAgain,
    );
    expect((await h.deps.sessions.get(session.id))?.enrolledIds).toEqual([]);
    succeeded(await enrol(h.deps, { actor: actorOf(mentee(1)), input: { sessionId: session.id } }));
  });
});
