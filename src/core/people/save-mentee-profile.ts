import { z } from 'zod';
import { fail, notFound, ok, type Result } from '../errors.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import { myProfileView } from './my-profile.js';
import type { MyProfileView } from './profile.views.js';
import { tagListSchema } from './tags.js';

const schema = z.object({
  interests: tagListSchema('interest'),
  lookingForMentor: z
    .boolean({ error: 'Say whether you are looking for a mentor.' })
    .default(false),
});

/**
 * docs/product.md#mentee-profile-and-search: a mentee's interests and *looking for a mentor*,
 * which mentors search by.
 */
export function saveMenteeProfile(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<MyProfileView>> {
  return runCommand(deps, request, schema, async ({ actor, workspace, input, now }) => {
    const saved = await deps.people.saveMenteeProfile(
      actor.id,
      { interests: input.interests, lookingForMentor: input.lookingForMentor },
      now,
    );
    if (!saved) return fail(notFound('person'));
    return ok(myProfileView(saved, workspace));
  });
}
