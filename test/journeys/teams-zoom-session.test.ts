import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import { cardSubmit } from '../fixtures/teams/activities.js';
import { eventually, joinUrlOf, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 5 on Teams. Ada (mentor, Los Angeles) runs a public session on Zoom and
 * invites Grace (London). The meeting ID and passcode reach Grace everywhere she meets the
 * session: the invitation, the enrolment result, the reminder, the Live message and
 * "my sessions". Raj (Kolkata), who only looks at Ada's profile, sees the session but not
 * how to get in.
 */
const ZOOM_LINE = 'Zoom meeting ID 987 6543 2101 · Passcode 4kQ9x';

let tenant: TeamsTenant;
let ada: TeamsPerson;
let grace: TeamsPerson;
let raj: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-zoom-journey');
  ada = await tenant.joins('Ada Lovelace', 'America/Los_Angeles');
  grace = await tenant.joins('Grace Hopper', 'Europe/London');
  raj = await tenant.joins('Raj Reddy', 'Asia/Kolkata');
  expect(
    await ada.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Careers in computing',
      bio: '',
      expertise: 'careers',
      availability: '',
      meetingPlatform: 'zoom',
      meetingUrl: 'https://acme.zoom.us/j/98765432101',
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

describe('Teams: a Zoom session', () => {
  it('the meeting ID and passcode reach every participant, and only them', async () => {
    const day = addLocalDays(localDateOf(tenant.clock.now(), 'America/Los_Angeles'), 3);
    expect(
      await ada.submitsDialog({
        verb: 'session.create',
        title: 'Career chat',
        startDate: day,
        startTime: '08:00',
        endDate: day,
        endTime: '09:00',
        seatLimit: '4',
        menteeIds: grace.id,
        meetingPlatform: 'zoom',
        meetingUrl: 'https://acme.zoom.us/j/98765432101',
        meetingId: '987 6543 2101',
        passcode: '4kQ9x',
        publish: 'yes',
      }),
    ).toBeUndefined();
    const [session] = await tenant.h.core.sessions.find({
      workspaceId: 'teams:tenant-zoom-journey',
      mentorId: ada.id,
      limit: 1,
    });
    const sessionId = session?.id as string;
    const startsAt = session?.startsAt as Date;

    // The invitation, then the enrolment result in its place.
    const invitation = await grace.cardSaying('invited you to a session');
    expect(invitation.text).toContain(ZOOM_LINE);
    await grace.presses(invitation, 'session.enrol', { sessionId });
    const enrolled = await grace.cardSaying('You are enrolled.');
    expect(enrolled.text).toContain(ZOOM_LINE);

    // "my sessions", days ahead: the ID and passcode, no Join yet.
    await grace.says('my sessions');
    const mine = await grace.cardSaying('My mentoring sessions');
    expect(mine.text).toContain(ZOOM_LINE);
    expect(joinUrlOf(mine)).toBeUndefined();

    // Raj is no participant: Ada's profile lists the session, without a way in.
    const rajBefore = raj.chat().length;
    expect(
      (await tenant.h.post(cardSubmit(raj.user, { verb: 'show.mentor', mentorId: ada.id }))).status,
    ).toBe(200);
    const profile = await eventually(() => {
      const shown = raj
        .chat()
        .slice(rajBefore)
        .find((c) => c.text.includes('Career chat'));
      expect(shown).toBeDefined();
      return shown as NonNullable<typeof shown>;
    });
    expect(profile.text).toContain('"verb":"session.enrol"');
    expect(profile.text).not.toContain('987');
    expect(profile.text).not.toContain('4kQ9x');

    // The reminder and the Live message, to Grace and to Ada.
    tenant.clock.set(new Date(startsAt.getTime() - 15 * 60_000));
    await tenant.h.app.jobs.agenda.now(JobName.reminder, { sessionId, minutesBefore: 15 });
    expect((await grace.cardSaying('Reminder: starts in 15 minutes.')).text).toContain(ZOOM_LINE);
    tenant.clock.set(startsAt);
    await tenant.h.app.jobs.agenda.now(JobName.live, { sessionId });
    const live = await grace.cardSaying('Your session is live.');
    expect(live.text).toContain(ZOOM_LINE);
    expect(joinUrlOf(live)).toBe('https://acme.zoom.us/j/98765432101');
    expect((await ada.cardSaying('Your session is live.')).text).toContain(ZOOM_LINE);
    expect(raj.chat().some((c) => c.text.includes('4kQ9x'))).toBe(false);
  }, 120_000);
});
