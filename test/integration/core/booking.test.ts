import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../../../src/core/booking/book-slot.js';
import { freeSlots } from '../../../src/core/booking/free-slots.js';
import { ErrorCode, InfrastructureError } from '../../../src/core/errors.js';
import { getMentorProfile } from '../../../src/core/people/mentor-profile.js';
import type { Person } from '../../../src/core/people/person.js';
import type { SessionRepository } from '../../../src/core/ports.js';
import { requestSession } from '../../../src/core/requests/request-session.js';
import { sendMentorOffer } from '../../../src/core/requests/send-mentor-offer.js';
import type { Session } from '../../../src/core/sessions/session.js';
import type { CoreDeps } from '../../../src/core/usecase.js';
import type { Workspace } from '../../../src/core/workspaces/workspace.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  TEST_NOW,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded, TUESDAY_AFTERNOON } from './mentorship.fixtures.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await useCore();
});
afterAll(() => h.close());

interface Cast {
  workspace: Workspace;
  mentor: Person;
  mentee: Person;
}

/** A Berlin mentor free on Tuesdays 14:00-16:00; "now" is Monday 2027-01-11 09:00 UTC. */
async function cast(
  config: Partial<Workspace['config']> = {},
  slotMinutes?: number,
): Promise<Cast> {
  h.clock.set(TEST_NOW);
  const workspace = await createWorkspace(h, { config });
  const mentor = await createPerson(h, workspace, {
    name: 'Ada',
    roles: ['mentor'],
    timeZone: 'Europe/Berlin',
    mentorProfile: {
      availability: TUESDAY_AFTERNOON,
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
      ...(slotMinutes ? { slotMinutes } : {}),
    },
  });
  const mentee = await createPerson(h, workspace, {
    name: 'Grace',
    timeZone: 'America/New_York',
    menteeProfile: { lookingForMentor: true },
  });
  h.notifier.clear();
  return { workspace, mentor, mentee };
}

const book = (mentee: Person, mentorId: string, startsAt: string) =>
  bookSlot(h.deps, { actor: actorOf(mentee), input: { mentorId, startsAt } });

const starts = async (c: Cast) =>
  (await freeSlots(h.deps, { mentor: c.mentor, workspace: c.workspace, now: h.clock.now() })).map(
    (s) => s.startsAt.toISOString(),
  );

/** Tuesday 2027-01-12 14:00 in Berlin (CET, UTC+1). */
const FIRST = '2027-01-12T13:00:00.000Z';

