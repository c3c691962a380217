import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { declineRequest } from '../../../src/core/requests/decline-request.js';
import { dismissOffer } from '../../../src/core/requests/dismiss-offer.js';
import {
  incomingRequests,
  myMentorshipRequests,
} from '../../../src/core/requests/list-requests.js';
import { requestSession } from '../../../src/core/requests/request-session.js';
import { sendMentorOffer } from '../../../src/core/requests/send-mentor-offer.js';
import type { Workspace } from '../../../src/core/workspaces/workspace.js';
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

interface Cast {
  workspace: Workspace;
  mentor: Person;
  mentee: Person;
}

async function cast(config: Partial<Workspace['config']> = {}): Promise<Cast> {
  h.clock.set(TEST_NOW);
  const workspace = await createWorkspace(h, { config });
  const mentor = await createPerson(h, workspace, {
    name: 'Ada Mentor',
    roles: ['mentor'],
    timeZone: 'America/New_York',
    mentorProfile: { headline: 'Staff engineer' },
  });
  const mentee = await createPerson(h, workspace, {
    name: 'Grace Mentee',
    timeZone: 'Asia/Kolkata',
    menteeProfile: { interests: ['TypeScript'], lookingForMentor: true },
  });
  h.notifier.clear();
  return { workspace, mentor, mentee };
}

const ask = (mentee: Person, mentorId: string, message?: string) =>
  requestSession(h.deps, { actor: actorOf(mentee), input: { mentorId, message } });

const offer = (mentor: Person, menteeId: string, message?: string) =>
  sendMentorOffer(h.deps, { actor: actorOf(mentor), input: { menteeId, message } });

