import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { isMentor } from '../people/person.js';
import type { CoreDeps } from '../usecase.js';
import { type Actor, runCommand } from '../usecase.js';
import type { RequestView } from '../views.js';
import { requireFeature } from '../workspaces/features.js';
import { repeatableSession } from './another.js';
import { acceptPendingOffer, openRequest } from './pair.js';
import type { MentorshipRequest } from './request.js';
import { peopleMap, requestView } from './request.view.js';
import { requestMessageSchema } from './schemas.js';

const schema = z.object({
  mentorId: z.string({ error: 'Pick a mentor.' }).trim().min(1, { error: 'Pick a mentor.' }),
  message: requestMessageSchema,
  /** "Another session like this one": the live or completed session it asks to repeat. */
  sessionId: z.string().trim().min(1).optional(),
});

export interface RequestSessionOutcome {
  /** `requested`: a new request is waiting for the mentor. `offerAccepted`: the same, and the
   * mentor's pending offer to mentor this mentee is now accepted too. */
  readonly outcome: 'requested' | 'offerAccepted';
  readonly request: RequestView;
}

/**
 * docs/product.md#mentee-asks-a-mentor, "Request a Session" / `/request-session`: a mentee asks
 * a mentor for a session, with an optional message. One open request per mentee-mentor pair.
 */
export function requestSession(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<RequestSessionOutcome>> {
  return runCommand(deps, request, schema, async ({ actor, workspace, input, now, effects }) => {
    const off = requireFeature(workspace, 'menteeRequests');
    if (off) return fail(off);
    if (input.mentorId === actor.id) {
      return fail(validation({ mentorId: 'You cannot request a session with yourself.' }));
    }
    const mentor = await deps.people.get(input.mentorId);
    if (!mentor || mentor.workspaceId !== workspace.id || !isMentor(mentor)) {
      return fail(
        validation({ mentorId: 'We could not find that mentor. Pick one from the list.' }),
      );
    }
    // A pending offer from this mentor is accepted, and the request still goes, with the
    // mentee's words: the mentor schedules from it (issue 10 point 10).
    let likeSession: MentorshipRequest['likeSession'];
    if (input.sessionId) {
      const like = await repeatableSession(deps, input.sessionId, actor, mentor.id, now);
      if (!like.ok) return like;
      likeSession = like.value;
    }
    const offer = await acceptPendingOffer(deps, { now, effects }, actor, mentor, undefined, false);
    const opened = await openRequest(
      deps,
      { workspace, now },
      {
        kind: 'menteeToMentor',
        menteeId: actor.id,
        mentorId: mentor.id,
        message: input.message,
        ...(likeSession ? { likeSession } : {}),
      },
      mentor,
    );
    if (!opened.ok) return opened;
    const created = opened.value;
    const people = peopleMap([actor, mentor]);
    effects.notify({
      kind: 'requestReceived',
      recipient: mentor.id,
      workspaceId: workspace.id,
      request: requestView(created, people, mentor),
      ...(offer ? { acceptedOffer: true } : {}),
    });
    return ok({
      outcome: offer ? 'offerAccepted' : 'requested',
      request: requestView(created, people, actor),
    });
  });
}
