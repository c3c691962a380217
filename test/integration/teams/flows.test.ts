import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../../src/core/time.js';
import {
  botAdded,
  cardAction,
  cardSubmit,
  conversationIdOf,
  message,
  personIdOf,
  taskFetch,
  taskSubmit,
  teamsUser,
} from '../../fixtures/teams/activities.js';
import { cardsOf, expectValidCard, textOf } from './cards.js';
import { eventually, startTeams, type TeamsHarness } from './harness.js';

const TENANT = 'tenant-flows';
const grace = teamsUser('Grace Hopper', TENANT, 'America/New_York');
const ada = teamsUser('Ada Lovelace', TENANT, 'Europe/Berlin');
const alan = teamsUser('Alan Turing', TENANT, 'Europe/London');
const joan = teamsUser('Joan Clarke', TENANT, 'Europe/London');

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeams();
  // Grace installs the app (and so is the admin); the others open their chat with the bot.
  for (const user of [grace, ada, alan, joan])
    expect((await h.post(botAdded(user))).status).toBe(200);
  // Grace becomes a mentor with weekly availability.
  const saved = await h.post(
    taskSubmit(grace, {
      verb: 'profile.mentor',
      headline: 'Compilers and careers',
      bio: 'Ask me anything.',
      expertise: 'compilers, careers',
      availability:
        'Mon 09:00-17:00\nTue 09:00-17:00\nWed 09:00-17:00\nThu 09:00-17:00\nFri 09:00-17:00',
      meetingPlatform: 'bigbluebutton',
    }),
  );
  expect(saved).toEqual({ status: 200, body: undefined });
});
afterAll(() => h?.stop());

/** Every card the bot ever sent or answered with parses cleanly at schema 1.5. */
afterAll(() => {
  for (const call of h?.calls ?? []) for (const card of cardsOf(call.body)) expectValidCard(card);
});

/** The titles of the buttons on the help card `user` gets for typing *help*. */
async function helpButtons(user: Parameters<typeof message>[0]): Promise<string[]> {
  const before = h.callsTo(conversationIdOf(user)).length;
  await h.post(message(user, 'help'));
  const cards = h
    .callsTo(conversationIdOf(user))
    .slice(before)
    .flatMap((c) => cardsOf(c.body));
  const help = cards.find((c) => textOf(c).includes('Type one of these commands')) as
    | { body: { type: string; actions?: { title: string }[] }[] }
    | undefined;
  // Its buttons stand in rows (ActionSets) below the commands.
  return (help?.body ?? [])
    .flatMap((e) => (e.type === 'ActionSet' ? (e.actions ?? []) : []))
    .map((a) => a.title);
}

/**
 * Presses an Action.Execute button on the message `messageId`: Teams gets a short banner at
 * once, and the outcome arrives through the connector (harness.post lets the work finish):
 * `card` is the text of the card that replaced the message, `said` what was said instead.
 */
async function press(
  user: Parameters<typeof cardAction>[0],
  verb: string,
  data: Record<string, unknown>,
  messageId: string,
) {
  const before = h.calls.length;
  const chatBefore = h.callsTo(conversationIdOf(user)).length;
  const answer = await h.post(cardAction(user, verb, data, messageId));
  expect(answer.status).toBe(200);
  expect(answer.body.type).toBe('application/vnd.microsoft.activity.message');
  const after = h.calls.slice(before);
  const update = after.find(
    (c) => c.method === 'PUT' && c.path.includes(`/activities/${messageId}`),
  );
  const said = h
    .callsTo(conversationIdOf(user))
    .slice(chatBefore)
    .filter((c) => c.method === 'POST');
  return {
    banner: answer.body.value as string,
    card: update ? textOf(update.body) : undefined,
    said: textOf(said),
  };
}

const inDays = (days: number, zone: string) => addLocalDays(localDateOf(new Date(), zone), days);

