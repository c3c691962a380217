import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TeamsPerson, TeamsTenant, textOf } from './support/teams.js';

/**
 * Issue 10 point 12 on Teams. Alan (mentee, London) types `request session @Priya ...` in his
 * chat with the bot. The dialog opens with Priya picked and his words in the message; he
 * sends it and Priya (Kolkata) gets the request with *Schedule session*. A name matching no
 * mentor still keeps the words, with every mentor to pick from.
 */
let tenant: TeamsTenant;
let priya: TeamsPerson;
let alan: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-typed-name');
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
  expect(
    await priya.submitsDialog({
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

/** The values a dialog's inputs start with, by input id. */
// biome-ignore lint/suspicious/noExplicitAny: a dialog card
function inputValues(card: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        out[o.id] = o.value;
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}

describe('Teams: "request session @name some words"', () => {
  it('opens the dialog with the mentor picked and the words kept', async () => {
    await alan.says("request session @Priya let's talk about careers in compilers");
    const prompt = await alan.cardSaying('Ask a mentor for a session.');
    const data = prompt.card.actions[0].data;
    const form = await alan.opensDialog(data);
    expect(inputValues(form)).toMatchObject({
      mentorId: priya.id,
      message: "let's talk about careers in compilers",
    });

    expect(
      await alan.submitsDialog({
        verb: data.verb,
        mentorId: priya.id,
        message: "let's talk about careers in compilers",
      }),
    ).toBeUndefined();
    await alan.cardSaying('Request sent to Priya Raman.');
    const request = await priya.cardSaying("let's talk about careers in compilers");
    expect(request.text).toContain('"verb":"session.create"');
  }, 60_000);

  it('a name matching no mentor keeps the words and offers every mentor', async () => {
    await alan.says('request session @Nobody could we pair on parsers?');
    const prompt = await alan.cardSaying('Ask a mentor for a session.');
    const form = await alan.opensDialog(prompt.card.actions[0].data);
    const values = inputValues(form);
    expect(values.message).toBe('could we pair on parsers?');
    // Priya is the only mentor, so she is offered (and so picked).
    expect(textOf(form)).toContain('Priya Raman');
  }, 60_000);
});