describe('booking from availability (docs/product.md#booking)', () => {
  it("cuts Tuesday 14:00-16:00 into the mentor's slot length for the next 14 days", async () => {
    const c = await cast();
    expect(await starts(c)).toEqual([
      '2027-01-12T13:00:00.000Z',
      '2027-01-12T13:30:00.000Z',
      '2027-01-12T14:00:00.000Z',
      '2027-01-12T14:30:00.000Z',
      '2027-01-19T13:00:00.000Z',
      '2027-01-19T13:30:00.000Z',
      '2027-01-19T14:00:00.000Z',
      '2027-01-19T14:30:00.000Z',
    ]);
    // The mentor's slot length, not the workspace's minimum session length.
    const hourly = await cast({ minSessionMinutes: 15 }, 60);
    expect(await starts(hourly)).toEqual([
      '2027-01-12T13:00:00.000Z',
      '2027-01-12T14:00:00.000Z',
      '2027-01-19T13:00:00.000Z',
      '2027-01-19T14:00:00.000Z',
    ]);
  });

  it('leaves out slots that have started', async () => {
    const c = await cast();
    h.clock.set('2027-01-12T13:30:00Z');
    expect((await starts(c)).slice(0, 2)).toEqual([
      '2027-01-12T14:00:00.000Z',
      '2027-01-12T14:30:00.000Z',
    ]);
  });

  it('creates and publishes a private session for the mentee, schedules it and tells the mentor', async () => {
    const c = await cast();
    const { session } = succeeded(await book(c.mentee, c.mentor.id, FIRST));
    expect(session).toMatchObject({
      title: 'Mentoring: Ada & Grace',
      type: 'private',
      status: 'published',
      seatLimit: 1,
      menteeCount: 1,
      seatsLeft: 0,
      viewerRole: 'enrolled',
      meetingPlatform: 'gmeet',
      description: "Booked by Grace from Ada's availability.",
      start: { utc: FIRST, timeZone: 'America/New_York' },
      end: { utc: '2027-01-12T13:30:00.000Z', timeZone: 'America/New_York' },
      mentors: [{ id: c.mentor.id, name: 'Ada' }],
    });
    const stored = (await h.deps.sessions.get(session.id)) as Session;
    expect(stored).toMatchObject({
      status: 'published',
      type: 'private',
      mentorIds: [c.mentor.id],
      invitedIds: [],
      enrolledIds: [c.mentee.id],
      meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
    });
    expect(h.scheduler.for(session.id)).toEqual([
      {
        type: 'scheduled',
        sessionId: session.id,
        startsAt: new Date(FIRST),
        endsAt: new Date('2027-01-12T13:30:00Z'),
        offsets: [1440, 15],
      },
    ]);
    const [dm, ...more] = h.notifier.sent;
    expect(more).toHaveLength(0);
    expect(dm).toMatchObject({
      kind: 'sessionBooked',
      recipient: c.mentor.id,
      mentee: { id: c.mentee.id, name: 'Grace' },
      session: { id: session.id, viewerRole: 'mentor', start: { timeZone: 'Europe/Berlin' } },
    });
    expect(await starts(c)).not.toContain(FIRST);
  });

  it('uses the workspace default meeting platform when the mentor set no link', async () => {
    const c = await cast();
    await h.deps.people.saveMentorProfile(
      c.mentor.id,
      { ...c.mentor.mentorProfile!, meetingPlatform: 'bigbluebutton', meetingUrl: undefined },
      TEST_NOW,
    );
    const { session } = succeeded(await book(c.mentee, c.mentor.id, FIRST));
    expect((await h.deps.sessions.get(session.id))?.meeting).toEqual({ platform: 'bigbluebutton' });
  });

  it('never books the same slot twice', async () => {
    const c = await cast();
    const other = await createPerson(h, c.workspace, { name: 'Linus' });
    succeeded(await book(c.mentee, c.mentor.id, FIRST));
    const error = errorOf(await book(other, c.mentor.id, FIRST), ErrorCode.SlotTaken);
    expect(error.message).toBe(
      'That slot was just booked by someone else. Please pick another one.',
    );
    const sessions = await h.deps.sessions.find({
      workspaceId: c.workspace.id,
      mentorId: c.mentor.id,
      limit: 10,
    });
    expect(sessions).toHaveLength(1);
  });

  it('gives the slot to exactly one of two mentees booking it at the same moment', async () => {
    const c = await cast();
    const other = await createPerson(h, c.workspace, { name: 'Linus' });
    const results = await Promise.all([
      book(c.mentee, c.mentor.id, FIRST),
      book(other, c.mentor.id, FIRST),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && loser.error.code).toBe(ErrorCode.SlotTaken);
    const sessions = await h.deps.sessions.find({
      workspaceId: c.workspace.id,
      mentorId: c.mentor.id,
      limit: 10,
    });
    expect(sessions).toHaveLength(1);
    expect(h.notifier.ofKind('sessionBooked')).toHaveLength(1);
    expect(h.scheduler.calls.filter((call) => call.sessionId === sessions[0]?.id)).toHaveLength(1);
    expect(
      await h.deps.bookings.bookedStarts(c.mentor.id, TEST_NOW, new Date('2027-02-01')),
    ).toEqual([new Date(FIRST)]);
  });

  it('refuses times that are not free slots, and booking oneself', async () => {
    const c = await cast();
    for (const startsAt of [
      '2027-01-12T13:10:00Z',
      '2027-01-13T13:00:00Z',
      '2027-01-26T13:00:00Z',
    ]) {
      // The adapters answer it with the mentor's free slots left (issue 10 point 11).
      const error = errorOf(await book(c.mentee, c.mentor.id, startsAt), ErrorCode.SlotTaken);
      expect(error.message).toBe(
        "That time is not one of Ada's free slots any more. Please pick another one.",
      );
    }
    h.clock.set('2027-01-12T13:05:00Z');
    errorOf(await book(c.mentee, c.mentor.id, FIRST), ErrorCode.SlotTaken);
    errorOf(await book(c.mentee, c.mentor.id, 'next tuesday'), ErrorCode.Validation);
    const self = errorOf(await book(c.mentor, c.mentor.id, FIRST), ErrorCode.Validation);
    expect(self.fields.mentorId).toBe('You cannot book a session with yourself.');
    expect(h.notifier.sent).toHaveLength(0);
  });

  it("leaves out slots overlapping the mentor's published sessions", async () => {
    const c = await cast();
    const now = TEST_NOW;
    const base: Session = {
      id: h.deps.ids.next(),
      workspaceId: c.workspace.id,
      title: 'Office hours',
      description: '',
      type: 'public',
      mentorIds: [c.mentor.id],
      invitedIds: [],
      enrolledIds: [],
      seatLimit: 5,
      startsAt: new Date('2027-01-12T13:15:00Z'),
      endsAt: new Date('2027-01-12T14:00:00Z'),
      recommendedFor: [],
      categories: [],
      medium: [],
      status: 'published',
      createdBy: c.mentor.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await h.deps.sessions.insert(base);
    // A draft does not hold the mentor's time.
    await h.deps.sessions.insert({
      ...base,
      id: h.deps.ids.next(),
      status: 'draft',
      startsAt: new Date('2027-01-19T13:00:00Z'),
      endsAt: new Date('2027-01-19T16:00:00Z'),
    });
    expect((await starts(c)).slice(0, 3)).toEqual([
      '2027-01-12T14:00:00.000Z',
      '2027-01-12T14:30:00.000Z',
      '2027-01-19T13:00:00.000Z',
    ]);
    const error = errorOf(
      await book(c.mentee, c.mentor.id, '2027-01-12T13:30:00Z'),
      ErrorCode.SlotTaken,
    );
    expect(error.message).toMatch(/just booked/);
  });

  it("accepts the mentor's pending offer and tells the mentor", async () => {
    const c = await cast();
    const offer = succeeded(
      await sendMentorOffer(h.deps, { actor: actorOf(c.mentor), input: { menteeId: c.mentee.id } }),
    );
    h.notifier.clear();
    const booked = succeeded(await book(c.mentee, c.mentor.id, FIRST));
    expect(booked.acceptedOfferId).toBe(offer.request.id);
    expect(await h.deps.requests.get(offer.request.id)).toMatchObject({
      status: 'accepted',
      sessionId: booked.session.id,
    });
    expect(h.notifier.sent.map((n) => [n.kind, n.recipient]).sort()).toEqual(
      [
        ['offerAccepted', c.mentor.id],
        ['sessionBooked', c.mentor.id],
      ].sort(),
    );
    expect((await h.deps.sessions.get(booked.session.id))?.requestId).toBe(offer.request.id);
  });

  it("marks the mentee's own open request to the mentor scheduled", async () => {
    const c = await cast();
    const asked = succeeded(
      await requestSession(h.deps, { actor: actorOf(c.mentee), input: { mentorId: c.mentor.id } }),
    );
    h.notifier.clear();
    const booked = succeeded(await book(c.mentee, c.mentor.id, FIRST));
    expect(booked.acceptedOfferId).toBeUndefined();
    expect(await h.deps.requests.get(asked.request.id)).toMatchObject({
      status: 'scheduled',
      sessionId: booked.session.id,
    });
    expect(h.notifier.ofKind('offerAccepted')).toHaveLength(0);
  });

  it('writes nothing when the session cannot be stored (one transaction)', async () => {
    const c = await cast();
    // The same repository, except that storing the session fails after the slot was claimed.
    const sessions: SessionRepository = Object.assign(Object.create(h.deps.sessions), {
      insert: async () => {
        throw new InfrastructureError('disk full');
      },
    });
    const failing: CoreDeps = { ...h.deps, sessions };
    const scheduledBefore = h.scheduler.calls.length;
    const result = await bookSlot(failing, {
      actor: actorOf(c.mentee),
      input: { mentorId: c.mentor.id, startsAt: FIRST },
    });
    errorOf(result, ErrorCode.TryAgain);
    // The claim was rolled back with the rest: the slot is free and can be booked.
    expect(await starts(c)).toContain(FIRST);
    expect(
      await h.deps.bookings.bookedStarts(c.mentor.id, TEST_NOW, new Date('2027-02-01')),
    ).toEqual([]);
    expect(h.notifier.sent).toHaveLength(0);
    expect(h.scheduler.calls).toHaveLength(scheduledBefore);
    succeeded(await book(c.mentee, c.mentor.id, FIRST));
  });

  it('frees the slot again when the booked session is released (cancelled)', async () => {
    const c = await cast();
    const { session } = succeeded(await book(c.mentee, c.mentor.id, FIRST));
    await h.deps.sessions.setStatus(session.id, ['published'], 'cancelled', TEST_NOW);
    expect(await starts(c)).not.toContain(FIRST);
    await h.deps.bookings.release(session.id);
    expect(await starts(c)).toContain(FIRST);
    succeeded(await book(c.mentee, c.mentor.id, FIRST));
  });

  it('shows the free slots and the Book button on the mentor profile', async () => {
    const c = await cast();
    succeeded(await book(c.mentee, c.mentor.id, FIRST));
    const view = succeeded(
      await getMentorProfile(h.deps, {
        actor: actorOf(c.mentee),
        input: { mentorId: c.mentor.id },
      }),
    );
    expect(view.actions).toContain('bookSlot');
    // This week's page holds Tuesday the 12th: three of its four slots are free; the 19th is
    // on next week's page.
    expect(view.freeTimes).toMatchObject({ unit: 'week', page: 0, count: 3, total: 7 });
    expect(view.freeTimes.next).toEqual({ label: 'Next week ›', offset: 1, unit: 'week' });
    expect(view.freeTimes.days.map((d) => d.heading)).toEqual(['Tuesday 12 January']);
    expect(view.freeTimes.days[0]?.slots[0]).toEqual({
      startsAt: '2027-01-12T13:30:00.000Z',
      start: { utc: '2027-01-12T13:30:00.000Z', timeZone: 'America/New_York' },
      end: { utc: '2027-01-12T14:00:00.000Z', timeZone: 'America/New_York' },
    });
    expect(view.upcomingSessions.map((s) => s.viewerRole)).toEqual(['enrolled']);
  });
});
