import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import {
  eventually,
  joinUrlIn,
  type Received,
  type SlackPerson,
  SlackWorkspace,
  textOf,
} from './support/slack.js';

/**
 * Issue 10 point 7 on Slack. Ada (mentor and session manager, Los Angeles) runs "Career chat"
 * with Bob (mentor, New York); Grace (London) is invited and enrols, Raj (Kolkata) is invited
 * and does not answer. Ada moves it a day later, adds a seat, moves it to Zoom, swaps Bob for
 * Carol, fixes the link while it is Live, and finally deletes a second session. Each change
 * reaches each of them once, in their own zone, and the messages they already had show the
 * session as it is now.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
  UBOB: { name: 'Bob', tz: 'America/New_York' },
  UCAROL: { name: 'Carol', tz: 'Europe/Berlin' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
  URAJ: { name: 'Raj', tz: 'Asia/Kolkata' },
};
const MEET = 'https://meet.google.com/abc-defg-hij';
const ZOOM = 'https://acme.zoom.us/j/98765432101';

let world: SlackWorkspace;
let ada: SlackPerson;
let bob: SlackPerson;
let carol: SlackPerson;
let grace: SlackPerson;
let raj: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', {
    name: 'Ada',
    roles: ['mentor', 'sessionManager'],
    tz: USERS.UADA.tz,
  });
  await world.service.seed('UBOB', { name: 'Bob', roles: ['mentor'], tz: USERS.UBOB.tz });
  await world.service.seed('UCAROL', { name: 'Carol', roles: ['mentor'], tz: USERS.UCAROL.tz });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  await world.service.seed('URAJ', { name: 'Raj', tz: USERS.URAJ.tz });
  ada = world.person('UADA');
  bob = world.person('UBOB');
  carol = world.person('UCAROL');
  grace = world.person('UGRACE');
  raj = world.person('URAJ');
});
afterAll(() => world?.stop());

/** The DMs `person` got since `since` (a count of their DMs) that mention `words`. */
const newDms = (person: SlackPerson, since: number, words: string) =>
  person
    .dms()
    .slice(since)
    .filter((m) => textOf(m).includes(words));

/** Every chat.update of the message `dm` (its channel and ts), latest last. */
const updatesOf = (dm: Received) =>
  world.calls.filter(
    (c) =>
      c.path === 'chat.update' && c.args.ts === dm.args.ts && c.args.channel === dm.args.channel,
  );

/** Ada's edit form, sent back as Slack would: every field, with her changes. */
function detailsValues(day: string, o: { seats: string; mentors: string[]; start?: string }) {
  return {
    title: textValue('Career chat'),
    start: dateValue(day),
    'start.time': timeValue(o.start ?? '08:00'),
    end: dateValue(day),
    'end.time': timeValue('09:00'),
    seatLimit: textValue(o.seats),
    menteeIds: usersValue(['UGRACE', 'URAJ']),
    mentorIds: usersValue(o.mentors),
  };
}

/** Ada presses `actionId` for the session on her Home and gets the modal it opens. */
async function adaOpens(actionId: string, sessionId: string): Promise<AnyView> {
  const modals = () =>
    world
      .receivedBy('UADA')
      .filter((r) => ['views.open', 'views.update', 'views.push'].includes(r.via));
  const before = modals().length;
  await ada.pressesOnHome(actionId, sessionId);
  return eventually(() => {
    const view = modals().slice(before).at(-1)?.args.view as AnyView | undefined;
    expect(view?.callback_id).toBeDefined();
    expect(view?.callback_id).not.toBe('loading');
    return view as AnyView;
  });
}

