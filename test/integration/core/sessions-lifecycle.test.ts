import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { requestSession } from '../../../src/core/requests/request-session.js';
import { cloneSession } from '../../../src/core/sessions/clone.js';
import { createAndPublishSession, createSession } from '../../../src/core/sessions/create.js';
import { deleteSession } from '../../../src/core/sessions/delete.js';
import { getSessionDetails } from '../../../src/core/sessions/details.js';
import { editSessionDetails } from '../../../src/core/sessions/edit.js';
import { editMeeting } from '../../../src/core/sessions/edit-meeting.js';
import { enrol } from '../../../src/core/sessions/enrol.js';
import { publishSession } from '../../../src/core/sessions/publish.js';
import { actorOf, type CoreHarness, TEST_NOW, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import {
  buildSessionInput,
  castOf,
  draftBy,
  NEXT_WEEK,
  publishedBy,
  type SessionCast,
} from './sessions.fixtures.js';

let h: CoreHarness;
let cast: SessionCast;
beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 4, { config: { reminderOffsetsMinutes: [1440, 15] } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.clock.set(TEST_NOW);
  h.notifier.clear();
});

const mentee = (i: number) => cast.mentees[i] as Person;
const as = (person: Person, input: unknown) => ({ actor: actorOf(person), input });
const stored = async (id: string) => {
  const session = await h.deps.sessions.get(id);
  if (!session) throw new Error(`session ${id} is gone`);
  return session;
};
const zoom = {
  platform: 'zoom',
  url: 'https://acme.zoom.us/j/123456789',
  meetingId: '123456789',
  passcode: 'pass',
} as const;

describe('publishing (docs/product.md#lifecycle)', () => {
  it('a draft tells nobody; publishing tells the invitees and schedules the jobs', async () => {
    const { session } = await draftBy(h, cast.mentor, { menteeIds: [mentee(0).id, mentee(1).id] });
    expect(session.status).toBe('draft');
    expect(h.notifier.sent).toEqual([]);
    expect(h.scheduler.for(session.id)).toEqual([]);

    const published = succeeded(
      await publishSession(h.deps, as(cast.mentor, { sessionId: session.id })),
    );
    expect(published.session.status).toBe('published');
    expect(published.session.meetingPlatform).toBe('bigbluebutton');
    const invited = h.notifier.ofKind('sessionInvited');
    expect(invited.map((n) => n.recipient).sort()).toEqual([mentee(0).id, mentee(1).id].sort());
    expect(invited[0]?.by).toEqual({ id: cast.mentor.id, name: cast.mentor.displayName });
    expect(invited[0]?.session.viewerRole).toBe('invited');
    expect(h.scheduler.for(session.id)).toEqual([
      {
        type: 'scheduled',
        sessionId: session.id,
        startsAt: new Date(NEXT_WEEK.start),
        endsAt: new Date(NEXT_WEEK.end),
        offsets: [1440, 15],
      },
    ]);
    errorOf(
      await publishSession(h.deps, as(cast.mentor, { sessionId: session.id })),
      ErrorCode.AlreadyDone,
    );
  });

  it('only managers of the session publish it', async () => {
    const { session } = await draftBy(h, cast.mentor);
    errorOf(
      await publishSession(h.deps, as(cast.otherMentor, { sessionId: session.id })),
      ErrorCode.NotFound,
    );
    succeeded(
      await publishSession(h.deps, as(cast.manager, { sessionId: session.id, meeting: zoom })),
    );
    expect((await stored(session.id)).meeting).toEqual(zoom);
  });
});

