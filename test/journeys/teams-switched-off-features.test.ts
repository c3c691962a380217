import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatCard, eventually, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 14 on Teams. Alice (admin, New York) switches off mentee requests, mentor
 * requests and self-serve mentors. Grace (mentee, London) is then offered *Request a Session*
 * nowhere (help, mentor search, Priya's profile) and is told in one sentence when she types the
 * command or presses an old button; Priya (mentor, Kolkata) finds mentees with a sentence saying
 * offers are off, and no *I want to mentor you!*; Lin (Los Angeles) is told who makes mentors
 * before any form opens. Without a BigBlueButton server, Priya's mentor-profile form never
 * offers it, also when it comes back with a mistake.
 */
const SWITCHED_OFF =
  'Requesting a session from a mentor is turned off in this workspace. Ask a mentorbot admin if you need it.';
const OFFERS_OFF =
  'Sending "I want to mentor you!" requests is turned off in this workspace. Ask a mentorbot admin if you need it.';

let tenant: TeamsTenant;
let alice: TeamsPerson;
let priya: TeamsPerson;
let grace: TeamsPerson;
let lin: TeamsPerson;
beforeAll(async () => {
  // No BBB_URL / BBB_SECRET: this service has no BigBlueButton server.
  tenant = await TeamsTenant.start('tenant-switched-off', { BBB_URL: '', BBB_SECRET: '' });
  alice = await tenant.joins('Alice Admin', 'America/New_York');
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  grace = await tenant.joins('Grace Hopper', 'Europe/London');
  lin = await tenant.joins('Lin Wei', 'America/Los_Angeles');
  expect(
    await grace.submitsDialog({
      verb: 'profile.mentee',
      interests: 'compilers',
      lookingForMentor: 'true',
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

/** Every input of a dialog card with the value it starts with. */
// biome-ignore lint/suspicious/noExplicitAny: a dialog card
function inputsOf(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        out[o.id] = o.value === undefined ? '' : String(o.value);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}

/** The values a choice set of a dialog offers. */
// biome-ignore lint/suspicious/noExplicitAny: a dialog card
function choicesOf(card: any, id: string): string[] {
  let found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Input.ChoiceSet' && o.id === id)
        found = (o.choices as { value: string }[]).map((c) => c.value);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return found;
}

/** The newest card in the person's chat that arrived after `since` cards and says `words`. */
async function nextCard(person: TeamsPerson, since: number, words: string): Promise<ChatCard> {
  return eventually(() => {
    const card = person
      .chatSince(since)
      .filter((c) => c.text.includes(words))
      .at(-1);
    expect(card, `${person.name} got no new card saying "${words}"`).toBeDefined();
    return card as ChatCard;
  });
}

describe('Teams: a switched-off use case is offered nowhere', () => {
  it("Priya's mentor-profile form offers only the meeting platforms this service has", async () => {
    const form = await priya.opensDialog({ verb: 'profile.mentor' });
    expect(choicesOf(form, 'meetingPlatform')).not.toContain('bigbluebutton');
    expect(choicesOf(form, 'meetingPlatform')).toContain('gmeet');

    // A mistake sends the form back: still without BigBlueButton.
    const again = await priya.submitsDialog({
      verb: 'profile.mentor',
      headline: '',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    });
    const card = again?.task?.value?.card?.content;
    expect(card, 'the form came back').toBeDefined();
    expect(choicesOf(card, 'meetingPlatform')).not.toContain('bigbluebutton');
    expect(choicesOf(card, 'meetingPlatform')).toContain('gmeet');

    expect(
      await priya.submitsDialog({
        verb: 'profile.mentor',
        headline: 'Compilers and careers',
        bio: '',
        expertise: 'compilers',
        availability: '',
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
      }),
    ).toBeUndefined();
  });

  it('Alice switches off mentee requests, mentor requests and self-serve mentors', async () => {
    const values = inputsOf(await alice.opensDialog({ verb: 'settings' }));
    expect(
      await alice.submitsDialog({
        verb: 'settings',
        ...values,
        menteeRequests: 'false',
        mentorRequests: 'false',
        selfServeMentors: 'false',
        defaultMeetingPlatform: 'gmeet',
      }),
    ).toBeUndefined();
  });

  it('Grace is offered no request anywhere, and told in one sentence when she asks', async () => {
    // Her welcome, from before, still has the button; help now has neither it nor the command.
    const welcome = await grace.cardSaying('I bring mentorship into Teams');
    expect(welcome.text).toContain('"verb":"request.new"');
    let since = grace.chat().length;
    await grace.says('help');
    const help = await nextCard(grace, since, 'Type one of these commands');
    expect(help.text).not.toContain('request.new');
    expect(help.text).not.toContain('request session');
    expect(help.text).toContain('find mentor');

    since = grace.chat().length;
    await grace.says('find mentor');
    const mentors = await nextCard(grace, since, 'Priya Raman');
    expect(mentors.text).toContain('"verb":"show.mentor"');
    expect(mentors.text).not.toContain('request.new');

    since = grace.chat().length;
    await grace.opens({ verb: 'show.mentor', mentorId: priya.id }, mentors);
    const profile = await nextCard(grace, since, 'Compilers and careers');
    expect(profile.text).not.toContain('request.new');
    expect(profile.text).not.toContain('request a session');

    await grace.says('request session Priya could we talk?');
    expect(await grace.hears('Requesting a session')).toBe(SWITCHED_OFF);
    // The old welcome's button: refused before any form opens.
    expect(await grace.isRefusedDialog({ verb: 'request.new', mentorId: priya.id })).toBe(
      SWITCHED_OFF,
    );
  });

  it('Priya finds mentees with a sentence saying offers are off, and no offer button', async () => {
    const since = priya.chat().length;
    await priya.says('find mentees');
    const results = await nextCard(priya, since, 'Mentees looking for a mentor');
    expect(results.text).toContain('Grace Hopper');
    expect(results.text).toContain(OFFERS_OFF.replaceAll('"', '\\"'));
    expect(results.text).not.toContain('offer.new');
    expect(results.text).not.toContain('You already have an open request');
    expect(await priya.isRefusedDialog({ verb: 'offer.new', menteeId: grace.id })).toBe(OFFERS_OFF);
  });

  it('Lin, not a mentor, is told who makes mentors before any form opens', async () => {
    const since = lin.chat().length;
    await lin.says('profile');
    const profile = await nextCard(lin, since, 'Profile of Lin Wei');
    expect(profile.text).toContain('"verb":"profile.mentee"');
    expect(profile.text).not.toContain('profile.mentor');
    expect(await lin.isRefusedDialog({ verb: 'profile.mentor' })).toBe(
      'In this workspace only admins make people mentors. Ask a mentorbot admin such as Alice Admin to give you the mentor role, then set up your profile.',
    );
  });
});
