import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import {
  type ChatCard,
  eventually,
  joinUrlOf,
  type TeamsPerson,
  TeamsTenant,
} from './support/teams.js';

/**
 * Issue 10 point 7 on Teams. Grace (mentor and session manager, New York) runs "Parsing
 * clinic" with Bob (mentor, Los Angeles); Alan (London) is invited and enrols, Priya
 * (Kolkata) is invited and does not answer. Grace moves it, adds a seat, moves it to Zoom,
 * swaps Bob for Carol and fixes the link while it is Live; then deletes another session. Each
 * change reaches each of them once, in their zone, and the cards they already had are
 * updated in place.
 */
const TENANT = 'tenant-changes';
const MEET = 'https://meet.google.com/abc-defg-hij';

let tenant: TeamsTenant;
let grace: TeamsPerson;
let bob: TeamsPerson;
let carol: TeamsPerson;
let alan: TeamsPerson;
let priya: TeamsPerson;
const mentorProfile = {
  verb: 'profile.mentor',
  headline: 'Compilers',
  bio: '',
  expertise: 'compilers',
  availability: '',
  meetingPlatform: 'gmeet',
  meetingUrl: MEET,
};
beforeAll(async () => {
  tenant = await TeamsTenant.start(TENANT);
  grace = await tenant.joins('Grace Hopper', 'America/New_York');
  bob = await tenant.joins('Bob Kahn', 'America/Los_Angeles');
  carol = await tenant.joins('Carol Shaw', 'Europe/Berlin');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  for (const mentor of [grace, bob, carol])
    expect(await mentor.submitsDialog(mentorProfile)).toBeUndefined();
  await tenant.h.core.people.addRole(grace.id, 'sessionManager', new Date());
});
afterAll(() => tenant?.stop());

/** Cards in `person`'s chat after the first `since` that contain `words`. */
const newCards = (person: TeamsPerson, since: number, words: string) =>
  person
    .chat()
    .slice(since)
    .filter((c) => c.text.includes(words));

/** The latest version of a card in `person`'s chat (updates carry its activity id). */
const latest = (person: TeamsPerson, card: ChatCard) =>
  person
    .chat()
    .filter((c) => c.id === card.id)
    .at(-1) as ChatCard;

async function sessionNamed(title: string) {
  const all = await tenant.h.core.sessions.find({ workspaceId: `teams:${TENANT}`, limit: 20 });
  const found = all.find((s) => s.title === title);
  expect(found).toBeDefined();
  return found as NonNullable<typeof found>;
}

const form = (day: string, o: { start: string; seats: string; mentors: string[] }) => ({
  title: 'Parsing clinic',
  startDate: day,
  startTime: o.start,
  endDate: day,
  endTime: '10:00',
  seatLimit: o.seats,
  menteeIds: `${alan.id},${priya.id}`,
  mentorIds: o.mentors.join(','),
});

