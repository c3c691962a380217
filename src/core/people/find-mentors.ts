import { z } from 'zod';
import { mentorHitActions, type Switches } from '../actions.js';
import { ok, type Result } from '../errors.js';
import { offsetSchema, type PageInfo, pageStart } from '../paging.js';
import { summaryOf } from '../sessions/card.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import { tagChips } from '../views.js';
import type { Person } from './person.js';
import type { MentorListItem } from './profile.views.js';
import { searchText } from './search-text.js';

/** Mentors on one page of "find a mentor" (docs/product.md#lists). */
export const MENTOR_PAGE = 10;

const schema = z
  .object({
    text: searchText.optional(),
    offset: offsetSchema,
    /** The page's size: a list's page, or all a picker shows. */
    limit: z.number().int().min(1).max(100).default(MENTOR_PAGE),
  })
  .default({ offset: 0, limit: MENTOR_PAGE });

/** A page of mentors: how many match in all, and the search that found them. */
export interface MentorPage {
  readonly mentors: MentorListItem[];
  readonly page: PageInfo;
  /** What was searched for (absent: every mentor), for the paging buttons to carry on. */
  readonly text?: string;
}

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
 * headline or expertise, a page at a time with the true count, so every one is reached
 * (docs/product.md#lists). The actor is left out: nobody requests a session with themselves.
 */
export function findMentors(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<MentorPage>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input }) => {
    const text = input.text || undefined;
    const total = await deps.people.countMentors(workspace.id, text, actor.id);
    const offset = pageStart(input.offset, input.limit, total);
    const found = await deps.people.listMentors(workspace.id, text, offset + input.limit, actor.id);
    const mentors = found
      .slice(offset, offset + input.limit)
      .map((m) => mentorListItem(m, actor, workspace.config));
    return ok({
      mentors,
      page: { offset, size: input.limit, total },
      ...(text ? { text } : {}),
    });
  });
}