describe('requesting a session (docs/product.md#mentee-asks-a-mentor)', () => {
  it('opens a pending request and sends the mentor a DM in their own zone', async () => {
    const { mentor, mentee } = await cast();
    const { outcome, request } = succeeded(await ask(mentee, mentor.id, '  Help me grow  '));
    expect(outcome).toBe('requested');
    expect(request).toMatchObject({
      kind: 'menteeToMentor',
      status: 'pending',
      message: 'Help me grow',
      mentee: { id: mentee.id, name: 'Grace Mentee' },
      mentor: { id: mentor.id, name: 'Ada Mentor' },
      createdAt: { utc: TEST_NOW.toISOString(), timeZone: 'Asia/Kolkata' },
    });
    const [dm, ...more] = h.notifier.to(mentor.id);
    expect(more).toHaveLength(0);
    expect(dm).toMatchObject({ kind: 'requestReceived', request: { id: request.id } });
    expect(dm?.kind === 'requestReceived' && dm.request.createdAt.timeZone).toBe(
      'America/New_York',
    );
  });

  it('expires after the workspace-configured number of days', async () => {
    const { mentor, mentee } = await cast({ requestExpiryDays: 7 });
    const { request } = succeeded(await ask(mentee, mentor.id));
    expect(request.expiresAt.utc).toBe(new Date(TEST_NOW.getTime() + 7 * 86_400_000).toISOString());
  });

  it('allows one open request per pair', async () => {
    const { mentor, mentee } = await cast();
    succeeded(await ask(mentee, mentor.id));
    h.notifier.clear();
    const again = errorOf(await ask(mentee, mentor.id, 'again'), ErrorCode.Conflict);
    expect(again.message).toBe(
      'You already have an open request with Ada Mentor. Wait for an answer, or look under My mentorship requests.',
    );
    expect(h.notifier.sent).toHaveLength(0);
    const stored = await h.deps.requests.find({
      workspaceId: mentor.workspaceId,
      mentorId: mentor.id,
      limit: 10,
    });
    expect(stored).toHaveLength(1);
  });

  it('lets only one of two identical requests sent at the same moment through', async () => {
    const { mentor, mentee } = await cast();
    const results = await Promise.all([
      ask(mentee, mentor.id, 'one'),
      ask(mentee, mentor.id, 'two'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [failed] = results.filter((r) => !r.ok);
    expect(failed && !failed.ok && failed.error.code).toBe(ErrorCode.Conflict);
    const stored = await h.deps.requests.find({
      workspaceId: mentor.workspaceId,
      mentorId: mentor.id,
      limit: 10,
    });
    expect(stored).toHaveLength(1);
    expect(h.notifier.ofKind('requestReceived')).toHaveLength(1);
  });

  it('opens a new request once the previous one was declined', async () => {
    const { mentor, mentee } = await cast();
    const first = succeeded(await ask(mentee, mentor.id));
    succeeded(
      await declineRequest(h.deps, {
        actor: actorOf(mentor),
        input: { requestId: first.request.id },
      }),
    );
    const second = succeeded(await ask(mentee, mentor.id));
    expect(second.request.id).not.toBe(first.request.id);
  });

  it('takes a message of 1,000 characters and refuses 1,001, naming the field', async () => {
    const { mentor, mentee } = await cast();
    const tooLong = errorOf(await ask(mentee, mentor.id, 'x'.repeat(1001)), ErrorCode.Validation);
    expect(tooLong.fields).toEqual({ message: 'Keep the message to 1000 characters or fewer.' });
    expect(await h.deps.requests.findPending(mentee.id, mentor.id)).toBeUndefined();
    succeeded(await ask(mentee, mentor.id, 'x'.repeat(1000)));
  });

  it('refuses an unknown mentor, a non-mentor, a mentor of another workspace and oneself', async () => {
    const { workspace, mentor, mentee } = await cast();
    const plain = await createPerson(h, workspace, { name: 'Not A Mentor' });
    const elsewhere = await createPerson(h, await createWorkspace(h), { roles: ['mentor'] });
    for (const mentorId of ['slack:T0:NOBODY', plain.id, elsewhere.id]) {
      const error = errorOf(await ask(mentee, mentorId), ErrorCode.Validation);
      expect(error.fields.mentorId).toBe('We could not find that mentor. Pick one from the list.');
    }
    const self = errorOf(await ask(mentor, mentor.id), ErrorCode.Validation);
    expect(self.fields.mentorId).toBe('You cannot request a session with yourself.');
    expect(h.notifier.sent).toHaveLength(0);
  });

  it('is refused with a clear sentence when mentee requests are turned off', async () => {
    const { mentor, mentee } = await cast({ menteeRequests: false });
    const error = errorOf(await ask(mentee, mentor.id), ErrorCode.FeatureOff);
    expect(error.message).toBe(
      'Requesting a session from a mentor is turned off in this workspace. Ask a mentorbot admin if you need it.',
    );
    expect(await h.deps.requests.findPending(mentee.id, mentor.id)).toBeUndefined();
  });

  it("accepts the mentor's pending offer and still sends the request, with the mentee's words", async () => {
    const { mentor, mentee } = await cast();
    const sent = succeeded(await offer(mentor, mentee.id, 'I can help'));
    h.notifier.clear();
    const { outcome, request } = succeeded(await ask(mentee, mentor.id, 'yes please'));
    expect(outcome).toBe('offerAccepted');
    expect(request).toMatchObject({
      kind: 'menteeToMentor',
      status: 'pending',
      message: 'yes please',
    });
    expect(h.notifier.sent).toMatchObject([
      {
        kind: 'requestReceived',
        recipient: mentor.id,
        acceptedOffer: true,
        request: { id: request.id, actions: ['scheduleRequest', 'declineRequest'] },
      },
    ]);
    const all = await h.deps.requests.find({
      workspaceId: mentor.workspaceId,
      menteeId: mentee.id,
      limit: 10,
    });
    expect(Object.fromEntries(all.map((r) => [r.id, r.status]))).toEqual({
      [sent.request.id]: 'accepted',
      [request.id]: 'pending',
    });
  });
});

describe('declining (docs/product.md#mentee-asks-a-mentor)', () => {
  it('lets the mentor decline once and tells the mentee', async () => {
    const { mentor, mentee } = await cast();
    const { request } = succeeded(await ask(mentee, mentor.id));
    h.notifier.clear();
    const declined = succeeded(
      await declineRequest(h.deps, { actor: actorOf(mentor), input: { requestId: request.id } }),
    );
    expect(declined.request.status).toBe('declined');
    expect(h.notifier.sent.map((n) => [n.kind, n.recipient])).toEqual([
      ['requestDeclined', mentee.id],
    ]);
    const twice = errorOf(
      await declineRequest(h.deps, { actor: actorOf(mentor), input: { requestId: request.id } }),
      ErrorCode.AlreadyDone,
    );
    expect(twice.message).toBe('This request was already declined.');
    expect(h.notifier.sent).toHaveLength(1);
  });

  it('is not possible for the mentee or another mentor', async () => {
    const { workspace, mentor, mentee } = await cast();
    const other = await createPerson(h, workspace, { roles: ['mentor'] });
    const { request } = succeeded(await ask(mentee, mentor.id));
    for (const actor of [mentee, other]) {
      errorOf(
        await declineRequest(h.deps, { actor: actorOf(actor), input: { requestId: request.id } }),
        ErrorCode.NotFound,
      );
    }
    expect((await h.deps.requests.get(request.id))?.status).toBe('pending');
  });
});

describe('"I want to mentor you!" (docs/product.md#mentor-offers-to-mentor)', () => {
  it('sends the offer to a looking mentee, with the mentor headline', async () => {
    const { mentor, mentee } = await cast();
    const { request } = succeeded(await offer(mentor, mentee.id, 'Happy to help'));
    expect(request).toMatchObject({
      kind: 'mentorToMentee',
      status: 'pending',
      message: 'Happy to help',
    });
    const [dm] = h.notifier.to(mentee.id);
    expect(dm).toMatchObject({ kind: 'mentorOffer', mentorHeadline: 'Staff engineer' });
    expect(dm?.kind === 'mentorOffer' && dm.request.createdAt.timeZone).toBe('Asia/Kolkata');
  });

  it('is refused when mentor requests are turned off', async () => {
    const { mentor, mentee } = await cast({ mentorRequests: false });
    const error = errorOf(await offer(mentor, mentee.id), ErrorCode.FeatureOff);
    expect(error.message).toMatch(/turned off in this workspace\. Ask a mentorbot admin/);
    expect(h.notifier.sent).toHaveLength(0);
  });

  it('needs a mentor, a mentee who is looking, and no open request for the pair', async () => {
    const { workspace, mentor, mentee } = await cast();
    const notLooking = await createPerson(h, workspace, { name: 'Busy Bee' });
    const error = errorOf(await offer(mentor, notLooking.id), ErrorCode.Validation);
    expect(error.fields.menteeId).toBe('Busy Bee is not looking for a mentor right now.');

    errorOf(await offer(mentee, mentor.id), ErrorCode.Forbidden);

    succeeded(await ask(mentee, mentor.id));
    const clash = errorOf(await offer(mentor, mentee.id), ErrorCode.Conflict);
    expect(clash.message).toMatch(/^You already have an open request with Grace Mentee\./);
  });

  it('refuses a message over 1,000 characters', async () => {
    const { mentor, mentee } = await cast();
    const error = errorOf(await offer(mentor, mentee.id, 'y'.repeat(1001)), ErrorCode.Validation);
    expect(Object.keys(error.fields)).toEqual(['message']);
  });

  it('can be dismissed by the mentee, and nobody is notified', async () => {
    const { mentor, mentee } = await cast();
    const { request } = succeeded(await offer(mentor, mentee.id));
    h.notifier.clear();
    const dismissed = succeeded(
      await dismissOffer(h.deps, { actor: actorOf(mentee), input: { requestId: request.id } }),
    );
    expect(dismissed.request.status).toBe('dismissed');
    expect(h.notifier.sent).toEqual([]);
    errorOf(
      await dismissOffer(h.deps, { actor: actorOf(mentee), input: { requestId: request.id } }),
      ErrorCode.AlreadyDone,
    );
    // The mentor cannot dismiss their own offer, and a mentee's request cannot be "dismissed".
    const again = succeeded(await offer(mentor, mentee.id));
    errorOf(
      await dismissOffer(h.deps, {
        actor: actorOf(mentor),
        input: { requestId: again.request.id },
      }),
      ErrorCode.NotFound,
    );
    expect(h.notifier.ofKind('offerAccepted')).toHaveLength(0);
  });
});

describe('My mentorship requests (docs/product.md#my-mentorship-requests)', () => {
  it('shows only requests where the actor is the mentee, pending first, with Dismiss on offers', async () => {
    const { workspace, mentor, mentee } = await cast();
    const otherMentor = await createPerson(h, workspace, {
      name: 'Other Mentor',
      roles: ['mentor'],
    });
    const menteeOfMentor = await createPerson(h, workspace, {
      menteeProfile: { lookingForMentor: true },
    });
    // The mentor is also a mentee (docs/product.md#roles): their own request to another mentor
    // is theirs to see.
    const ownAsMentee = succeeded(await ask(mentor, otherMentor.id));
    // Requests where the mentor is the mentor must never show in this view.
    succeeded(await ask(menteeOfMentor, mentor.id));
    succeeded(await offer(mentor, mentee.id));

    const forMentor = succeeded(await myMentorshipRequests(h.deps, { actor: actorOf(mentor) }));
    expect(forMentor.requests.map((i) => i.request.id)).toEqual([ownAsMentee.request.id]);
    expect(forMentor.requests.every((i) => i.request.mentee.id === mentor.id)).toBe(true);

    h.clock.advance(60_000);
    const old = succeeded(await ask(mentee, otherMentor.id));
    succeeded(
      await declineRequest(h.deps, {
        actor: actorOf(otherMentor),
        input: { requestId: old.request.id },
      }),
    );
    const forMentee = succeeded(await myMentorshipRequests(h.deps, { actor: actorOf(mentee) }));
    expect(
      forMentee.requests.map((i) => [
        i.request.kind,
        i.request.status,
        i.actions.includes('dismissOffer'),
      ]),
    ).toEqual([
      ['mentorToMentee', 'pending', true],
      ['menteeToMentor', 'declined', false],
    ]);
    expect(forMentee.requests[0]?.request.createdAt.timeZone).toBe('Asia/Kolkata');
  });

  it('gives mentors their incoming mentee requests separately, and only to mentors', async () => {
    const { mentor, mentee } = await cast();
    const { request } = succeeded(await ask(mentee, mentor.id, 'hi'));
    succeeded(
      await offer(
        mentor,
        (
          await createPerson(h, (await h.deps.workspaces.get(mentor.workspaceId))!, {
            menteeProfile: { lookingForMentor: true },
          })
        ).id,
      ),
    );
    const inbox = succeeded(await incomingRequests(h.deps, { actor: actorOf(mentor) }));
    expect(inbox.requests.map((i) => [i.request.id, i.actions])).toEqual([
      [request.id, ['scheduleRequest', 'declineRequest']],
    ]);
    errorOf(await incomingRequests(h.deps, { actor: actorOf(mentee) }), ErrorCode.Forbidden);
  });
});