describe('Teams: changes to a session are announced', () => {
  it('tells every mentee and co-mentor once, in their zone, and updates the cards they have', async () => {
    const today = localDateOf(tenant.clock.now(), 'America/New_York');
    const day = addLocalDays(today, 3);
    const later = addLocalDays(today, 4);
    expect(
      await grace.submitsDialog({
        verb: 'session.create',
        ...form(day, { start: '09:00', seats: '4', mentors: [grace.id, bob.id] }),
        meetingPlatform: 'gmeet',
        meetingUrl: MEET,
        publish: 'yes',
      }),
    ).toBeUndefined();
    const session = await sessionNamed('Parsing clinic');
    const sessionId = session.id;

    await bob.cardSaying('added you as a mentor of this session.');
    const alanInvite = await alan.cardSaying('invited you to a session');
    const priyaInvite = await priya.cardSaying('invited you to a session');
    await alan.presses(alanInvite, 'session.enrol', { sessionId });
    await eventually(() => expect(latest(alan, alanInvite).text).toContain('You are enrolled.'));

    // 1. A day later, an hour earlier, one more seat.
    const seen = { alan: alan.chat().length, priya: priya.chat().length, bob: bob.chat().length };
    const graceBefore = grace.chat().length;
    const version = (await tenant.h.core.sessions.get(sessionId))?.version;
    expect(
      await grace.submitsDialog({
        verb: 'session.edit',
        sessionId,
        version,
        ...form(later, { start: '08:00', seats: '5', mentors: [grace.id, bob.id] }),
      }),
    ).toBeUndefined();
    // 09:00-10:00 New York is 14:00-15:00 in London; 08:00 is 13:00.
    const moved = await alan.cardSaying('Grace Hopper changed this session:');
    expect(moved.text).toMatch(
      /14:00-15:00 \(Europe\/London\) → [^"]*13:00-15:00 \(Europe\/London\)/,
    );
    expect(moved.text).toContain('4 seats → 5 seats');
    expect((await priya.cardSaying('Grace Hopper changed this session:')).text).toContain(
      '(Asia/Kolkata) →',
    );
    expect((await bob.cardSaying('Grace Hopper changed this session:')).text).toContain(
      '_Angeles) →',
    );
    expect(newCards(alan, seen.alan, 'changed this session')).toHaveLength(1);
    expect(newCards(priya, seen.priya, 'changed this session')).toHaveLength(1);
    expect(newCards(bob, seen.bob, 'changed this session')).toHaveLength(1);
    expect(newCards(grace, graceBefore, 'changed this session')).toHaveLength(0);
    // The cards they had show the new time: Alan's enrolment, Priya's invitation (still
    // with Enroll).
    await eventually(() => {
      const now = latest(alan, alanInvite);
      expect(now.method).toBe('PUT');
      expect(now.text).toContain('You are enrolled.');
      expect(now.text).toContain('13:00-15:00');
    });
    await eventually(() => {
      const now = latest(priya, priyaInvite);
      expect(now.text).toContain('invited you to a session');
      expect(now.text).toContain('"verb":"session.enrol"');
      expect(now.text).not.toContain(`${day.slice(8)} `);
    });

    // 2. Zoom instead of Google Meet.
    expect(
      await grace.submitsDialog({
        verb: 'session.meeting',
        sessionId,
        meetingPlatform: 'zoom',
        meetingUrl: 'https://acme.zoom.us/j/98765432101',
        meetingId: '987 6543 2101',
        passcode: '4kQ9x',
      }),
    ).toBeUndefined();
    const zoom = await alan.cardSaying('Zoom, meeting ID 987 6543 2101, passcode 4kQ9x');
    expect(zoom.text).toContain('Google Meet →');
    await priya.cardSaying('Zoom, meeting ID 987 6543 2101');
    await bob.cardSaying('Zoom, meeting ID 987 6543 2101');

    // 3. Carol instead of Bob.
    const bobBefore = bob.chat().length;
    const v2 = (await tenant.h.core.sessions.get(sessionId))?.version;
    expect(
      await grace.submitsDialog({
        verb: 'session.edit',
        sessionId,
        version: v2,
        ...form(later, { start: '08:00', seats: '5', mentors: [grace.id, carol.id] }),
      }),
    ).toBeUndefined();
    await bob.cardSaying('removed you from the mentors of this session.');
    await carol.cardSaying('added you as a mentor of this session.');
    await alan.cardSaying('Grace Hopper and Bob Kahn → Grace Hopper and Carol Shaw');
    expect(newCards(bob, bobBefore, 'changed this session')).toHaveLength(0);

    // 4. Live: the Zoom link is fixed; Alan gets Join with the new link at once.
    tenant.clock.set((await tenant.h.core.sessions.get(sessionId))?.startsAt as Date);
    await tenant.h.app.jobs.agenda.now(JobName.live, { sessionId });
    await alan.cardSaying('Your session is live.');
    expect(
      await grace.submitsDialog({
        verb: 'session.meeting',
        sessionId,
        meetingPlatform: 'zoom',
        meetingUrl: 'https://acme.zoom.us/j/12345678901',
        meetingId: '123 4567 8901',
        passcode: '4kQ9x',
      }),
    ).toBeUndefined();
    const fixed = await alan.cardSaying('meeting ID 123 4567 8901');
    expect(joinUrlOf(fixed)).toBe('https://acme.zoom.us/j/12345678901');
    expect(joinUrlOf(await priya.cardSaying('meeting ID 123 4567 8901'))).toBeUndefined();
    await carol.cardSaying('meeting ID 123 4567 8901');
  }, 180_000);

  it('a deleted session is announced to its other mentors too, and earlier cards say so', async () => {
    const day = addLocalDays(localDateOf(tenant.clock.now(), 'America/New_York'), 6);
    expect(
      await grace.submitsDialog({
        verb: 'session.create',
        ...form(day, { start: '09:00', seats: '3', mentors: [grace.id, bob.id] }),
        title: 'Resume review',
        menteeIds: alan.id,
        meetingPlatform: 'gmeet',
        meetingUrl: MEET,
        publish: 'yes',
      }),
    ).toBeUndefined();
    const { id: sessionId } = await sessionNamed('Resume review');
    const invite = await alan.cardSaying('Resume review');
    await bob.cardSaying('Resume review');
    await grace.submitsDialog({ verb: 'session.delete', sessionId, confirm: 'yes' });
    await bob.cardSaying('Grace Hopper cancelled this session.');
    await eventually(() => {
      const now = latest(alan, invite);
      expect(now.text).toContain('Grace Hopper cancelled this session.');
      expect(now.text).not.toContain('"verb":"session.enrol"');
    });
  }, 120_000);
});
