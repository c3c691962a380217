import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import { joinUrlOf, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 19 on Teams. Grace (mentor, New York) fills the create dialog with a Google
 * Meet link and saves a draft; days later she presses *Publish* on the draft's card. Alan
 * (London), invited, is told it meets on Google Meet, and Live's *Join* opens her link, not a
 * BigBlueButton room.
 */
const MEET = 'https://meet.google.com/abc-defg-hij';

let tenant: TeamsTenant;
let grace: TeamsPerson;
let alan: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-draft-meeting');
  grace = await tenant.joins('Grace Hopper', 'America/New_York');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
  expect(
    await grace.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'bigbluebutton',
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

describe('Teams: a draft on Google Meet is published on Google Meet', () => {
  it('Grace saves a draft with her Meet link, publishes it from the card, and Alan joins by that link', async () => {
    const day = addLocalDays(localDateOf(tenant.clock.now(), 'America/New_York'), 2);
    const draftForm = {
      verb: 'session.create',
      title: 'Parsing clinic',
      startDate: day,
      startTime: '09:00',
      endDate: day,
      endTime: '10:00',
      seatLimit: '3',
      menteeIds: alan.id,
      meetingPlatform: 'gmeet',
      publish: 'no',
    };
    // Google Meet without its link is refused on the draft too, with the field named.
    const refused = await grace.submitsDialog(draftForm);
    expect(JSON.stringify(refused)).toContain('Google Meet');
    expect(await grace.submitsDialog({ ...draftForm, meetingUrl: MEET })).toBeUndefined();

    const draft = await grace.cardSaying('Saved as a draft.');
    expect(draft.text).toContain('Google Meet');
    expect(alan.chat().some((c) => c.text.includes('Parsing clinic'))).toBe(false);

    const [session] = await tenant.h.core.sessions.find({
      workspaceId: 'teams:tenant-draft-meeting',
      mentorId: grace.id,
      limit: 1,
    });
    const sessionId = session?.id as string;
    const answer = await grace.presses(draft, 'session.publish', { sessionId });
    expect(answer).not.toMatch(/BigBlueButton/);
    const published = await grace.cardSaying('Published. Invited mentees were told.');
    expect(published.text).toContain('Google Meet');
    expect(published.text).not.toContain('BigBlueButton');

    const invitation = await alan.cardSaying('invited you to a session');
    expect(invitation.text).toContain('Google Meet');
    expect(tenant.h.bbb.meetings.get(sessionId)).toBeUndefined();

    await alan.presses(invitation, 'session.enrol', { sessionId });
    await alan.cardSaying('You are enrolled.');
    tenant.clock.set(session?.startsAt as Date);
    await tenant.h.app.jobs.agenda.now(JobName.live, { sessionId });
    expect(joinUrlOf(await alan.cardSaying('Your session is live.'))).toBe(MEET);
  }, 120_000);
});
