import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { type AnyView, TEAM, textValue } from '../fixtures/slack/payloads.js';
import { ADMIN, findAction } from '../integration/slack/harness.js';
import {
  eventually,
  pressOnEphemeral,
  type Received,
  type SlackPerson,
  SlackWorkspace,
  textOf,
} from './support/slack.js';

/**
 * Issue 10 point 14 on Slack. The admin (New York) switches off mentee requests, mentor
 * requests and self-serve mentors in the settings form. Grace (mentee, London) is then offered
 * *Request a Session* nowhere (help, Home, mentor search, Priya's profile) and is told in one
 * sentence when she types `/request-session` or presses a button from before; Priya (mentor,
 * Kolkata) finds mentees with a sentence saying offers are off and no *I want to mentor you!*;
 * Lin (Los Angeles) is told who makes mentors instead of a mentor-profile form.
 */
const SWITCHED_OFF =
  'Requesting a session from a mentor is turned off in this workspace. Ask a mentorbot admin if you need it.';
const OFFERS_OFF =
  'Sending "I want to mentor you!" requests is turned off in this workspace. Ask a mentorbot admin if you need it.';
const USERS = {
  [ADMIN]: { name: 'Admin', tz: 'America/New_York' },
  UPRIYA: { name: 'Priya', tz: 'Asia/Kolkata' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
  ULIN: { name: 'Lin', tz: 'America/Los_Angeles' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);

let world: SlackWorkspace;
let admin: SlackPerson;
let priya: SlackPerson;
let grace: SlackPerson;
let lin: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed(ADMIN, { name: 'Admin', roles: ['admin'], tz: USERS[ADMIN].tz });
  await world.service.seed('UPRIYA', {
    name: 'Priya',
    roles: ['mentor'],
    tz: USERS.UPRIYA.tz,
    mentorProfile: { headline: 'Compilers and careers' },
  });
  await world.service.seed('UGRACE', {
    name: 'Grace',
    tz: USERS.UGRACE.tz,
    lookingForMentor: true,
    interests: ['compilers'],
  });
  await world.service.seed('ULIN', { name: 'Lin', tz: USERS.ULIN.tz });
  admin = world.person(ADMIN);
  priya = world.person('UPRIYA');
  grace = world.person('UGRACE');
  lin = world.person('ULIN');
});
afterAll(() => world?.stop());

/** The settings form sent back as Slack would: every field as shown, with `changes`. */
function valuesOf(view: AnyView, changes: Record<string, Record<string, unknown>>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    const el = block.element;
    if (el?.type === 'plain_text_input') values[block.block_id] = textValue(el.initial_value ?? '');
    if (el?.type === 'static_select')
      values[block.block_id] = {
        value: { type: 'static_select', selected_option: el.initial_option },
      };
    if (el?.type === 'checkboxes')
      values[block.block_id] = {
        value: { type: 'checkboxes', selected_options: el.initial_options ?? [] },
      };
  }
  return { ...values, ...changes };
}

/** The newest ephemeral answer (a command's, through its response URL) saying `words`. */
async function answerSaying(person: SlackPerson, words: string): Promise<Received> {
  return eventually(() => {
    const found = world
      .receivedBy(person.id)
      .filter((r) => r.via === 'response_url' && textOf(r).includes(words))
      .at(-1);
    expect(found, `${person.id} got no answer saying "${words}"`).toBeDefined();
    return found as Received;
  });
}

/** The modal opened after `before` modals, once it is filled in (not the loading one). */
async function nextModal(person: SlackPerson, words: string): Promise<AnyView> {
  return eventually(async () => {
    const view = await person.modal();
    expect(textOf(view)).toContain(words);
    return view;
  });
}

