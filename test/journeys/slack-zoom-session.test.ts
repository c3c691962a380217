import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import {
  dateValue,
  selectValue,
  TEAM,
  textValue,
  timeValue,
  usersValue,
} from '../fixtures/slack/payloads.js';
import { findAction } from '../integration/slack/harness.js';
import {
  eventually,
  joinUrlIn,
  type SlackPerson,
  SlackWorkspace,
  textOf,
} from './support/slack.js';

/**
 * Issue 10 point 5 on Slack. Ada (mentor, Los Angeles) runs a public session on Zoom and
 * invites Grace (London). The meeting ID and passcode reach Grace everywhere she meets the
 * session: the invitation, the enrolment result, the reminder, the Live DM and her Home.
 * Raj (Kolkata), who only looks at Ada's profile, sees the session but not how to get in.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
  URAJ: { name: 'Raj', tz: 'Asia/Kolkata' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);
const ZOOM_LINE = 'Zoom meeting ID 987 6543 2101 · Passcode 4kQ9x';

let world: SlackWorkspace;
let ada: SlackPerson;
let grace: SlackPerson;
let raj: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', { name: 'Ada', roles: ['mentor'], tz: USERS.UADA.tz });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  await world.service.seed('URAJ', { name: 'Raj', tz: USERS.URAJ.tz });
  ada = world.person('UADA');
  grace = world.person('UGRACE');
  raj = world.person('URAJ');
});
afterAll(() => world?.stop());

describe('Slack: a Zoom session', () => {
  it('the meeting ID and passcode reach every participant, and only them', async () => {
    await ada.types('/create-session');
    const details = await ada.modal();
    const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), 3);
    const step2 = await ada.submits(details, {
      title: textValue('Career chat'),
      start: dateValue(day),
      'start.time': timeValue('08:00'),
      end: dateValue(day),
      'end.time': timeValue('09:00'),
      seatLimit: textValue('4'),
      menteeIds: usersValue(['UGRACE']),
    });
    const done = await ada.submits(step2.view, {
      'meeting.platform': selectValue('zoom'),
      'meeting.url': textValue('https://acme.zoom.us/j/98765432101'),
      'meeting.meetingId': textValue('987 6543 2101'),
      'meeting.passcode': textValue('4kQ9x'),
    });
    expect(done.response_action).toBe('clear');
    const [session] = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      mentorId: id('UADA'),
      limit: 1,
    });
    const sessionId = session?.id as string;
    const startsAt = session?.startsAt as Date;

    // The invitation.
    const invitation = await grace.dmSaying('invited you');
    expect(textOf(invitation.blocks)).toContain(ZOOM_LINE);
    // The enrolment result replaces the invitation, still with the ID and passcode.
    const before = world.calls.length;
    await grace.presses(invitation.blocks, 'session.enrol', { dm: invitation });
    const enrolled = await eventually(() => {
      const update = world.calls.slice(before).find((c) => c.path === 'chat.update');
      expect(update).toBeDefined();
      return update?.args as { blocks: unknown[]; text: string };
    });
    expect(textOf(enrolled)).toContain('You are enrolled');
    expect(textOf(enrolled)).toContain(ZOOM_LINE);
    // Her Home card, days ahead: ID and passcode, no Join yet.
    const home = await grace.opensHome();
    expect(textOf(home)).toContain(ZOOM_LINE);
    expect(joinUrlIn(home)).toBeUndefined();

    // Raj is no participant: Ada's profile lists the session, without a way in.
    const beforeRaj = world.calls.length;
    await raj.pressesOnHome('mentor.profile', id('UADA'));
    const profile = await eventually(() => {
      const shown = world.calls
        .slice(beforeRaj)
        .filter((c) => c.user === 'URAJ' && c.path === 'views.update')
        .map((c) => c.args.view)
        .find((v) => textOf(v).includes('Career chat'));
      expect(shown).toBeDefined();
      return shown;
    });
    expect(findAction(profile.blocks, 'session.enrol')).toBeDefined();
    expect(textOf(profile)).not.toContain('987');
    expect(textOf(profile)).not.toContain('4kQ9x');
    expect(textOf(raj.dms())).not.toContain('4kQ9x');

    // The reminder and the Live DM.
    world.clock.set(new Date(startsAt.getTime() - 15 * 60_000));
    await world.service.app.jobs.agenda.now(JobName.reminder, { sessionId, minutesBefore: 15 });
    const reminder = await grace.dmSaying('starts in 15 minutes');
    expect(textOf(reminder.blocks)).toContain(ZOOM_LINE);
    world.clock.set(startsAt);
    await world.service.app.jobs.agenda.now(JobName.live, { sessionId });
    const live = await grace.dmSaying('Your session is live');
    expect(textOf(live.blocks)).toContain(ZOOM_LINE);
    expect(joinUrlIn(live.blocks)).toBe('https://acme.zoom.us/j/98765432101');
    expect(textOf((await ada.dmSaying('Your session is live')).blocks)).toContain(ZOOM_LINE);
  }, 120_000);
});