describe('docs/product.md#mentee-asks-a-mentor: mentee requests, mentor schedules', () => {
  it('runs end to end with inline errors, a proactive DM and the mentee told', async () => {
    // The typed command answers with a card whose button opens the dialog.
    const before = h.callsTo(conversationIdOf(ada)).length;
    expect((await h.post(message(ada, 'request session Grace'))).status).toBe(200);
    const reply = h.callsTo(conversationIdOf(ada)).slice(before);
    expect(textOf(reply)).toContain('request.new');

    const dialog = await h.post(taskFetch(ada, { verb: 'request.new', mentorQuery: 'Grace' }));
    expect(dialog.status).toBe(200);
    expect(dialog.body.task.type).toBe('continue');
    expect(textOf(dialog.body)).toContain(personIdOf(grace));
    expectValidCard(dialog.body.task.value.card.content);

    // Too long a message: the form comes back with the error next to the message.
    const tooLong = await h.post(
      taskSubmit(ada, {
        verb: 'request.new',
        mentorId: personIdOf(grace),
        message: 'x'.repeat(1001),
      }),
    );
    expect(tooLong.body.task.type).toBe('continue');
    const body = tooLong.body.task.value.card.content.body as { id?: string; text?: string }[];
    const at = body.findIndex((e) => e.id === 'message');
    expect(body[at + 1]?.text).toContain('1000 characters or fewer');
    expect(await h.core.requests.findPending(personIdOf(ada), personIdOf(grace))).toBeUndefined();

    const graceBefore = h.callsTo(conversationIdOf(grace)).length;
    const sent = await h.post(
      taskSubmit(ada, {
        verb: 'request.new',
        mentorId: personIdOf(grace),
        message: 'Help me with compilers?',
      }),
    );
    expect(sent).toEqual({ status: 200, body: undefined });
    const request = await h.core.requests.findPending(personIdOf(ada), personIdOf(grace));
    expect(request?.kind).toBe('menteeToMentor');

    // Grace gets a proactive DM with Schedule session and Decline.
    const dm = await eventually(() => {
      const calls = h.callsTo(conversationIdOf(grace)).slice(graceBefore);
      expect(textOf(calls)).toContain('New session request');
      return calls;
    });
    expect(textOf(dm)).toContain('Help me with compilers?');
    expect(textOf(dm)).toContain('request.decline');
    expect(textOf(dm)).toContain(`"requestId":"${request?.id}"`);

    // Schedule session: the create dialog, for Ada's request.
    const form = await h.post(taskFetch(grace, { verb: 'session.create', requestId: request?.id }));
    expect(textOf(form.body)).toContain("Ada Lovelace's request");
    expectValidCard(form.body.task.value.card.content);
    // The form's submit carries back the message it was opened from (Teams does not).
    const originOf = (dialog: typeof form) =>
      (dialog.body.task.value.card.content.actions as { data?: { origin?: string } }[]).find(
        (a) => a.data?.origin,
      )?.data?.origin;
    expect(originOf(form)).toBe('card-message-1');

    // End before start: inline error next to the end time; nothing is created.
    const day = inDays(3, grace.timeZone);
    const fields = {
      verb: 'session.create',
      origin: originOf(form),
      requestId: request?.id,
      title: 'Compilers 101',
      startDate: day,
      endDate: day,
    };
    const bad = await h.post(
      taskSubmit(grace, { ...fields, startTime: '10:00', endTime: '09:00', publish: 'yes' }),
    );
    const badBody = bad.body.task.value.card.content.body as { id?: string; text?: string }[];
    expect(badBody[badBody.findIndex((e) => e.id === 'endTime') + 1]?.text).toBe(
      'The end must be after the start.',
    );
    expect(originOf(bad)).toBe('card-message-1');

    const adaBefore = h.callsTo(conversationIdOf(ada)).length;
    const ok = await h.post(
      taskSubmit(grace, { ...fields, startTime: '10:00', endTime: '11:00', publish: 'yes' }),
    );
    expect(ok).toEqual({ status: 200, body: undefined });
    const scheduled = await h.core.requests.get(request?.id ?? '');
    expect(scheduled?.status).toBe('scheduled');
    // The request card in Grace's chat becomes the session card (no Schedule button left);
    // Ada is told, with times in her own zone.
    const replaced = h.callsTo(conversationIdOf(grace)).at(-1);
    expect(replaced?.method).toBe('PUT');
    expect(replaced?.path).toContain('/activities/card-message-1');
    expect(textOf(replaced)).toContain('Session published');
    expect(textOf(replaced)).not.toContain('session.create');
    const told = await eventually(() => {
      const calls = h.callsTo(conversationIdOf(ada)).slice(adaBefore);
      expect(textOf(calls)).toContain('scheduled a session for your request');
      return calls;
    });
    expect(textOf(told)).toContain('(Europe/Berlin)');
  });
});

