import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import { expireRequests } from '../../../src/core/requests/expire-requests.js';
import { requestSession } from '../../../src/core/requests/request-session.js';
import { sendMentorOffer } from '../../../src/core/requests/send-mentor-offer.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  TEST_NOW,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await useCore();
});
afterAll(() => h.close());

const DAY = 86_400_000;

describe('request expiry (docs/product.md#request-statuses)', () => {
  it('expires pending requests past their age, tells each sender once, and frees the pair', async () => {
    h.clock.set(TEST_NOW);
    const workspace = await createWorkspace(h, { config: { requestExpiryDays: 10 } });
    const mentor = await createPerson(h, workspace, {
      roles: ['mentor'],
      timeZone: 'Europe/Berlin',
    });
    const mentee = await createPerson(h, workspace, { timeZone: 'America/New_York' });
    const looking = await createPerson(h, workspace, { menteeProfile: { lookingForMentor: true } });
    const asked = succeeded(
      await requestSession(h.deps, { actor: actorOf(mentee), input: { mentorId: mentor.id } }),
    );
    const offered = succeeded(
      await sendMentorOffer(h.deps, { actor: actorOf(mentor), input: { menteeId: looking.id } }),
    );
    // Created later: not yet due when the others are.
    h.clock.advance(5 * DAY);
    const late = await createPerson(h, workspace);
    succeeded(
      await requestSession(h.deps, { actor: actorOf(late), input: { mentorId: mentor.id } }),
    );
    h.notifier.clear();

    // One millisecond before the age: nothing expires.
    expect(
      succeeded(await expireRequests(h.deps, new Date(TEST_NOW.getTime() + 10 * DAY - 1))),
    ).toBe(0);

    const due = new Date(TEST_NOW.getTime() + 10 * DAY);
    expect(succeeded(await expireRequests(h.deps, due))).toBe(2);
    expect(h.notifier.sent.map((n) => [n.kind, n.recipient]).sort()).toEqual(
      [
        ['requestExpired', mentee.id],
        ['requestExpired', mentor.id],
      ].sort(),
    );
    const toMentee = h.notifier.to(mentee.id)[0];
    expect(toMentee?.kind === 'requestExpired' && toMentee.request.createdAt.timeZone).toBe(
      'America/New_York',
    );
    expect((await h.deps.requests.get(asked.request.id))?.status).toBe('expired');
    expect((await h.deps.requests.get(offered.request.id))?.status).toBe('expired');

    // A second run (a retried job, a second instance) changes and tells nothing.
    expect(succeeded(await expireRequests(h.deps, due))).toBe(0);
    expect(h.notifier.sent).toHaveLength(2);

    // The pair may open a new request once the old one expired.
    h.clock.set(due);
    succeeded(
      await requestSession(h.deps, { actor: actorOf(mentee), input: { mentorId: mentor.id } }),
    );
    errorOf(
      await requestSession(h.deps, { actor: actorOf(late), input: { mentorId: mentor.id } }),
      ErrorCode.Conflict,
    );
  });

  it('leaves answered requests alone', async () => {
    h.clock.set(TEST_NOW);
    const workspace = await createWorkspace(h, { config: { requestExpiryDays: 1 } });
    const mentor = await createPerson(h, workspace, { roles: ['mentor'] });
    const mentee = await createPerson(h, workspace);
    const { request } = succeeded(
      await requestSession(h.deps, { actor: actorOf(mentee), input: { mentorId: mentor.id } }),
    );
    await h.deps.requests.transition(request.id, ['pending'], 'scheduled', TEST_NOW, {
      sessionId: 'S1',
    });
    h.notifier.clear();
    expect(succeeded(await expireRequests(h.deps, new Date(TEST_NOW.getTime() + 2 * DAY)))).toBe(0);
    expect(await h.deps.requests.get(request.id)).toMatchObject({
      status: 'scheduled',
      sessionId: 'S1',
    });
    expect(h.notifier.sent).toHaveLength(0);
  });
});
