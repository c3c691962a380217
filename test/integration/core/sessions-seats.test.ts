import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { getSessionDetails } from '../../../src/core/sessions/details.js';
import { enrol, leaveSession } from '../../../src/core/sessions/enrol.js';
import { sessionForm } from '../../../src/core/sessions/form.js';
import { inviteMentees } from '../../../src/core/sessions/invite.js';
import { mySessions } from '../../../src/core/sessions/my-sessions.js';
import { actorOf, type CoreHarness, createPerson, TEST_NOW, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { castOf, draftBy, NEXT_WEEK, publishedBy, type SessionCast } from './sessions.fixtures.js';

let h: CoreHarness;
let cast: SessionCast;
beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 8);
});
afterAll(() => h.close());

const mentee = (i: number) => cast.mentees[i] as Person;
const enrolIn = (sessionId: string, person: Person) =>
  enrol(h.deps, { actor: actorOf(person), input: { sessionId } });
const stored = async (id: string) => {
  const session = await h.deps.sessions.get(id);
  if (!session) throw new Error(`session ${id} is gone`);
  return session;
};

describe('enrolment and seats (docs/product.md#enrolment)', () => {
  it('any mentee enrols in a public session once; a second click says so', async () => {
    const { session } = await publishedBy(h, cast.mentor);
    const card = succeeded(await enrolIn(session.id, mentee(0))).session;
    expect(card.viewerRole).toBe('enrolled');
    expect(card.menteeCount).toBe(1);
    errorOf(await enrolIn(session.id, mentee(0)), ErrorCode.AlreadyDone);
    expect((await stored(session.id)).enrolledIds).toEqual([mentee(0).id]);
  });

  it('the seat limit covers invited + enrolled: the (N+1)th gets "session seats full"', async () => {
    const { session } = await publishedBy(h, cast.mentor, {
      seatLimit: 3,
      menteeIds: [mentee(0).id, mentee(1).id],
    });
    succeeded(await enrolIn(session.id, mentee(2)));
    const error = errorOf(await enrolIn(session.id, mentee(3)), ErrorCode.SeatsFull);
    expect(error.message).toMatch(/session seats full/i);
    // An invitee already holds a seat: enrolling moves them, even when no seat is free.
    const card = succeeded(await enrolIn(session.id, mentee(0))).session;
    expect(card.menteeCount).toBe(3);
    const after = await stored(session.id);
    expect(after.invitedIds).toEqual([mentee(1).id]);
    expect([...after.enrolledIds].sort()).toEqual([mentee(0).id, mentee(2).id].sort());
  });

  it('inviting more mentees than seats left invites nobody', async () => {
    const { session } = await publishedBy(h, cast.mentor, { seatLimit: 2 });
    succeeded(await enrolIn(session.id, mentee(0)));
    const error = errorOf(
      await inviteMentees(h.deps, {
        actor: actorOf(cast.mentor),
        input: { sessionId: session.id, menteeIds: [mentee(1).id, mentee(2).id] },
      }),
      ErrorCode.SeatsFull,
    );
    expect(error.fields.menteeIds).toMatch(/session seats full/i);
    expect((await stored(session.id)).invitedIds).toEqual([]);
    h.notifier.clear();
    succeeded(
      await inviteMentees(h.deps, {
        actor: actorOf(cast.mentor),
        input: { sessionId: session.id, menteeIds: [mentee(1).id] },
      }),
    );
    expect(h.notifier.ofKind('sessionInvited').map((n) => n.recipient)).toEqual([mentee(1).id]);
    errorOf(await enrolIn(session.id, mentee(3)), ErrorCode.SeatsFull);
  });

  it('an enrolled mentee can give their seat back before the start', async () => {
    const { session } = await publishedBy(h, cast.mentor, { seatLimit: 1 });
    succeeded(await enrolIn(session.id, mentee(0)));
    errorOf(await enrolIn(session.id, mentee(1)), ErrorCode.SeatsFull);
    succeeded(
      await leaveSession(h.deps, { actor: actorOf(mentee(0)), input: { sessionId: session.id } }),
    );
    succeeded(await enrolIn(session.id, mentee(1)));
  });

  it('mentors of the session do not take seats in it', async () => {
    const { session } = await publishedBy(h, cast.mentor);
    errorOf(await enrolIn(session.id, cast.mentor), ErrorCode.Forbidden);
  });

  it('enrolment closes at the start', async () => {
    const { session } = await publishedBy(h, cast.mentor);
    h.clock.set(NEXT_WEEK.start);
    try {
      errorOf(await enrolIn(session.id, mentee(0)), ErrorCode.NotEditable);
    } finally {
      h.clock.set(TEST_NOW);
    }
  });

  it('50 mentees racing for the last 3 seats: exactly 3 enrol', async () => {
    const racers: Person[] = [];
    for (let i = 0; i < 50; i++) {
      racers.push(
        await createPerson(h, cast.workspace, {
          name: `Racer ${i}`,
        }),
      );
    }
    const { session } = await publishedBy(h, cast.mentor, {
      seatLimit: 5,
      menteeIds: [mentee(0).id],
    });
    succeeded(await enrolIn(session.id, mentee(1)));
    const results = await Promise.all(racers.map((r) => enrolIn(session.id, r)));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(3);
    for (const r of results) {
      if (!r.ok) expect(r.error.code).toBe(ErrorCode.SeatsFull);
    }
    const after = await stored(session.id);
    expect(after.enrolledIds).toHaveLength(4);
    expect(after.invitedIds).toEqual([mentee(0).id]);
  });
});

