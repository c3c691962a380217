import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { eventually, joinUrlIn, type SlackPerson, SlackWorkspace } from './support/slack.js';

/**
 * Issue 10 point 19 on Slack. Ada (mentor, Los Angeles) starts a session and leaves it a draft
 * at the meeting step. The next day she opens it from her Home, picks Google Meet with her
 * link and publishes: Grace (London), invited, joins by that link at Live, and no
 * BigBlueButton room is ever made.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
};
const MEET = 'https://meet.google.com/abc-defg-hij';

let world: SlackWorkspace;
let ada: SlackPerson;
let grace: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', { name: 'Ada', roles: ['mentor'], tz: USERS.UADA.tz });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  ada = world.person('UADA');
  grace = world.person('UGRACE');
});
afterAll(() => world?.stop());

describe('Slack: a draft published on Google Meet stays on Google Meet', () => {
  it('Ada publishes her draft with a Meet link, and Grace joins by it', async () => {
    await ada.types('/create-session');
    const details = await ada.modal();
    const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), 3);
    // Slack sends a form's values back whole, as typed or as they were filled in.
    const values = {
      title: textValue('Parsing clinic'),
      start: dateValue(day),
      'start.time': timeValue('08:00'),
      end: dateValue(day),
      'end.time': timeValue('09:00'),
      seatLimit: textValue('4'),
      menteeIds: usersValue(['UGRACE']),
    };
    const step2 = await ada.submits(details, values);
    // Ada closes the meeting step: the session stays a draft, and Grace hears nothing.
    expect(step2.response_action).toBe('push');
    const [draft] = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      limit: 1,
    });
    expect(draft?.status).toBe('draft');
    const sessionId = draft?.id as string;

    // From her Home she edits the draft; the meeting step now publishes it on Google Meet.
    const home = await ada.opensHome();
    expect(findAction(home, 'session.edit')?.value).toBe(sessionId);
    await ada.presses(home, 'session.edit', { home: true });
    const again = await ada.modal();
    expect(again.callback_id).toBe('session.details');
    const meetingStep = await ada.submits(again, values);
    expect(meetingStep.response_action).toBe('push');
    expect(meetingStep.view.callback_id).toBe('session.meeting');
    const done = await ada.submits(meetingStep.view, {
      'meeting.platform': selectValue('gmeet'),
      'meeting.url': textValue(MEET),
    });
    expect(done.response_action).toBe('clear');
    const published = await world.service.core.sessions.get(sessionId);
    expect(published?.status).toBe('published');
    expect(published?.meeting).toEqual({ platform: 'gmeet', url: MEET });

    const invitation = await grace.dmSaying('invited you');
    await grace.presses(invitation.blocks, 'session.enrol', { dm: invitation });
    await eventually(async () =>
      expect((await world.service.core.sessions.get(sessionId))?.enrolledIds).toHaveLength(1),
    );
    world.clock.set(published?.startsAt as Date);
    await world.service.app.jobs.agenda.now(JobName.live, { sessionId });
    const live = await grace.dmSaying('Your session is live');
    expect(joinUrlIn(live.blocks)).toBe(MEET);
  }, 120_000);
});
