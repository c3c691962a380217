import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import {
  type AnyView,
  dateValue,
  selectValue,
  TEAM,
  textValue,
  timeValue,
  usersValue,
} from '../fixtures/slack/payloads.js';
import { findAction } from '../integration/slack/harness.js';
import { eventually, type SlackPerson, SlackWorkspace, textOf } from './support/slack.js';

/**
 * Issue 10 point 13 on Slack. Grace (mentee, London) takes part in Ada's "Career chat" (Ada:
 * mentor, Los Angeles). While it is live she asks from her Home for another session like it;
 * Ada gets the request with the session named and books the next one, a week on, in one
 * press; Grace is told her request was scheduled.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);
const WEEK = 7 * 24 * 3600_000;

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

describe('Slack: a mentee asks for another session like this one', () => {
  it('from the live session; the mentor books the next one in one press', async () => {
    await ada.types('/create-session');
    const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), 2);
    const step2 = await ada.submits(await ada.modal(), {
      title: textValue('Career chat'),
      start: dateValue(day),
      'start.time': timeValue('08:00'),
      end: dateValue(day),
      'end.time': timeValue('09:00'),
      seatLimit: textValue('3'),
      menteeIds: usersValue(['UGRACE']),
    });
    await ada.submits(step2.view, {
      'meeting.platform': selectValue('gmeet'),
      'meeting.url': textValue('https://meet.google.com/abc-defg-hij'),
    });
    const [session] = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      limit: 1,
    });
    const sessionId = session?.id as string;
    const invitation = await grace.dmSaying('invited you');
    await grace.presses(invitation.blocks, 'session.enrol', { dm: invitation });
    await eventually(async () =>
      expect((await world.service.core.sessions.get(sessionId))?.enrolledIds).toHaveLength(1),
    );

    // Live: Grace's Home card offers to ask Ada for another one; before, it did not.
    expect(findAction(await grace.opensHome(), 'request.open')).toBeUndefined();
    world.clock.set(session?.startsAt as Date);
    await world.service.app.jobs.agenda.now(JobName.live, { sessionId });
    const home = await grace.opensHome();
    const ask = findAction(home, 'request.open');
    expect(ask).toBeDefined();
    const before = world.calls.length;
    await grace.pressesOnHome('request.open', ask?.value);
    const form = await eventually(() => {
      const view = world.calls
        .slice(before)
        .filter((c) => c.user === 'UGRACE' && ['views.open', 'views.update'].includes(c.path))
        .map((c) => c.args.view as AnyView)
        .at(-1);
      expect(view?.callback_id).toBe('request.session');
      return view as AnyView;
    });
    expect(textOf(form)).toContain('Another session like *Career chat*');
    const sent = await grace.submits(form, {
      mentorId: selectValue(id('UADA'), 'external_select'),
      message: textValue('Same time next week?'),
    });
    expect(textOf(sent)).toContain('Your request was sent to <@UADA>');

    // Ada: the request names the session, and books the next one in one press.
    const request = await ada.dmSaying('asks for another session like *Career chat*');
    expect(textOf(request)).toContain('Same time next week?');
    expect(findAction(request.blocks, 'request.schedule')).toBeDefined();
    await ada.presses(request.blocks, 'request.clone', { dm: request });
    await eventually(() => {
      const update = world.calls.find(
        (c) => c.path === 'chat.update' && c.args.ts === request.args.ts,
      );
      expect(textOf(update?.args)).toContain('The next session is booked.');
    });
    const all = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      limit: 10,
    });
    const next = all.find((s) => s.clonedFrom === sessionId);
    expect(next?.startsAt.getTime()).toBe(
      (session as { startsAt: Date }).startsAt.getTime() + WEEK,
    );
    expect(next?.invitedIds).toEqual([id('UGRACE')]);

    // Grace is told her request was scheduled (once, not also a plain invitation).
    const scheduled = await grace.dmSaying('scheduled a session for your request');
    expect(textOf(scheduled)).toContain('Career chat');
    expect(grace.dms().filter((m) => textOf(m).includes('invited you'))).toHaveLength(1);
    const [stored] = await world.service.core.requests.find({
      workspaceId: `slack:${TEAM.id}`,
      menteeId: id('UGRACE'),
      limit: 1,
    });
    expect(stored).toMatchObject({
      status: 'scheduled',
      sessionId: next?.id,
      likeSession: { id: sessionId, title: 'Career chat' },
    });
  }, 120_000);
});
