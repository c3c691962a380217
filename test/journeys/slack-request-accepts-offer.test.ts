import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { type AnyView, blockActions, TEAM, textValue } from '../fixtures/slack/payloads.js';
import { findAction } from '../integration/slack/harness.js';
import { type SlackPerson, SlackWorkspace, textOf } from './support/slack.js';

/**
 * Issue 10 point 10 on Slack. Priya (mentor, Kolkata) offers to mentor Grace (London). Grace
 * opens Priya's profile from the offer and asks for a session with a message of her own: the
 * offer is accepted and the request still goes, with her words, and Priya can schedule it.
 */
const USERS = {
  UPRIYA: { name: 'Priya', tz: 'Asia/Kolkata' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);

let world: SlackWorkspace;
let grace: SlackPerson;
let priya: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UPRIYA', { name: 'Priya', roles: ['mentor'], tz: USERS.UPRIYA.tz });
  await world.service.seed('UGRACE', {
    name: 'Grace',
    tz: USERS.UGRACE.tz,
    lookingForMentor: true,
    interests: ['compilers'],
  });
  grace = world.person('UGRACE');
  priya = world.person('UPRIYA');
});
afterAll(() => world?.stop());

/** Presses a button inside the modal `view` the person has open. */
async function pressInModal(person: SlackPerson, view: AnyView, actionId: string) {
  const button = findAction(view.blocks, actionId);
  expect(button, `no ${actionId} in the modal`).toBeDefined();
  const signed = blockActions({
    user: person.id,
    actionId,
    value: button?.value,
    view: { id: `VMODAL${person.id}`, type: 'modal', callback_id: view.callback_id },
  });
  expect((await world.send(person.id, signed)).status).toBe(200);
}

describe("Slack: requesting a session from a mentor's profile while their offer is pending", () => {
  it('accepts the offer and sends the request with the mentee’s words', async () => {
    // Priya's "I want to mentor you!", from her search of mentees.
    await priya.pressesOnHome('offer.open', id('UGRACE'));
    const offerForm = await priya.modal();
    await priya.submits(offerForm, { message: textValue('I can help with compilers.') });
    const offer = await grace.dmSaying('wants to mentor you!');

    // Grace opens Priya's profile from the offer and asks for a session.
    await grace.presses(offer.blocks, 'mentor.profile', { dm: offer });
    const profile = await grace.modal();
    expect(profile.callback_id).toBe('mentor.profile');
    await pressInModal(grace, profile, 'request.open');
    const form = await world.person('UGRACE').modal();
    expect(form.callback_id).toBe('request.session');
    const sent = await grace.submits(form, {
      mentorId: {
        value: { type: 'external_select', selected_option: { value: id('UPRIYA') } },
      },
      message: textValue('Could we go through my parser, line by line?'),
    });
    expect(textOf(sent)).toContain('you accepted, and your request was sent');

    // Priya: one DM, the offer accepted and the request with Grace's words and Schedule.
    const request = await priya.dmSaying('accepted your offer to mentor them');
    expect(textOf(request)).toContain('Could we go through my parser, line by line?');
    const schedule = findAction(request.blocks, 'request.schedule');
    expect(schedule).toBeDefined();
    expect(findAction(request.blocks, 'request.decline')).toBeDefined();
    expect(priya.dms().filter((m) => textOf(m).includes('accepted your offer'))).toHaveLength(1);

    // Schedule session opens the create form with Grace invited.
    await priya.presses(request.blocks, 'request.schedule', { dm: request });
    const create = await priya.modal();
    expect(create.callback_id).toBe('session.details');
    expect(textOf(create)).toContain('UGRACE');

    const requests = await world.service.core.requests.find({
      workspaceId: `slack:${TEAM.id}`,
      menteeId: id('UGRACE'),
      limit: 10,
    });
    expect(requests.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['menteeToMentor', 'pending'],
      ['mentorToMentee', 'accepted'],
    ]);
  }, 90_000);
});
