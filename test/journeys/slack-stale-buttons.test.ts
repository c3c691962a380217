import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import {
  type AnyView,
  blockActions,
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
 * Issue 10 point 11 on Slack: a button pressed after what it acts on changed is refused at
 * once, with one sentence saying why, and no form opens. Priya (mentor, Kolkata) declines
 * Grace's request and then presses its old *Schedule session*; Ada's one-seat session fills
 * before Raj presses *Enroll*; Ada deletes a session Grace was invited to; a session starts
 * before Raj answers; Grace and Raj both press the same free slot of Priya's.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
  UPRIYA: { name: 'Priya', tz: 'Asia/Kolkata' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
  URAJ: { name: 'Raj', tz: 'Asia/Kolkata' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);
const MEET = 'https://meet.google.com/abc-defg-hij';

let world: SlackWorkspace;
let ada: SlackPerson;
let priya: SlackPerson;
let grace: SlackPerson;
let raj: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', { name: 'Ada', roles: ['mentor'], tz: USERS.UADA.tz });
  await world.service.seed('UPRIYA', {
    name: 'Priya',
    roles: ['mentor'],
    tz: USERS.UPRIYA.tz,
    mentorProfile: {
      availability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '10:00',
        end: '11:00',
      })),
      meetingPlatform: 'gmeet',
      meetingUrl: MEET,
    },
  });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  await world.service.seed('URAJ', { name: 'Raj', tz: USERS.URAJ.tz });
  ada = world.person('UADA');
  priya = world.person('UPRIYA');
  grace = world.person('UGRACE');
  raj = world.person('URAJ');
});
afterAll(() => world?.stop());

/** The modals `person` was shown since `since` calls, as Slack would draw them. */
const modalsSince = (person: SlackPerson, since: number) =>
  world.calls
    .slice(since)
    .filter(
      (c) => c.user === person.id && ['views.open', 'views.update', 'views.push'].includes(c.path),
    )
    .map((c) => c.args.view as AnyView);

/** Everything `person` was told since `since` calls (DMs, ephemeral answers, modals). */
const toldSince = (person: SlackPerson, since: number) =>
  textOf(world.calls.slice(since).filter((c) => c.user === person.id));

/** Ada publishes a session on Google Meet; returns its id. */
async function adaPublishes(title: string, o: { seats: string; invite: string[]; inDays: number }) {
  await ada.types('/create-session');
  const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), o.inDays);
  const step2 = await ada.submits(await ada.modal(), {
    title: textValue(title),
    start: dateValue(day),
    'start.time': timeValue('08:00'),
    end: dateValue(day),
    'end.time': timeValue('09:00'),
    seatLimit: textValue(o.seats),
    menteeIds: usersValue(o.invite),
  });
  expect(
    (
      await ada.submits(step2.view, {
        'meeting.platform': selectValue('gmeet'),
        'meeting.url': textValue(MEET),
      })
    ).response_action,
  ).toBe('clear');
  const all = await world.service.core.sessions.find({
    workspaceId: `slack:${TEAM.id}`,
    limit: 50,
  });
  return all.find((s) => s.title === title)?.id as string;
}