describe('docs/product.md#mentor-offers-to-mentor: mentor offers, mentee dismisses or books', () => {
  it('dismiss: the card is updated in place, the mentor is not told, a second press changes nothing', async () => {
    await h.post(
      taskSubmit(alan, {
        verb: 'profile.mentee',
        interests: 'cryptography, maths',
        lookingForMentor: 'true',
      }),
    );
    const search = await h.post(message(grace, 'find mentees crypto'));
    expect(search.status).toBe(200);
    const results = h.callsTo(conversationIdOf(grace)).at(-1);
    expect(textOf(results)).toContain('I want to mentor you!');
    expect(textOf(results)).toContain(personIdOf(alan));

    const alanBefore = h.callsTo(conversationIdOf(alan)).length;
    const sent = await h.post(
      taskSubmit(grace, {
        verb: 'offer.new',
        menteeId: personIdOf(alan),
        menteeName: 'Alan Turing',
        message: 'Happy to help.',
      }),
    );
    expect(sent.status).toBe(200);
    await eventually(() =>
      expect(textOf(h.callsTo(conversationIdOf(alan)).slice(alanBefore))).toContain(
        'wants to mentor you!',
      ),
    );
    const offer = await h.core.requests.findPending(personIdOf(alan), personIdOf(grace));
    expect(offer?.kind).toBe('mentorToMentee');

    const graceBefore = h.callsTo(conversationIdOf(grace)).length;
    const dismissed = await press(alan, 'offer.dismiss', { requestId: offer?.id }, 'offer-card');
    expect(dismissed.banner).toBe('Dismissing the offer…');
    // The message holding the card is updated through the connector, without the button.
    expect(dismissed.card).toContain('You dismissed this offer.');
    expect(dismissed.card).not.toContain('offer.dismiss');
    expect((await h.core.requests.get(offer?.id ?? ''))?.status).toBe('dismissed');

    const again = await press(alan, 'offer.dismiss', { requestId: offer?.id }, 'offer-card');
    expect(again.card).toContain('This request was already dismissed.');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.callsTo(conversationIdOf(grace)).slice(graceBefore)).toEqual([]);
  });

  it('book: the offer is accepted and the mentor is told', async () => {
    await h.post(
      taskSubmit(joan, { verb: 'profile.mentee', interests: 'codes', lookingForMentor: 'true' }),
    );
    await h.post(
      taskSubmit(grace, {
        verb: 'offer.new',
        menteeId: personIdOf(joan),
        menteeName: 'Joan Clarke',
      }),
    );
    const offer = await h.core.requests.findPending(personIdOf(joan), personIdOf(grace));
    expect(offer?.status).toBe('pending');

    // View profile (Action.Submit) answers with the profile card: a day's free times and Book.
    const joanBefore = h.callsTo(conversationIdOf(joan)).length;
    await h.post(cardSubmit(joan, { verb: 'show.mentor', mentorId: personIdOf(grace) }));
    const profile = h.callsTo(conversationIdOf(joan)).slice(joanBefore).at(-1);
    const card = cardsOf(profile?.body)[0] as { body: unknown[] };
    const slotChoice = JSON.stringify(card).match(
      /"id":"(slot\.[^"]+)","label":"[^"]+","choices":\[\{"title":"[^"]+","value":"([^"]+)"/,
    );
    expect(slotChoice?.[2]).toBeTruthy();

    // Book under that day: the day's choice is sent with the button's data.
    const graceBefore = h.callsTo(conversationIdOf(grace)).length;
    const booked = await press(
      joan,
      'mentor.book',
      {
        mentorId: personIdOf(grace),
        day: slotChoice?.[1]?.slice('slot.'.length),
        [slotChoice?.[1] ?? '']: slotChoice?.[2],
      },
      'profile-card',
    );
    expect(booked.card).toContain("Booked, and the mentor's offer is accepted.");
    expect((await h.core.requests.get(offer?.id ?? ''))?.status).toBe('accepted');
    await eventually(() => {
      const told = textOf(h.callsTo(conversationIdOf(grace)).slice(graceBefore));
      expect(told).toContain('Joan Clarke accepted your offer to mentor them');
      expect(told).toContain('Joan Clarke booked a session with you.');
    });

    // The same slot again: nobody books a slot twice.
    const twice = await press(
      ada,
      'mentor.book',
      { mentorId: personIdOf(grace), startsAt: slotChoice?.[2] },
      'profile-card-2',
    );
    // The profile card shows the free times left, under the sentence saying why.
    expect(JSON.stringify(twice.card)).toContain('That slot was just booked by someone else.');
    expect(JSON.stringify(twice.card)).toContain('Book a free time');
    expect(JSON.stringify(twice.card)).not.toContain(`"value":"${slotChoice?.[2]}"`);
  });
});

describe('sessions from Teams', () => {
  it('creates a draft, edits it with an inline error, publishes it from the card, enrols and lists mentees', async () => {
    const day = inDays(5, grace.timeZone);
    const created = await h.post(
      taskSubmit(grace, {
        verb: 'session.create',
        title: 'Open office hours',
        startDate: day,
        startTime: '09:00',
        endDate: day,
        endTime: '10:00',
        seatLimit: '1',
        categories: 'Career',
        publish: 'no',
      }),
    );
    expect(created.status).toBe(200);
    const draftCard = textOf(h.callsTo(conversationIdOf(grace)).at(-1));
    expect(draftCard).toContain('Saved as a draft');
    const sessionId = /"sessionId":"([^"]+)"/.exec(draftCard)?.[1] ?? '';
    expect(sessionId).not.toBe('');

    const edit = await h.post(taskFetch(grace, { verb: 'session.edit', sessionId }));
    expect(textOf(edit.body)).toContain('Open office hours');
    const hidden = {
      verb: 'session.edit',
      sessionId,
      version: 1,
      title: '',
      startDate: day,
      startTime: '09:00',
      endDate: day,
      endTime: '10:00',
    };
    const badEdit = await h.post(taskSubmit(grace, hidden));
    const editBody = badEdit.body.task.value.card.content.body as { id?: string; text?: string }[];
    expect(editBody[editBody.findIndex((e) => e.id === 'title') + 1]?.text).toBe(
      'Give the session a title.',
    );

    const published = await press(grace, 'session.publish', { sessionId }, 'draft-card');
    expect(published.card).toContain('Published.');
    // No platform chosen: the core says so; the adapter does not pick BigBlueButton itself.
    const noPlatform = await h.post(
      taskSubmit(grace, { verb: 'session.meeting', sessionId, title: 'Open office hours' }),
    );
    expect(textOf(noPlatform.body)).toContain('Choose a meeting platform');
    const gmeet = await h.post(
      taskSubmit(grace, {
        verb: 'session.meeting',
        sessionId,
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
      }),
    );
    expect(gmeet.status).toBe(200);
    expect((await h.core.sessions.get(sessionId))?.meeting).toEqual({
      platform: 'gmeet',
      url: 'https://meet.google.com/abc-defg-hij',
    });
    const enrolled = await press(ada, 'session.enrol', { sessionId }, 'invite-card');
    expect(enrolled.banner).toBe('Enrolling you…');
    expect(enrolled.card).toContain('You are enrolled.');
    expect(enrolled.card).not.toContain('session.enrol');
    const full = await press(alan, 'session.enrol', { sessionId }, 'invite-card-2');
    expect(full.card).toBeUndefined();
    expect(full.said).toContain('Session seats full');

    const list = await h.post(taskFetch(grace, { verb: 'session.mentees', sessionId }));
    expect(textOf(list.body)).toContain('Ada Lovelace');
    const link =
      /"url":"https:\/\/mentorbot\.test(\/downloads\/[^"]+)"/.exec(textOf(list.body))?.[1] ?? '';
    const csv = await fetch(`${h.url}${link}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('Ada Lovelace,enrolled');
    const tampered = await fetch(`${h.url}${link.slice(0, -3)}abc`);
    expect(tampered.status).toBe(403);
    // Ada is no manager: her own link to the list is refused at download time.
    const notHers = await h.post(taskFetch(ada, { verb: 'session.mentees', sessionId }));
    expect(notHers.body.task.type).toBe('message');

    const del = await h.post(taskFetch(grace, { verb: 'session.delete', sessionId }));
    expect(del.body.task.value.card.content.fallbackText).toBe('Delete Open office hours?');
    const adaBefore = h.callsTo(conversationIdOf(ada)).length;
    expect(
      (await h.post(taskSubmit(grace, { verb: 'session.delete', sessionId, confirm: 'yes' })))
        .status,
    ).toBe(200);
    await eventually(() =>
      expect(textOf(h.callsTo(conversationIdOf(ada)).slice(adaBefore))).toContain(
        'Session cancelled',
      ),
    );
  });

  it('answers a switched-off feature with one sentence, and unknown text with help', async () => {
    const settings = await h.post(taskFetch(grace, { verb: 'settings' }));
    const values = Object.fromEntries(
      (settings.body.task.value.card.content.body as { id?: string; value?: string }[])
        .filter((e) => e.id)
        .map((e) => [e.id, e.value ?? '']),
    );
    const badSettings = await h.post(
      taskSubmit(grace, { verb: 'settings', ...values, minSessionMinutes: 'soon' }),
    );
    expect(textOf(badSettings.body)).toContain(
      'The minimum session length must be a number, like 5.',
    );
    const saved = await h.post(
      taskSubmit(grace, { verb: 'settings', ...values, menteeRequests: 'false' }),
    );
    expect(saved.status).toBe(200);
    const off = await h.post(taskFetch(ada, { verb: 'request.new' }));
    expect(off.body.task).toEqual({
      type: 'message',
      value:
        'Requesting a session from a mentor is turned off in this workspace. Ask a mentorbot admin if you need it.',
    });
    const notAdmin = await h.post(taskFetch(ada, { verb: 'settings' }));
    expect(notAdmin.body.task.value).toBe('Only mentorbot admins can change workspace settings.');
    // The help card's buttons are the core's home actions: no request button while it is off.
    expect(await helpButtons(ada)).toEqual(['Find a mentor', 'My sessions', 'My profile']);
    await h.post(taskSubmit(grace, { verb: 'settings', ...values, menteeRequests: 'true' }));
    expect(await helpButtons(ada)).toEqual([
      'Request a session',
      'Find a mentor',
      'My sessions',
      'My profile',
    ]);
    // Grace, admin and mentor, has every button, in rows of at most five.
    expect(await helpButtons(grace)).toEqual([
      'Request a session',
      'Find a mentor',
      'My sessions',
      'My profile',
      'Create session',
      'Find mentees',
      'Requests for you',
      'Workspace settings',
      'Manage roles',
    ]);

    const before = h.callsTo(conversationIdOf(ada)).length;
    await h.post(message(ada, 'what is this?'));
    expect(textOf(h.callsTo(conversationIdOf(ada)).slice(before))).toContain(
      'Type one of these commands',
    );
  });

  it('refuses bad input without crashing', async () => {
    expect((await h.post('{not json')).status).toBe(400);
    expect((await h.post({ hello: 'world' })).status).toBe(400);
    expect((await h.post([1, 2])).status).toBe(400);
    const noUser = {
      ...message(ada, 'help'),
      from: { id: '29:x' },
      conversation: { id: 'a:x' },
      channelData: {},
    };
    expect((await h.post(noUser)).status).toBe(200);
    const junk = await h.post(
      taskSubmit(ada, { verb: 'session.create', title: { $gt: '' }, startDate: 42 }),
    );
    expect(junk.body.task.type).toBe('continue');
    const unknownVerb = await press(ada, 'session.enrol', { sessionId: 'nope' }, 'old-card');
    expect(unknownVerb.card).toContain('no longer exists');
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