describe('editing (docs/product.md#editing)', () => {
  it('the type cannot change after publish', async () => {
    const { session, version } = await publishedBy(h, cast.manager);
    const error = errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.manager, { sessionId: session.id, version, type: 'private' }),
      ),
      ErrorCode.Validation,
    );
    expect(error.fields.type).toMatch(/after the session is published/);
    expect((await stored(session.id)).type).toBe('public');
  });

  it('on a draft only a session manager changes the type', async () => {
    const draft = await draftBy(h, cast.mentor);
    const error = errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, { sessionId: draft.session.id, type: 'private' }),
      ),
      ErrorCode.Validation,
    );
    expect(error.fields.type).toMatch(/session managers/);
    const edited = succeeded(
      await editSessionDetails(
        h.deps,
        as(cast.manager, { sessionId: draft.session.id, type: 'private' }),
      ),
    );
    expect(edited.session.type).toBe('private');
  });

  it('details change only before the start; the meeting also while live, not after the end', async () => {
    const { session, version } = await publishedBy(h, cast.mentor);
    h.clock.set('2027-01-18T10:30:00Z');
    const error = errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, { sessionId: session.id, version, title: 'New' }),
      ),
      ErrorCode.NotEditable,
    );
    expect(error.message).toMatch(/already started/);
    const live = succeeded(
      await editMeeting(h.deps, as(cast.mentor, { sessionId: session.id, meeting: zoom })),
    );
    expect(live.session.status).toBe('live');
    expect(live.session.meetingPlatform).toBe('zoom');
    h.clock.set(NEXT_WEEK.end);
    errorOf(
      await editMeeting(
        h.deps,
        as(cast.mentor, { sessionId: session.id, meeting: { platform: 'bigbluebutton' } }),
      ),
      ErrorCode.NotEditable,
    );
    expect((await stored(session.id)).title).toBe('Intro to code review');
  });

  it('a meeting edit names the broken field', async () => {
    const { session } = await publishedBy(h, cast.mentor);
    const error = errorOf(
      await editMeeting(
        h.deps,
        as(cast.mentor, { sessionId: session.id, meeting: { ...zoom, passcode: 'x'.repeat(11) } }),
      ),
      ErrorCode.Validation,
    );
    expect(Object.keys(error.fields)).toEqual(['meeting.passcode']);
  });

  it("only the session's mentors and session managers edit it", async () => {
    const { session } = await publishedBy(h, cast.mentor);
    errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.otherMentor, { sessionId: session.id, title: 'Mine now' }),
      ),
      ErrorCode.Forbidden,
    );
    errorOf(
      await editMeeting(h.deps, as(mentee(0), { sessionId: session.id, meeting: zoom })),
      ErrorCode.Forbidden,
    );
    succeeded(
      await editSessionDetails(
        h.deps,
        as(cast.manager, { sessionId: session.id, title: 'Managed' }),
      ),
    );
  });

  it('a time change moves the jobs, with the new times checked', async () => {
    const { session, version } = await publishedBy(h, cast.mentor);
    const tooShort = errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, { sessionId: session.id, end: '2027-01-18T10:10:00Z' }),
      ),
      ErrorCode.Validation,
    );
    expect(tooShort.fields.end).toMatch(/at least 30 minutes/);
    const edited = succeeded(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, {
          sessionId: session.id,
          version,
          start: '2027-01-19T12:00:00Z',
          end: '2027-01-19T13:30:00Z',
        }),
      ),
    );
    expect(edited.session.start.utc).toBe('2027-01-19T12:00:00.000Z');
    expect(h.scheduler.for(session.id).at(-1)).toMatchObject({
      type: 'scheduled',
      startsAt: new Date('2027-01-19T12:00:00Z'),
      endsAt: new Date('2027-01-19T13:30:00Z'),
    });
  });

  it('a form opened before another change is refused as stale', async () => {
    const { session, version } = await publishedBy(h, cast.mentor);
    succeeded(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, { sessionId: session.id, version, title: 'First' }),
      ),
    );
    const error = errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.manager, { sessionId: session.id, version, title: 'Second' }),
      ),
      ErrorCode.AlreadyDone,
    );
    expect(error.message).toMatch(/changed since you opened it/);
    expect((await stored(session.id)).title).toBe('First');
  });

  it('invitee changes respect the seats and tell only the newly invited', async () => {
    const { session } = await publishedBy(h, cast.mentor, {
      seatLimit: 2,
      menteeIds: [mentee(0).id],
    });
    succeeded(await enrol(h.deps, as(mentee(1), { sessionId: session.id })));
    h.notifier.clear();
    const full = errorOf(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, { sessionId: session.id, menteeIds: [mentee(0).id, mentee(2).id] }),
      ),
      ErrorCode.SeatsFull,
    );
    expect(full.message).toMatch(/session seats full/i);
    const lowered = errorOf(
      await editSessionDetails(h.deps, as(cast.mentor, { sessionId: session.id, seatLimit: 1 })),
      ErrorCode.SeatsFull,
    );
    expect(Object.keys(lowered.fields)).toEqual(['seatLimit']);
    succeeded(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, {
          sessionId: session.id,
          seatLimit: 3,
          menteeIds: [mentee(0).id, mentee(2).id],
        }),
      ),
    );
    expect(h.notifier.ofKind('sessionInvited').map((n) => n.recipient)).toEqual([mentee(2).id]);
    const after = await stored(session.id);
    expect(after.invitedIds).toEqual([mentee(0).id, mentee(2).id]);
    expect(after.enrolledIds).toEqual([mentee(1).id]);
  });
});