describe('Slack: stale buttons are refused with one sentence', () => {
  it('Schedule session on a declined request opens no form', async () => {
    await grace.types('/request-session', `<@UPRIYA|priya> could we talk about parsers?`);
    const request = await priya.dmSaying('asked you for a mentoring session');
    await priya.presses(request.blocks, 'request.decline', { dm: request });
    await grace.dmSaying("can't take your session request");

    const before = world.calls.length;
    await priya.presses(request.blocks, 'request.schedule', { dm: request });
    await eventually(() =>
      expect(toldSince(priya, before)).toContain(
        'This request was declined, so there is nothing to schedule.',
      ),
    );
    expect(modalsSince(priya, before).some((v) => v.callback_id === 'session.details')).toBe(false);
  }, 60_000);

  it('Enroll on a full session, a deleted one and a started one says which', async () => {
    // A public session with one seat: Grace takes it, then Raj presses Enroll on Ada's profile.
    const full = await adaPublishes('Office hours', { seats: '1', invite: [], inDays: 2 });
    await grace.pressesOnHome('session.enrol', full);
    await eventually(async () =>
      expect((await world.service.core.sessions.get(full))?.enrolledIds).toEqual([id('UGRACE')]),
    );
    let before = world.calls.length;
    await raj.pressesOnHome('session.enrol', full);
    await eventually(() =>
      expect(toldSince(raj, before)).toContain(
        'Session seats full: this session has no free seats left.',
      ),
    );

    // Grace's invitation to a session Ada then deletes.
    const deleted = await adaPublishes('Resume review', {
      seats: '3',
      invite: ['UGRACE'],
      inDays: 3,
    });
    const invitation = await grace.dmSaying('Resume review');
    const confirm = await (async () => {
      const n = world.calls.length;
      await ada.pressesOnHome('session.delete', deleted);
      return eventually(() => {
        const view = modalsSince(ada, n).at(-1);
        expect(view?.callback_id).toBe('session.delete');
        return view as AnyView;
      });
    })();
    expect((await ada.submits(confirm, {})).response_action).toBe('clear');
    before = world.calls.length;
    await grace.presses(invitation.blocks, 'session.enrol', { dm: invitation });
    await eventually(() =>
      expect(toldSince(grace, before)).toContain(
        'This session was cancelled, so you cannot enrol in it.',
      ),
    );

    // Raj's invitation to a session that has started.
    const started = await adaPublishes('Standup', { seats: '3', invite: ['URAJ'], inDays: 1 });
    const rajInvite = await raj.dmSaying('Standup');
    const startsAt = (await world.service.core.sessions.get(started))?.startsAt as Date;
    world.clock.set(new Date(startsAt.getTime() + 5 * 60_000));
    before = world.calls.length;
    await raj.presses(rajInvite.blocks, 'session.enrol', { dm: rajInvite });
    await eventually(() =>
      expect(toldSince(raj, before)).toContain(
        'This session has already started, so enrolment has closed.',
      ),
    );
    world.clock.set(new Date());
  }, 120_000);

  it('a slot someone just booked shows the free slots left, with the sentence', async () => {
    const profiles: AnyView[] = [];
    for (const mentee of [grace, raj]) {
      const n = world.calls.length;
      await mentee.pressesOnHome('mentor.profile', id('UPRIYA'));
      profiles.push(
        await eventually(() => {
          const view = modalsSince(mentee, n).at(-1);
          expect(view?.callback_id).toBe('mentor.profile');
          return view as AnyView;
        }),
      );
    }
    const [graceProfile, rajProfile] = profiles as [AnyView, AnyView];
    const slot = findAction(graceProfile.blocks, 'mentor.book');
    expect(findAction(rajProfile.blocks, 'mentor.book')?.value).toBe(slot?.value);
    const press = (person: SlackPerson) =>
      world.send(
        person.id,
        blockActions({
          user: person.id,
          actionId: 'mentor.book',
          value: slot?.value,
          view: { id: `VPROFILE${person.id}`, type: 'modal', callback_id: 'mentor.profile' },
        }),
      );

    await press(grace);
    await priya.dmSaying('booked a session from your availability');
    const before = world.calls.length;
    await press(raj);
    const shown = await eventually(() => {
      const view = modalsSince(raj, before).at(-1);
      expect(textOf(view)).toContain('That slot was just booked by someone else.');
      return view as AnyView;
    });
    // The free slots left, none of them the one Grace took.
    const left = shown.blocks
      .flatMap((b: AnyView) => (b.type === 'actions' ? b.elements : []))
      .filter((a: AnyView) => String(a.action_id).startsWith('mentor.book'));
    expect(left.length).toBeGreaterThan(0);
    expect(left.map((a: AnyView) => a.value)).not.toContain(slot?.value);
  }, 60_000);
});