describe('Slack: a switched-off use case is offered nowhere', () => {
  it('the admin switches off mentee requests, mentor requests and self-serve mentors', async () => {
    await admin.types('/mentorbot', 'settings');
    const form = await nextModal(admin, 'Mentees may request sessions');
    expect(form.callback_id).toBe('settings.workspace');
    const saved = await admin.submits(
      form,
      valuesOf(form, { features: { value: { type: 'checkboxes', selected_options: [] } } }),
    );
    expect(saved.response_action).toBe('clear');
    const home = await admin.opensHome();
    expect(textOf(home)).toContain('Mentee requests: *off* · Mentor requests: *off*');
  });

  it('Grace is offered no request anywhere, and told in one sentence when she asks', async () => {
    await grace.types('/mentorbot', 'help');
    const help = await answerSaying(grace, 'brings mentoring into Slack');
    expect(textOf(help)).not.toContain('/request-session');
    expect(textOf(help)).not.toContain('/find-mentees');
    expect(textOf(help)).toContain('/find-mentor');

    const home = await grace.opensHome();
    expect(findAction(home, 'request.open')).toBeUndefined();
    expect(textOf(home)).toContain('No requests yet.');
    expect(textOf(home)).not.toContain('ask for a session');

    await grace.types('/find-mentor');
    const mentors = await answerSaying(grace, 'Compilers and careers');
    expect(findAction(mentors.blocks, 'mentor.profile')).toBeDefined();
    expect(findAction(mentors.blocks, 'request.open')).toBeUndefined();
    await pressOnEphemeral(grace, mentors, 'mentor.profile');
    const profile = await nextModal(grace, 'Compilers and careers');
    expect(profile.callback_id).toBe('mentor.profile');
    expect(findAction(profile.blocks, 'request.open')).toBeUndefined();

    // Typed with a real mention, the answer is the sentence; without one, no form opens.
    await grace.types('/request-session', '<@UPRIYA|priya> could we talk about parsers?');
    expect((await answerSaying(grace, 'Requesting a session')).text).toBe(SWITCHED_OFF);
    await grace.types('/request-session', 'could we talk about parsers?');
    const refused = await nextModal(grace, SWITCHED_OFF);
    expect(refused.callback_id).toBe('notice');
    expect(refused.blocks.some((b: AnyView) => b.type === 'input')).toBe(false);

    // A *Request a Session* button from before the switch: the same sentence, no form.
    await grace.pressesOnHome('request.open', id('UPRIYA'));
    await eventually(async () => {
      const view = await grace.modal();
      expect(view.callback_id).toBe('notice');
      expect(textOf(view)).toContain(SWITCHED_OFF);
    });
  }, 60_000);

  it('Priya finds mentees with a sentence saying offers are off, and no offer button', async () => {
    await priya.types('/find-mentees');
    const results = await answerSaying(priya, 'Mentees looking for a mentor');
    expect(textOf(results)).toContain('<@UGRACE>');
    expect(textOf(results)).toContain(OFFERS_OFF.replaceAll('"', '\\"'));
    expect(findAction(results.blocks, 'offer.open')).toBeUndefined();
    expect(textOf(results)).not.toContain('open request');

    await priya.pressesOnHome('offer.open', id('UGRACE'));
    await eventually(async () => {
      const view = await priya.modal();
      expect(view.callback_id).toBe('notice');
      expect(textOf(view)).toContain(OFFERS_OFF.replaceAll('"', '\\"'));
    });
  });

  it('Lin, not a mentor, is told who makes mentors instead of a form', async () => {
    const home = await lin.opensHome();
    expect(findAction(home, 'profile.mentee')).toBeDefined();
    expect(findAction(home, 'profile.mentor')).toBeUndefined();
    await lin.types('/mentorbot', 'help');
    expect(textOf(await answerSaying(lin, 'brings mentoring into Slack'))).not.toContain(
      '/mentorbot mentor',
    );
    await lin.types('/mentorbot', 'mentor');
    const refused = await nextModal(lin, 'only admins make people mentors');
    expect(refused.callback_id).toBe('notice');
    expect(textOf(refused)).toContain('Ask a mentorbot admin such as Admin');
  });
});
