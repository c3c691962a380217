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
 * Issue 10 points 4, 6, 8 and 22 on Slack. Ada (mentor, New York) publishes a session on
 * BigBlueButton, the default platform, and invites Grace (London) and Raj (Kolkata). Grace
 * enrols; Raj never answers. The BigBlueButton server is a stand-in that checks every
 * call's checksum.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/New_York' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
  URAJ: { name: 'Raj', tz: 'Asia/Kolkata' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);
const MIN = 60_000;

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

/** Runs a scheduled job of the session now, as Agenda would at its time. */
async function runJob(name: string, data: Record<string, unknown>) {
  await world.service.app.jobs.agenda.now(name, data);
}

describe('Slack: a BigBlueButton session from publication to Live', () => {
  it('Ada publishes, Grace enrols and is reminded with the true time left, both join the room as who they are', async () => {
    // Ada types /create-session and fills in the details: tomorrow 09:00 in New York.
    await ada.types('/create-session');
    const details = await ada.modal();
    const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), 2);
    const step2 = await ada.submits(details, {
      title: textValue('Rust basics'),
      start: dateValue(day),
      'start.time': timeValue('09:00'),
      end: dateValue(day),
      'end.time': timeValue('10:00'),
      seatLimit: textValue('3'),
      menteeIds: usersValue(['UGRACE', 'URAJ']),
    });
    expect(step2.response_action).toBe('push');
    // Step 2 offers BigBlueButton, already chosen: no link is needed.
    expect(textOf(step2.view.blocks)).toContain('BigBlueButton');
    const published = await ada.submits(step2.view, {
      'meeting.platform': selectValue('bigbluebutton'),
    });
    expect(published.response_action).toBe('clear');
    // The result is a new ephemeral answer to her command: there is no message to replace.
    const answer = await eventually(() => {
      const found = ada.news().find((r) => r.via === 'response_url');
      expect(found).toBeDefined();
      return found as NonNullable<typeof found>;
    });
    expect(answer.args.response_type).toBe('ephemeral');
    expect(answer.args.replace_original).toBeUndefined();
    expect(answer.text).toContain('Rust basics');
    const [session] = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      mentorId: id('UADA'),
      limit: 1,
    });
    expect(session?.meeting).toEqual({ platform: 'bigbluebutton' });
    const sessionId = session?.id as string;
    const startsAt = session?.startsAt as Date;

    // Publishing opened the room on the BigBlueButton server, with the session's title.
    await eventually(() =>
      expect(world.service.bbb.meetings.get(sessionId)).toMatchObject({ name: 'Rust basics' }),
    );

    // Grace is invited. Days ahead there is no Join button, only Enroll.
    const invitation = await grace.dmSaying('invited you');
    expect(joinUrlIn(invitation.blocks)).toBeUndefined();
    expect(findAction(invitation.blocks, 'session.enrol')).toBeDefined();
    await raj.dmSaying('invited you');
    await grace.presses(invitation.blocks, 'session.enrol', { dm: invitation });
    await eventually(async () =>
      expect((await world.service.core.sessions.get(sessionId))?.enrolledIds).toEqual([
        id('UGRACE'),
      ]),
    );

    // The 24-hour reminder runs 14 hours before the start (the session was published late
    // in the day): it says 14 hours, the true time left, to Ada and Grace. Raj, who never
    // answered, is reminded once to answer his invitation instead.
    world.clock.set(new Date(startsAt.getTime() - 14 * 60 * MIN));
    await runJob(JobName.reminder, { sessionId, minutesBefore: 1440 });
    const reminder = await grace.dmSaying('starts in 14 hours');
    expect(reminder.text).toBe('Reminder: Rust basics starts in 14 hours');
    expect(joinUrlIn(reminder.blocks)).toBeUndefined();
    await ada.dmSaying('starts in 14 hours');
    const ask = await raj.dmSaying('You are invited to Rust basics, which starts in 14 hours');
    expect(findAction(ask.blocks, 'session.enrol')).toBeDefined();
    expect(textOf(raj.dms())).not.toContain('Reminder: Rust basics');

    // The 15-minute reminder: Raj is not asked a second time.
    world.clock.set(new Date(startsAt.getTime() - 15 * MIN));
    await runJob(JobName.reminder, { sessionId, minutesBefore: 15 });
    await grace.dmSaying('starts in 15 minutes');
    await ada.dmSaying('starts in 15 minutes');
    expect(raj.dms().filter((m) => m.text.includes('You are invited'))).toHaveLength(1);

    // 11 minutes before the start the Home still has no Join; from 10 minutes it has.
    world.clock.set(new Date(startsAt.getTime() - 11 * MIN));
    expect(joinUrlIn(await grace.opensHome())).toBeUndefined();
    world.clock.set(new Date(startsAt.getTime() - 10 * MIN));
    const graceLink = joinUrlIn(await grace.opensHome());
    const adaLink = joinUrlIn(await ada.opensHome());
    expect(graceLink).toBeDefined();
    expect(adaLink).toBeDefined();
    // Each link is the person's own, signed with the shared secret: Ada moderates, Grace
    // takes part as a viewer. A link edited to make Grace a moderator is refused.
    expect(await world.service.bbb.join(graceLink as string)).toEqual({
      ok: true,
      role: 'VIEWER',
      fullName: 'Grace',
    });
    expect(await world.service.bbb.join(adaLink as string)).toEqual({
      ok: true,
      role: 'MODERATOR',
      fullName: 'Ada',
    });
    const forged = (graceLink as string).replace('role=VIEWER', 'role=MODERATOR');
    expect(await world.service.bbb.join(forged)).toEqual({ ok: false, error: 'checksumError' });
    // Raj, who did not enrol, has no way in.
    expect(joinUrlIn(await raj.opensHome())).toBeUndefined();

    // At the start the session goes Live: the room is opened again, and Ada and Grace get
    // "Your session is live" with their own Join. Raj gets nothing.
    const rajBefore = raj.dms().length;
    world.clock.set(startsAt);
    await runJob(JobName.live, { sessionId });
    const live = await grace.dmSaying('Your session is live');
    expect(await world.service.bbb.join(joinUrlIn(live.blocks) as string)).toMatchObject({
      role: 'VIEWER',
    });
    await ada.dmSaying('Your session is live');
    expect(world.service.bbb.meetings.get(sessionId)?.creates).toBe(2);

    // At the end: "thank you for taking part" to those who took part, not to Raj.
    world.clock.set(new Date(startsAt.getTime() + 60 * MIN));
    await runJob(JobName.completed, { sessionId });
    await grace.dmSaying('Thank you for taking part');
    await ada.dmSaying('Thank you for taking part');
    await new Promise((r) => setTimeout(r, 300));
    expect(raj.dms().slice(rajBefore)).toEqual([]);
    expect(world.service.bbb.refused).toEqual([forged.replace(/^http:\/\/[^/]+/, '')]);
  }, 120_000);
});
