import { z } from 'zod';
import { mentorHitActions, type Switches } from '../actions.js';
import { ok, type Result } from '../errors.js';
import { summaryOf } from '../sessions/card.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import { tagChips } from '../views.js';
import type { Person } from './person.js';
import type { MentorListItem } from './profile.views.js';
import { searchText } from './search-text.js';

const schema = z
  .object({
    text: searchText.optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });

/** One mentor as a list shows them, with what the viewer may do. */
export const mentorListItem = (mentor: Person, viewer: Person, switches: Switches) =>
  ({
    mentor: summaryOf(mentor),
    headline: mentor.mentorProfile?.headline ?? '',
    expertise: tagChips(mentor.mentorProfile?.expertise ?? []),
    hasAvailability: (mentor.mentorProfile?.availability.length ?? 0) > 0,
    actions: mentorHitActions(mentor, viewer, switches),
  }) satisfies MentorListItem;

/**
 * "Find a mentor" and the `/request-session` mentor picker: the workspace's mentors by name,
 * headline or expertise. The actor is left out: nobody requests a session with themselves.
 */
export function findMentors(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<{ mentors: MentorListItem[] }>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input }) => {
    // One more than asked, so leaving the actor out still fills the page.
    const found = await deps.people.listMentors(workspace.id, input.text, input.limit + 1);
    const mentors = found
      .filter((m) => m.id !== actor.id)
      .slice(0, input.limit)
      .map((m) => mentorListItem(m, actor, workspace.config));
    return ok({ mentors });
  });
}