describe('deleting (docs/product.md#deleting)', () => {
  it('needs the explicit confirmation', async () => {
    const { session } = await publishedBy(h, cast.mentor);
    const error = errorOf(
      await deleteSession(h.deps, as(cast.mentor, { sessionId: session.id })),
      ErrorCode.Validation,
    );
    expect(Object.keys(error.fields)).toEqual(['confirm']);
    expect((await stored(session.id)).status).toBe('published');
  });

  it('tells invited and enrolled mentees, cancels the jobs, and closes enrolment', async () => {
    const { session } = await publishedBy(h, cast.mentor, { menteeIds: [mentee(0).id] });
    succeeded(await enrol(h.deps, as(mentee(1), { sessionId: session.id })));
    h.notifier.clear();
    succeeded(
      await deleteSession(h.deps, as(cast.mentor, { sessionId: session.id, confirm: true })),
    );
    const told = h.notifier.ofKind('sessionCancelled');
    expect(told.map((n) => n.recipient).sort()).toEqual([mentee(0).id, mentee(1).id].sort());
    expect(told[0]?.session.status).toBe('cancelled');
    expect(h.notifier.sent).toHaveLength(2);
    expect(h.scheduler.for(session.id).at(-1)).toEqual({
      type: 'cancelled',
      sessionId: session.id,
    });
    expect((await stored(session.id)).status).toBe('cancelled');
    errorOf(await enrol(h.deps, as(mentee(2), { sessionId: session.id })), ErrorCode.NotEditable);
    errorOf(
      await deleteSession(h.deps, as(cast.mentor, { sessionId: session.id, confirm: true })),
      ErrorCode.AlreadyDone,
    );
  });

  it('only before the start, and only by its managers', async () => {
    const { session } = await publishedBy(h, cast.mentor, { menteeIds: [mentee(0).id] });
    errorOf(
      await deleteSession(h.deps, as(cast.otherMentor, { sessionId: session.id, confirm: true })),
      ErrorCode.Forbidden,
    );
    h.clock.set(NEXT_WEEK.start);
    h.notifier.clear();
    errorOf(
      await deleteSession(h.deps, as(cast.mentor, { sessionId: session.id, confirm: true })),
      ErrorCode.NotEditable,
    );
    expect((await stored(session.id)).status).toBe('published');
    expect(h.notifier.sent).toEqual([]);
  });

  it('a draft is deleted without telling anyone', async () => {
    const { session } = await draftBy(h, cast.mentor, { menteeIds: [mentee(0).id] });
    succeeded(
      await deleteSession(h.deps, as(cast.mentor, { sessionId: session.id, confirm: true })),
    );
    expect(h.notifier.sent).toEqual([]);
  });
});

