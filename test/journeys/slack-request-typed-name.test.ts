import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnyView, selectValue, textValue } from '../fixtures/slack/payloads.js';
import { findAction } from '../integration/slack/harness.js';
import { type SlackPerson, SlackWorkspace, textOf } from './support/slack.js';

/**
 * Issue 10 point 12 on Slack. Grace (mentee, London) types `/request-session @priya ...`
 * without Slack turning `@priya` into a mention (typed fast, or pasted). The form opens with
 * Priya picked and Grace's words in the message; she sends it and Priya (Kolkata) gets the
 * request with *Schedule session*. A name that matches no mentor still keeps the words.
 */
const USERS = {
  UPRIYA: { name: 'Priya', tz: 'Asia/Kolkata' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
};

let world: SlackWorkspace;
let grace: SlackPerson;
let priya: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UPRIYA', { name: 'Priya', roles: ['mentor'], tz: USERS.UPRIYA.tz });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  grace = world.person('UGRACE');
  priya = world.person('UPRIYA');
});
afterAll(() => world?.stop());

const messageIn = (view: AnyView): string | undefined =>
  view.blocks.find((b: AnyView) => b.block_id === 'message')?.element?.initial_value;

describe('Slack: /request-session with a typed @name', () => {
  it('keeps the words and picks the mentor the name names', async () => {
    await grace.types('/request-session', "@priya let's talk about careers in compilers");
    const form = await grace.modal();
    expect(form.callback_id).toBe('request.session');
    expect(messageIn(form)).toBe("let's talk about careers in compilers");
    const mentor = form.blocks.find((b: { block_id: string }) => b.block_id === 'mentorId');
    expect(mentor.element.initial_option.text.text).toBe('Priya');

    const sent = await grace.submits(form, {
      mentorId: selectValue(mentor.element.initial_option.value, 'external_select'),
      message: textValue(messageIn(form) ?? ''),
    });
    expect(textOf(sent)).toContain('Your request was sent to <@UPRIYA>');
    const request = await priya.dmSaying('asked you for a mentoring session');
    expect(textOf(request)).toContain("let's talk about careers in compilers");
    expect(findAction(request.blocks, 'request.schedule')).toBeDefined();
  }, 60_000);

  it('a name matching no mentor opens the form with the words and no mentor picked', async () => {
    await grace.types('/request-session', '@nobody could we pair on parsers?');
    const form = await grace.modal();
    expect(form.callback_id).toBe('request.session');
    expect(messageIn(form)).toBe('could we pair on parsers?');
    const mentor = form.blocks.find((b: { block_id: string }) => b.block_id === 'mentorId');
    expect(mentor.element.initial_option).toBeUndefined();
  }, 60_000);
});