describe('private sessions are invisible to the uninvited (docs/product.md#session-access)', () => {
  it('answers exactly like a missing session, and lists it only for participants', async () => {
    const { session } = await publishedBy(h, cast.manager, {
      type: 'private',
      menteeIds: [mentee(0).id],
    });
    const hidden = errorOf(
      await getSessionDetails(h.deps, {
        actor: actorOf(mentee(1)),
        input: { sessionId: session.id },
      }),
      ErrorCode.NotFound,
    );
    const missing = errorOf(
      await getSessionDetails(h.deps, { actor: actorOf(mentee(1)), input: { sessionId: 'nope' } }),
      ErrorCode.NotFound,
    );
    expect(hidden.message).toBe(missing.message);
    errorOf(await enrolIn(session.id, mentee(1)), ErrorCode.NotFound);

    const invitee = succeeded(
      await getSessionDetails(h.deps, {
        actor: actorOf(mentee(0)),
        input: { sessionId: session.id },
      }),
    );
    expect(invitee.session.viewerRole).toBe('invited');
    expect(invitee.session.actions).toContain('enrol');
    errorOf(
      await sessionForm(h.deps, {
        actor: actorOf(mentee(0)),
        input: { mode: 'edit', sessionId: session.id },
      }),
      ErrorCode.Forbidden,
    );
    succeeded(await enrolIn(session.id, mentee(0)));

    const listed = (p: Person) =>
      mySessions(h.deps, { actor: actorOf(p), input: {} }).then((r) =>
        succeeded(r).upcoming.map((c) => c.id),
      );
    expect(await listed(mentee(0))).toContain(session.id);
    expect(await listed(mentee(1))).not.toContain(session.id);
  });

  it('drafts are seen only by those who manage them, and cannot be enrolled in', async () => {
    const { session } = await draftBy(h, cast.mentor, { menteeIds: [mentee(0).id] });
    errorOf(
      await getSessionDetails(h.deps, {
        actor: actorOf(mentee(0)),
        input: { sessionId: session.id },
      }),
      ErrorCode.NotFound,
    );
    errorOf(await enrolIn(session.id, mentee(0)), ErrorCode.NotFound);
    succeeded(
      await getSessionDetails(h.deps, {
        actor: actorOf(cast.manager),
        input: { sessionId: session.id },
      }),
    );
  });
});