describe('cloning (docs/product.md#clone)', () => {
  it('keeps the details and mentees (invited again) with new times, published with the meeting', async () => {
    const source = await publishedBy(h, cast.manager, {
      title: 'Weekly review',
      description: 'Bring a pull request.',
      imageUrl: 'https://example.com/review.png',
      type: 'private',
      seatLimit: 4,
      mentorIds: [cast.otherMentor.id],
      menteeIds: [mentee(0).id, mentee(1).id],
      categories: { selected: ['Engineering'], other: ['Code review'] },
      meeting: zoom,
    });
    succeeded(await enrol(h.deps, as(mentee(1), { sessionId: source.session.id })));
    h.clock.set('2027-01-18T11:30:00Z');
    h.notifier.clear();
    const clone = succeeded(
      await cloneSession(
        h.deps,
        as(cast.otherMentor, {
          sessionId: source.session.id,
          start: '2027-01-25T10:00:00Z',
          end: '2027-01-25T11:00:00Z',
        }),
      ),
    );
    const copy = await stored(clone.session.id);
    const original = await stored(source.session.id);
    expect(copy).toMatchObject({
      title: original.title,
      description: original.description,
      imageUrl: original.imageUrl,
      type: 'private',
      seatLimit: 4,
      mentorIds: original.mentorIds,
      categories: ['Engineering', 'Code review'],
      meeting: zoom,
      status: 'published',
      clonedFrom: original.id,
      enrolledIds: [],
      startsAt: new Date('2027-01-25T10:00:00Z'),
      endsAt: new Date('2027-01-25T11:00:00Z'),
    });
    expect([...copy.invitedIds].sort()).toEqual([mentee(0).id, mentee(1).id].sort());
    expect(
      h.notifier
        .ofKind('sessionInvited')
        .map((n) => n.recipient)
        .sort(),
    ).toEqual([mentee(0).id, mentee(1).id].sort());
    expect(h.scheduler.for(copy.id)).toHaveLength(1);
  });

  it('checks the new times like a new session, and is for managers only', async () => {
    const source = await publishedBy(h, cast.mentor);
    const past = errorOf(
      await cloneSession(
        h.deps,
        as(cast.mentor, {
          sessionId: source.session.id,
          start: '2027-01-10T10:00:00Z',
          end: '2027-01-10T11:00:00Z',
        }),
      ),
      ErrorCode.Validation,
    );
    expect(Object.keys(past.fields)).toEqual(['start']);
    errorOf(
      await cloneSession(
        h.deps,
        as(cast.otherMentor, {
          sessionId: source.session.id,
          start: NEXT_WEEK.start,
          end: NEXT_WEEK.end,
        }),
      ),
      ErrorCode.Forbidden,
    );
  });
});

describe('cloning drafts and cancelled sessions', () => {
  it('a draft is not cloned; a cancelled session is cloned as a draft that tells nobody', async () => {
    const times = { start: '2027-01-25T10:00:00Z', end: '2027-01-25T11:00:00Z' };
    const draft = await draftBy(h, cast.mentor);
    errorOf(
      await cloneSession(h.deps, as(cast.mentor, { sessionId: draft.session.id, ...times })),
      ErrorCode.NotEditable,
    );
    const { session } = await publishedBy(h, cast.mentor, { menteeIds: [mentee(0).id] });
    succeeded(
      await deleteSession(h.deps, as(cast.mentor, { sessionId: session.id, confirm: true })),
    );
    h.notifier.clear();
    const clone = succeeded(
      await cloneSession(h.deps, as(cast.mentor, { sessionId: session.id, ...times })),
    );
    expect(clone.session.status).toBe('draft');
    expect((await stored(clone.session.id)).invitedIds).toEqual([mentee(0).id]);
    expect(h.notifier.sent).toEqual([]);
    expect(h.scheduler.for(clone.session.id)).toEqual([]);
  });

  it('a forgotten draft past its planned start can still be moved and published', async () => {
    const draft = await draftBy(h, cast.mentor);
    h.clock.set('2027-01-18T12:00:00Z');
    errorOf(
      await publishSession(h.deps, as(cast.mentor, { sessionId: draft.session.id })),
      ErrorCode.NotEditable,
    );
    succeeded(
      await editSessionDetails(
        h.deps,
        as(cast.mentor, {
          sessionId: draft.session.id,
          start: '2027-01-20T10:00:00Z',
          end: '2027-01-20T11:00:00Z',
        }),
      ),
    );
    succeeded(await publishSession(h.deps, as(cast.mentor, { sessionId: draft.session.id })));
  });
});

