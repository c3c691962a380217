import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterAck } from '../../../src/adapters/after-ack.js';
import { CONVERSATIONS_COLLECTION } from '../../../src/adapters/teams/conversations.js';
import { addLocalDays, localDateOf } from '../../../src/core/time.js';
import {
  botAdded,
  cardAction,
  message,
  personIdOf,
  taskFetch,
  taskSubmit,
  teamsUser,
} from '../../fixtures/teams/activities.js';
import { eventually, startTeams, type TeamsHarness } from './harness.js';

const TENANT = 'tenant-answers';
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeams();
});
afterAll(() => h?.stop());

/** Posts without the harness (which waits for the work after the answer). */
const raw = (activity: unknown) =>
  fetch(`${h.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });

describe('answering Teams before the work', () => {
  it('answers a message 200 before its turn runs; the reply follows through the connector', async () => {
    const ada = teamsUser('Ada Lovelace', TENANT);
    const host = 'smba-slow.test';
    await h.post({ ...botAdded(ada), serviceUrl: `https://${host}/amer/` });
    // The connector takes the reply only when the test lets it: the answer must come first.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const connector = nock(`https://${host}`)
      .post(/.*/)
      .reply((_uri, _body, callback) => {
        void held.then(() => callback(null, [200, { id: 'reply' }]));
      });
    const res = await raw({ ...message(ada, 'help'), serviceUrl: `https://${host}/amer/` });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    release();
    await afterAck.drain(3_000);
    expect(connector.isDone()).toBe(true);
  });

  it('answers a card button with a banner at once, then replaces the card with the outcome', async () => {
    const grace = teamsUser('Grace Hopper', TENANT);
    await h.post(botAdded(grace));
    const res = await raw(cardAction(grace, 'session.enrol', { sessionId: 'gone' }, 'card-9'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Enrolling you…',
    });
    const update = await eventually(() => {
      const put = h.calls.find((c) => c.method === 'PUT' && c.path.endsWith('/activities/card-9'));
      expect(put).toBeDefined();
      return put;
    });
    expect(JSON.stringify(update?.body)).toContain('no longer exists');
  });

  it('stores the conversation without the activity id, once while it is unchanged', async () => {
    const alan = teamsUser('Alan Turing', TENANT);
    await h.post(botAdded(alan));
    const stored = h.app.database.db.collection(CONVERSATIONS_COLLECTION);
    const first = await stored.findOne({ _id: personIdOf(alan) as never });
    expect(first?.reference).toBeDefined();
    expect(first?.reference.activityId).toBeUndefined();
    await h.post(message(alan, 'help'));
    const second = await stored.findOne({ _id: personIdOf(alan) as never });
    // Not written again: the same reference, the same time.
    expect(second?.updatedAt).toEqual(first?.updatedAt);
  });

  it("lists the workspace's people in the session form's invite picker, filtered by typing", async () => {
    const grace = teamsUser('Grace Hopper', TENANT);
    const joan = teamsUser('Joan Clarke', TENANT);
    await h.post(botAdded(joan)); // known to mentorbot, not looking for a mentor
    await h.post(
      taskSubmit(grace, { verb: 'profile.mentor', headline: 'Compilers', availability: '' }),
    );
    const form = await h.post(taskFetch(grace, { verb: 'session.create' }));
    const picker = (form.body.task.value.card.content.body as Record<string, unknown>[]).find(
      (e) => e.id === 'menteeIds',
    ) as { style: string; isMultiSelect: boolean; choices: { title: string; value: string }[] };
    expect(picker.style).toBe('filtered');
    expect(picker.isMultiSelect).toBe(true);
    expect(picker.choices).toContainEqual({ title: 'Joan Clarke', value: personIdOf(joan) });
    expect(picker.choices.map((c) => c.value)).not.toContain(personIdOf(grace));
  });

  it('refuses a body over 1 MB with 413 and one that is not an activity with 400', async () => {
    const huge = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(huge.status).toBe(413);
    const notActivity = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1, 2, 3]',
    });
    expect(notActivity.status).toBe(400);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('answers a dialog before the DMs it causes are delivered (they follow, paced)', async () => {
    const host = 'smba-held.test';
    const invitee = teamsUser('Mary Jackson', TENANT);
    nock(`https://${host}`).post(/.*/).reply(200, { id: 'welcome' });
    await h.post({ ...botAdded(invitee), serviceUrl: `https://${host}/amer/` });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let delivered = false;
    const dm = nock(`https://${host}`)
      .post(/.*/)
      .reply((_uri, _body, callback) => {
        void held.then(() => {
          delivered = true;
          callback(null, [200, { id: 'invite' }]);
        });
      });
    const mentor = teamsUser('Dorothy Vaughan', TENANT);
    await h.post(
      taskSubmit(mentor, { verb: 'profile.mentor', headline: 'Fortran', availability: '' }),
    );
    const day = addLocalDays(localDateOf(new Date(), 'Europe/Berlin'), 4);
    const submitted = await h.post(
      taskSubmit(mentor, {
        verb: 'session.create',
        title: 'Numerical methods',
        startDate: day,
        startTime: '10:00',
        endDate: day,
        endTime: '11:00',
        menteeIds: personIdOf(invitee),
        publish: 'yes',
      }),
    );
    // Answered (the dialog closes) while the invitee's DM is still held at the connector.
    expect(submitted).toEqual({ status: 200, body: undefined });
    await eventually(() => expect(dm.isDone()).toBe(true)); // the DM is on its way...
    expect(delivered).toBe(false); // ...and not through
    release();
    await eventually(() => expect(delivered).toBe(true));
  });

  it('logs a button outcome the connector refuses, and keeps serving', async () => {
    const host = 'smba-refuses.test';
    const katherine = teamsUser('Katherine Johnson', TENANT);
    nock(`https://${host}`).post(/.*/).reply(200, { id: 'welcome' });
    await h.post({ ...botAdded(katherine), serviceUrl: `https://${host}/amer/` });
    const refused = nock(`https://${host}`)
      .put(/.*/)
      .reply(404, { error: { code: 'NotFound' } });
    const res = await h.post({
      ...cardAction(katherine, 'session.enrol', { sessionId: 'gone' }, 'deleted-card'),
      serviceUrl: `https://${host}/amer/`,
    });
    expect(res.body.value).toBe('Enrolling you…');
    expect(refused.isDone()).toBe(true);
    expect((await h.post(message(katherine, 'help'))).status).toBe(200);
  });
});

describe('time zones from local tools (no app id: the Agents Playground, Bot Framework Emulator)', () => {
  it("starts a new person's zone from the tool, and never replaces one with the tool's machine zone", async () => {
    // The playground reports its machine's zone (UTC here) for whichever demo person it acts as.
    const priya = teamsUser('Priya Raman', TENANT, 'Asia/Kolkata');
    expect((await h.post(message(priya, 'help'))).status).toBe(200);
    expect((await h.core.people.get(personIdOf(priya)))?.timeZone).toBe('Asia/Kolkata');
    const renamed = { ...priya, name: 'Priya R.', timeZone: 'UTC' };
    expect((await h.post(message(renamed, 'help'))).status).toBe(200);
    const stored = await h.core.people.get(personIdOf(priya));
    // The name changed, so this arrival did reach the database; the zone stayed.
    expect(stored?.displayName).toBe('Priya R.');
    expect(stored?.timeZone).toBe('Asia/Kolkata');
  });
});
