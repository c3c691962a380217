import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  botAdded,
  conversationIdOf,
  personIdOf,
  teamsUser,
} from '../../fixtures/teams/activities.js';
import { everyNotification } from '../../fixtures/teams/views.js';
import { cardsOf, expectValidCard } from './cards.js';
import { startTeams, type TeamsHarness } from './harness.js';

const TENANT = 'tenant-dm';
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeams();
});
afterAll(() => h?.stop());

/** A person whose chat with the bot lives on its own connector host, to script its answers. */
async function personOn(host: string, name: string) {
  const user = teamsUser(name, TENANT);
  const hello = { ...botAdded(user), serviceUrl: `https://${host}/amer/` };
  // The welcome card goes out on that host too.
  nock(`https://${host}`).post(/.*/).reply(200, { id: 'welcome' });
  expect((await h.post(hello)).status).toBe(200);
  return user;
}

describe('proactive DMs (the core Notifier on Teams)', () => {
  it("delivers every notification kind as a card into the person's chat", async () => {
    const ada = teamsUser('Ada Lovelace', TENANT);
    await h.post(botAdded(ada));
    const before = h.callsTo(conversationIdOf(ada)).length;
    for (const n of everyNotification(personIdOf(ada), `teams:${TENANT}`))
      await h.app.notifier.notify(n);
    const sent = h.callsTo(conversationIdOf(ada)).slice(before);
    const all = everyNotification(personIdOf(ada), `teams:${TENANT}`);
    // One new message each; the earlier cards about the same session are redrawn (PUT):
    // the invitation when it is cancelled, then invitation, booking and scheduled request
    // when it changes.
    expect(sent.filter((c) => c.method === 'POST')).toHaveLength(all.length);
    expect(sent.filter((c) => c.method === 'PUT')).toHaveLength(4);
    for (const call of sent) for (const card of cardsOf(call.body)) expectValidCard(card);
  });

  it('retries 429 (Retry-After) and 502/504 with backoff, then delivers once', async () => {
    const grace = await personOn('smba-busy.test', 'Grace Hopper');
    const scope = nock('https://smba-busy.test')
      .post(/\/activities/)
      .reply(429, {}, { 'retry-after': '0' })
      .post(/\/activities/)
      .reply(502)
      .post(/\/activities/)
      .reply(504)
      .post(/\/activities/)
      .reply(200, { id: 'delivered' });
    const [n] = everyNotification(personIdOf(grace), `teams:${TENANT}`);
    await h.app.notifier.notify(n!);
    scope.done();
  });

  it('marks a person who removed the bot (403) unreachable and never retries them', async () => {
    const alan = await personOn('smba-gone.test', 'Alan Turing');
    const scope = nock('https://smba-gone.test')
      .post(/\/activities/)
      .reply(403, { error: { code: 'BotNotInConversationRoster' } });
    const [first, second] = everyNotification(personIdOf(alan), `teams:${TENANT}`);
    await h.app.notifier.notify(first!);
    scope.done();
    // No interceptor left: a second attempt would fail the test with a network error.
    await h.app.notifier.notify(second!);
    const stored = await h.app.database.db
      .collection('teams_conversations')
      .findOne({ _id: personIdOf(alan) as never });
    expect(stored?.unreachable?.status).toBe(403);
  });

  it('logs and skips a person who never talked to the bot', async () => {
    const [n] = everyNotification(`teams:${TENANT}:never-seen`, `teams:${TENANT}`);
    await expect(h.app.notifier.notify(n!)).resolves.toBeUndefined();
  });
});