describe('scheduling from a mentee request (docs/product.md#mentee-asks-a-mentor)', () => {
  async function pendingRequest(from: Person, to: Person) {
    const made = succeeded(
      await requestSession(h.deps, as(from, { mentorId: to.id, message: 'Help?' })),
    );
    return made.request.id;
  }

  it('marks the request scheduled with the session and tells the mentee', async () => {
    const requestId = await pendingRequest(mentee(2), cast.mentor);
    h.notifier.clear();
    const draft = succeeded(
      await createSession(h.deps, as(cast.mentor, buildSessionInput({ requestId }))),
    );
    // Only publishing answers the request: a draft may still be thrown away.
    expect((await h.deps.requests.get(requestId))?.status).toBe('pending');
    const session = await stored(draft.session.id);
    expect(session.invitedIds).toEqual([mentee(2).id]);
    expect(session.type).toBe('private');

    succeeded(await publishSession(h.deps, as(cast.mentor, { sessionId: session.id })));
    const request = await h.deps.requests.get(requestId);
    expect(request).toMatchObject({ status: 'scheduled', sessionId: session.id });
    const told = h.notifier.ofKind('requestScheduled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      recipient: mentee(2).id,
      request: { id: requestId, status: 'scheduled', sessionId: session.id },
      session: { id: session.id, viewerRole: 'invited' },
    });
    // The mentee hears once, not also as a plain invitee.
    expect(h.notifier.to(mentee(2).id)).toHaveLength(1);
  });

  it('only the mentor asked may schedule it, and only while it is pending', async () => {
    const requestId = await pendingRequest(mentee(3), cast.mentor);
    errorOf(
      await createAndPublishSession(h.deps, as(cast.otherMentor, buildSessionInput({ requestId }))),
      ErrorCode.Forbidden,
    );
    succeeded(
      await createAndPublishSession(h.deps, as(cast.mentor, buildSessionInput({ requestId }))),
    );
    errorOf(
      await createAndPublishSession(h.deps, as(cast.mentor, buildSessionInput({ requestId }))),
      ErrorCode.AlreadyDone,
    );
  });

  it('the session details show the mentee the meeting once they are a participant', async () => {
    const { session } = await publishedBy(h, cast.mentor, {
      meeting: zoom,
      menteeIds: [mentee(0).id],
    });
    const seen = (p: Person) =>
      getSessionDetails(h.deps, as(p, { sessionId: session.id })).then((r) => succeeded(r));
    expect((await seen(mentee(0))).meeting).toEqual(zoom);
    // Zoom's id and passcode from the start; *Join* only from 10 minutes before the start.
    expect((await seen(mentee(0))).session).toMatchObject({
      meetingId: '123 456 789',
      meetingPasscode: 'pass',
    });
    expect((await seen(mentee(0))).session.joinUrl).toBeUndefined();
    h.clock.set(new Date(new Date(session.start.utc).getTime() - 10 * 60_000));
    // *Join* is for those who take part: the invitee enrols first.
    expect((await seen(mentee(0))).session.joinUrl).toBeUndefined();
    succeeded(await enrol(h.deps, as(mentee(0), { sessionId: session.id })));
    expect((await seen(mentee(0))).session.joinUrl).toBe(zoom.url);
    h.clock.set(new Date(new Date(session.start.utc).getTime() - 11 * 60_000));
    expect((await seen(mentee(0))).session.actions).not.toContain('join');
    h.clock.set(TEST_NOW);
    expect((await seen(mentee(1))).meeting).toBeUndefined();
    expect((await seen(mentee(1))).session.joinUrl).toBeUndefined();
    expect((await seen(mentee(1))).session.meetingId).toBeUndefined();
  });
});