describe('Slack: changes to a session are announced', () => {
  it('tells every mentee and co-mentor once, in their zone, and updates what they already have', async () => {
    const today = localDateOf(world.clock.now(), USERS.UADA.tz);
    const day = addLocalDays(today, 3);
    const later = addLocalDays(today, 4);

    // Ada creates the session with Bob and invites Grace and Raj; on Google Meet.
    await ada.types('/create-session');
    const step2 = await ada.submits(
      await ada.modal(),
      detailsValues(day, { seats: '4', mentors: ['UADA', 'UBOB'] }),
    );
    expect(
      (
        await ada.submits(step2.view, {
          'meeting.platform': selectValue('gmeet'),
          'meeting.url': textValue(MEET),
        })
      ).response_action,
    ).toBe('clear');
    const [session] = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      limit: 1,
    });
    const sessionId = session?.id as string;

    // Bob is told he co-mentors it; Grace enrols from her invitation; Raj does not answer.
    await bob.dmSaying('added you as a mentor');
    const graceInvite = await grace.dmSaying('invited you');
    const rajInvite = await raj.dmSaying('invited you');
    await grace.presses(graceInvite.blocks, 'session.enrol', { dm: graceInvite });
    await eventually(() => expect(textOf(updatesOf(graceInvite))).toContain('You are enrolled'));

    // 1. Ada moves it a day later, an hour earlier, and adds a seat.
    const counts = () => ({
      bob: bob.dms().length,
      grace: grace.dms().length,
      raj: raj.dms().length,
      ada: ada.dms().length,
    });
    let seen = counts();
    const edit = await adaOpens('session.edit', sessionId);
    const pushed = await ada.submits(
      edit,
      detailsValues(later, { seats: '5', mentors: ['UADA', 'UBOB'], start: '07:00' }),
    );
    expect(pushed.response_action).toBe('push');
    const moved = await grace.dmSaying('Ada changed Career chat');
    // Grace reads London time: 08:00-09:00 Los Angeles on `day` was 16:00-17:00 in London.
    expect(moved.text).toMatch(
      /Time .*16:00-17:00 \(Europe\/London\) → .*15:00-17:00 \(Europe\/London\)/,
    );
    expect(moved.text).toContain('Seats 4 seats → 5 seats');
    const rajMoved = await raj.dmSaying('Ada changed Career chat');
    expect(rajMoved.text).toContain('(Asia/Kolkata) →');
    const bobMoved = await bob.dmSaying('Ada changed Career chat');
    expect(bobMoved.text).toContain('(America/New_York) →');
    // Once each; Ada is not told of her own change.
    expect(newDms(grace, seen.grace, 'changed')).toHaveLength(1);
    expect(newDms(raj, seen.raj, 'changed')).toHaveLength(1);
    expect(newDms(bob, seen.bob, 'changed')).toHaveLength(1);
    expect(ada.dms().length).toBe(seen.ada);
    // What they had is updated in place: Grace's enrolment and Raj's invitation show the new
    // time, and Raj can still enrol from it.
    await eventually(() => {
      const latest = updatesOf(graceInvite).at(-1);
      expect(textOf(latest?.args)).toContain('You are enrolled');
      expect(textOf(latest?.args)).toContain('15:00');
    });
    await eventually(() => {
      const latest = updatesOf(rajInvite).at(-1);
      expect(textOf(latest?.args)).toContain('invited you');
      expect(findAction(latest?.args.blocks, 'session.enrol')).toBeDefined();
    });

    // 2. The meeting moves to Zoom: the ID and passcode reach the participants.
    seen = counts();
    const meeting = await adaOpens('session.editMeeting', sessionId);
    expect(
      (
        await ada.submits(meeting, {
          'meeting.platform': selectValue('zoom'),
          'meeting.url': textValue(ZOOM),
          'meeting.meetingId': textValue('987 6543 2101'),
          'meeting.passcode': textValue('4kQ9x'),
        })
      ).response_action,
    ).toBe('clear');
    const zoom = await grace.dmSaying(
      'Meeting Google Meet → Zoom, meeting ID 987 6543 2101, passcode 4kQ9x',
    );
    expect(zoom.text).not.toContain('Time ');
    await raj.dmSaying('Meeting Google Meet → Zoom');
    await bob.dmSaying('Meeting Google Meet → Zoom');
    expect(newDms(grace, seen.grace, 'changed')).toHaveLength(1);

    // 3. Bob makes way for Carol.
    seen = counts();
    const swap = await adaOpens('session.edit', sessionId);
    await ada.submits(
      swap,
      detailsValues(later, { seats: '5', mentors: ['UADA', 'UCAROL'], start: '07:00' }),
    );
    await bob.dmSaying('removed you from the mentors of');
    await carol.dmSaying('added you as a mentor');
    const mentors = await grace.dmSaying('Mentors Ada and Bob → Ada and Carol');
    expect(mentors.text).not.toContain('Seats');
    expect(newDms(bob, seen.bob, 'changed')).toHaveLength(0);
    expect(carol.dms().filter((m) => textOf(m).includes('changed'))).toHaveLength(0);

    // 4. Live, Ada fixes the Zoom link: Grace gets it with Join, at once.
    const startsAt = (await world.service.core.sessions.get(sessionId))?.startsAt as Date;
    world.clock.set(startsAt);
    await world.service.app.jobs.agenda.now(JobName.live, { sessionId });
    await grace.dmSaying('Your session is live');
    seen = counts();
    const fix = await adaOpens('session.editMeeting', sessionId);
    await ada.submits(fix, {
      'meeting.platform': selectValue('zoom'),
      'meeting.url': textValue('https://acme.zoom.us/j/12345678901'),
      'meeting.meetingId': textValue('123 4567 8901'),
      'meeting.passcode': textValue('4kQ9x'),
    });
    const fixed = await grace.dmSaying('meeting ID 123 4567 8901');
    expect(joinUrlIn(fixed.blocks)).toBe('https://acme.zoom.us/j/12345678901');
    await carol.dmSaying('meeting ID 123 4567 8901');
    // Raj never enrolled: he is told, but has no Join.
    const rajFixed = await raj.dmSaying('meeting ID 123 4567 8901');
    expect(joinUrlIn(rajFixed.blocks)).toBeUndefined();
  }, 180_000);

  it('a deleted session is announced to its other mentors too, and earlier messages say so', async () => {
    const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), 5);
    await ada.types('/create-session');
    const step2 = await ada.submits(await ada.modal(), {
      ...detailsValues(day, { seats: '3', mentors: ['UADA', 'UBOB'] }),
      title: textValue('Resume review'),
      menteeIds: usersValue(['UGRACE']),
    });
    await ada.submits(step2.view, {
      'meeting.platform': selectValue('gmeet'),
      'meeting.url': textValue(MEET),
    });
    const invite = await grace.dmSaying('Resume review');
    const [session] = (
      await world.service.core.sessions.find({ workspaceId: `slack:${TEAM.id}`, limit: 10 })
    ).filter((s) => s.title === 'Resume review');
    const sessionId = session?.id as string;
    await bob.dmSaying('Resume review');

    const confirm = await adaOpens('session.delete', sessionId);
    expect((await ada.submits(confirm, {})).response_action).toBe('clear');
    await eventually(() =>
      expect(bob.dms().some((m) => m.text === 'Resume review was cancelled')).toBe(true),
    );
    const cancelled = await grace.dmSaying('was cancelled by');
    expect(cancelled.text).toContain('Resume review');
    await eventually(() => {
      const latest = updatesOf(invite).at(-1);
      expect(textOf(latest?.args)).toContain('was cancelled by');
      expect(findAction(latest?.args.blocks ?? [], 'session.enrol')).toBeUndefined();
    });
  }, 120_000);
});
