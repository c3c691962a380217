import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import {
  botAdded,
  cardSubmit,
  type TeamsUser,
  taskFetch,
  taskSubmit,
  teamsUser,
} from '../fixtures/teams/activities.js';
import { cardsOf, expectValidCard } from '../integration/teams/cards.js';
import { type ChatCard, TeamsPerson, TeamsTenant, textOf } from './support/teams.js';

/**
 * Issue 10 point 16 (Teams): people the bot learns of without a time zone (added by an admin's
 * install: a conversationUpdate with no `localTimezone`) see times in the workspace's default
 * zone, labelled, with *Set my time zone* one press away; never silently in UTC. Ada (admin,
 * New York) sets the default to Europe/London. Raj arrives without a zone: his welcome says
 * times are in Europe/London, the workspace default; his invitation to Ada's session shows
 * its time in London, labelled. Ada moves the default to Kolkata and Raj's times follow it.
 * Raj sets his own zone (Los Angeles) in one dialog: from then on his times are his, and a
 * later change of the default leaves them alone. Carol, who arrived before any default was
 * set, is told her times are in UTC, the workspace default.
 */
const TENANT = 'tenant-default-zone';
const MEET = 'https://meet.google.com/abc-defg-hij';

let tenant: TeamsTenant;
let ada: TeamsPerson;
let raj: TeamsPerson;
let carol: TeamsPerson;

/** An activity as Teams sends it for someone it knows no zone of (no `localTimezone`). */
const zoneless = <A extends { localTimezone?: string }>(activity: A) => {
  const { localTimezone: _, ...rest } = activity;
  return rest;
};

/** Someone an admin's install adds: the bot hears of them, and they never typed. */
async function addedByAdmin(name: string): Promise<TeamsPerson> {
  const user: TeamsUser = teamsUser(name, TENANT);
  expect((await tenant.h.post(zoneless(botAdded(user)))).status).toBe(200);
  return new TeamsPerson(tenant, user);
}

// biome-ignore lint/suspicious/noExplicitAny: invoke answers
async function post(activity: object): Promise<any> {
  const res = await tenant.h.post(activity);
  expect(res.status).toBe(200);
  tenant.answered.push(...cardsOf(res.body));
  return res.body;
}

/** Every input of a dialog card, by id. */
// biome-ignore lint/suspicious/noExplicitAny: a dialog card
function inputsOf(card: any): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        out[o.id] = o;
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}

/** The data of the button titled `title` on a card. */
function buttonData(card: ChatCard, title: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && o.title === title)
        found.push(o.data as Record<string, unknown>);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card.card);
  expect(found.length, `no "${title}" button`).toBeGreaterThan(0);
  return found[0] as Record<string, unknown>;
}

async function settingsWithDefault(zone: string) {
  const form = await ada.opensDialog({ verb: 'settings' });
  const inputs = inputsOf(form);
  const values = Object.fromEntries(
    Object.entries(inputs).map(([id, input]) => [
      id,
      input.value === undefined ? '' : String(input.value),
    ]),
  );
  expect(
    await ada.submitsDialog({ verb: 'settings', ...values, defaultTimeZone: zone }),
  ).toBeUndefined();
}

beforeAll(async () => {
  // A Monday in January: New York, London, Kolkata and Los Angeles all on winter time.
  tenant = await TeamsTenant.start(TENANT, {}, new Date('2027-01-11T12:00:00Z'));
  ada = await tenant.joins('Ada Lovelace', 'America/New_York');
  carol = await addedByAdmin('Carol Shaw');
  expect(
    await ada.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'gmeet',
      meetingUrl: MEET,
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

describe('Teams: people without a known zone see the workspace default, labelled', () => {
  it('before any default is set, the default is UTC, and it says so', async () => {
    const welcome = await carol.cardSaying('the workspace default');
    expect(welcome.text).toContain(
      'Times are in UTC, the workspace default, until you set your own',
    );
    expect(welcome.text).toContain('"title":"Set my time zone"');
  }, 60_000);

  it('the admin sets the default; Raj, added without a zone, sees times in it, labelled', async () => {
    const form = inputsOf(await ada.opensDialog({ verb: 'settings' }));
    expect(form.defaultTimeZone?.value).toBe('UTC');
    await settingsWithDefault('Europe/London');

    raj = await addedByAdmin('Raj Patel');
    const welcome = await raj.cardSaying('the workspace default');
    expect(welcome.text).toContain(
      'Times are in Europe/London, the workspace default, until you set your own',
    );

    // Ada invites Raj to a session on the 3rd day from now, 09:00-10:00 in New York.
    const day = addLocalDays(localDateOf(tenant.clock.now(), 'America/New_York'), 3);
    expect(
      await ada.submitsDialog({
        verb: 'session.create',
        title: 'Parsing clinic',
        startDate: day,
        startTime: '09:00',
        endDate: day,
        endTime: '10:00',
        seatLimit: '4',
        menteeIds: raj.id,
        meetingPlatform: 'gmeet',
        meetingUrl: MEET,
        publish: 'yes',
      }),
    ).toBeUndefined();
    const invite = await raj.cardSaying('invited you to a session');
    expect(invite.text).toContain('14:00-15:00 (Europe/London, workspace default)');
    expect(invite.text).not.toContain('(UTC');
    expect(invite.text).toContain('"title":"Set my time zone"');
  }, 60_000);

  it('changing the default moves the times of everyone whose zone is not known', async () => {
    await settingsWithDefault('Asia/Kolkata');
    await post(zoneless(cardSubmit(raj.user, { verb: 'show.sessions' })));
    const sessions = await raj.cardSaying('(Asia/Kolkata, workspace default)');
    expect(sessions.text).toContain('19:30-20:30 (Asia/Kolkata, workspace default)');
    expect(sessions.text).toContain('Times are in Asia/Kolkata, the workspace default');
  }, 60_000);

  it('Raj sets his own zone in one dialog; then his times are his, whatever the default', async () => {
    const sessions = await raj.cardSaying('(Asia/Kolkata, workspace default)');
    const opened = await post(
      zoneless(taskFetch(raj.user, buttonData(sessions, 'Set my time zone'))),
    );
    const dialog = opened?.task?.value?.card?.content;
    expectValidCard(dialog);
    const zone = inputsOf(dialog).timeZone;
    expect(zone?.style).toBe('filtered');
    expect(zone?.value).toBe('Asia/Kolkata');
    expect(textOf(zone?.choices)).toContain('"value":"America/Los_Angeles"');

    const refused = await post(
      zoneless(taskSubmit(raj.user, { verb: 'profile.timeZone', timeZone: 'Mars/Olympus' })),
    );
    expect(textOf(refused)).toContain('Mars/Olympus is not a time zone');

    await post(
      zoneless(taskSubmit(raj.user, { verb: 'profile.timeZone', timeZone: 'America/Los_Angeles' })),
    );
    await raj.cardSaying('Your time zone is now America/Los_Angeles');

    await settingsWithDefault('Europe/Berlin');
    const before = raj.chat().length;
    await post(zoneless(cardSubmit(raj.user, { verb: 'show.sessions' })));
    // (Card text escapes the underscore: Los\_Angeles.)
    const mine = await raj.cardSaying('06:00-07:00 (America/Los');
    expect(raj.chat().length).toBeGreaterThan(before);
    expect(mine.text).not.toContain('workspace default');
    expect(mine.text).not.toContain('Set my time zone');
  }, 60_000);
});
