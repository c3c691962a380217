import { z } from 'zod';
import { type DomainError, fail, forbidden, ok, type Result, validation } from '../errors.js';
import { isMentor, type Person } from '../people/person.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { RequestView } from '../views.js';
import { requireFeature } from '../workspaces/features.js';
import type { Workspace } from '../workspaces/workspace.js';
import { openRequest } from './pair.js';
import { peopleMap, requestView } from './request.view.js';
import { requestMessageSchema } from './schemas.js';

const schema = z.object({
  menteeId: z.string({ error: 'Pick a mentee.' }).trim().min(1, { error: 'Pick a mentee.' }),
  message: requestMessageSchema,
});

/** Mentor requests on, and the actor a mentor: who may offer at all (form and command). */
export function mayOffer(workspace: Workspace, actor: Person): DomainError | undefined {
  return (
    requireFeature(workspace, 'mentorRequests') ??
    (isMentor(actor)
      ? undefined
      : forbidden(
          'Only mentors can send "I want to mentor you!". Set up your mentor profile first.',
        ))
  );
}

/**
 * docs/product.md#mentor-offers-to-mentor, "I want to mentor you!" then *Send Request*: a
 * mentor offers to mentor a mentee who is looking for one. The mentee sees it under My
 * mentorship requests.
 */
export function sendMentorOffer(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<{ request: RequestView }>> {
  return runCommand(deps, request, schema, async ({ actor, workspace, input, now, effects }) => {
    const refused = mayOffer(workspace, actor);
    if (refused) return fail(refused);
    if (input.menteeId === actor.id) {
      return fail(validation({ menteeId: 'You cannot offer to mentor yourself.' }));
    }
    const mentee = await deps.people.get(input.menteeId);
    if (!mentee || mentee.workspaceId !== workspace.id) {
      return fail(validation({ menteeId: 'We could not find that mentee. Search again.' }));
    }
    if (!mentee.menteeProfile.lookingForMentor) {
      return fail(
        validation({ menteeId: `${mentee.displayName} is not looking for a mentor right now.` }),
      );
    }
    const opened = await openRequest(
      deps,
      { workspace, now },
      { kind: 'mentorToMentee', menteeId: mentee.id, mentorId: actor.id, message: input.message },
      mentee,
    );
    if (!opened.ok) return opened;
    const offer = opened.value;
    const people = peopleMap([actor, mentee]);
    effects.notify({
      kind: 'mentorOffer',
      recipient: mentee.id,
      workspaceId: workspace.id,
      request: requestView(offer, people, mentee),
      mentorHeadline: actor.mentorProfile?.headline ?? '',
    });
    return ok({ request: requestView(offer, people, actor) });
  });
}
