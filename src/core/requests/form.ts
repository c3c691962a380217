import { z } from 'zod';
import { DomainError, ErrorCode, fail, ok, type Result, validation } from '../errors.js';
import { mentorListItem } from '../people/find-mentors.js';
import { isMentor } from '../people/person.js';
import type { MentorListItem } from '../people/profile.views.js';
import { searchText } from '../people/search-text.js';
import { summaryOf } from '../sessions/card.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import type { PersonSummary } from '../views.js';
import { requireFeature } from '../workspaces/features.js';
import { repeatableSession } from './another.js';
import { openRequestConflictMessage } from './pair.js';
import { MAX_REQUEST_MESSAGE } from './request.js';
import { mayOffer } from './send-mentor-offer.js';

/**
 * The two request forms (docs/product.md#mentorship-requests), checked before anything is filled in: `session` (a mentee asks
 * a mentor, *Request a Session*) and `offer` (a mentor's *I want to mentor you!*). The
 * feature switch, the roles and an open request for the pair answer here with the same
 * sentence the command would give.
 */
export type RequestFormView =
  | {
      readonly kind: 'session';
      /** The mentor asked, when the form was opened for one. */
      readonly mentor?: PersonSummary;
      /** Mentors to pick from: the one asked, or those matching `mentorQuery`. */
      readonly mentors: readonly MentorListItem[];
      /** The words typed after the command, to fill the message in (issue 10 point 12). */
      readonly message?: string;
      /** "Another session like this one": the session the request will link. */
      readonly likeSession?: { readonly id: string; readonly title: string };
      readonly maxMessageLength: number;
    }
  | {
      readonly kind: 'offer';
      readonly mentee: PersonSummary;
      readonly maxMessageLength: number;
    };

const schema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('session'),
      mentorId: z.string().trim().min(1).optional(),
      mentorQuery: searchText.optional(),
      /** What was typed after the request command: `@name some words`, or just words. */
      text: z.string().max(4_000).optional(),
      /** Asking for another session like this one (docs/product.md#clone). */
      sessionId: z.string().trim().min(1).optional(),
      limit: z.number().int().min(1).max(100).default(100),
    }),
    z.object({
      kind: z.literal('offer'),
      menteeId: z.string({ error: 'Pick a mentee.' }).trim().min(1, { error: 'Pick a mentee.' }),
    }),
  ],
  { error: 'Pick a request form.' },
);

/** Which request form to prepare: asking a mentor for a session, or offering to mentor. */
export type RequestFormInput = z.input<typeof schema>;

export function requestForm(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown },
): Promise<Result<RequestFormView>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input, now }) => {
    if (input.kind === 'offer') {
      const refused = mayOffer(workspace, actor);
      if (refused) return fail(refused);
      const mentee = await deps.people.get(input.menteeId);
      if (!mentee || mentee.workspaceId !== workspace.id || mentee.id === actor.id) {
        return fail(validation({ menteeId: 'We could not find that mentee. Search again.' }));
      }
      if (await deps.requests.findPending(mentee.id, actor.id)) {
        return fail(new DomainError(ErrorCode.Conflict, openRequestConflictMessage(mentee)));
      }
      return ok({
        kind: 'offer',
        mentee: summaryOf(mentee),
        maxMessageLength: MAX_REQUEST_MESSAGE,
      });
    }

    const off = requireFeature(workspace, 'menteeRequests');
    if (off) return fail(off);
    if (input.mentorId) {
      const mentor = await deps.people.get(input.mentorId);
      if (!mentor || mentor.workspaceId !== workspace.id || !isMentor(mentor)) {
        return fail(
          validation({ mentorId: 'We could not find that mentor. Pick one from the list.' }),
        );
      }
      if (mentor.id === actor.id) {
        return fail(validation({ mentorId: 'You cannot request a session with yourself.' }));
      }
      // A pending offer from the mentor does not block: requesting accepts it (docs/product.md#mentorship-requests).
      const pending = await deps.requests.findPending(actor.id, mentor.id);
      if (pending?.kind === 'menteeToMentor') {
        return fail(new DomainError(ErrorCode.Conflict, openRequestConflictMessage(mentor)));
      }
      const like = input.sessionId
        ? await repeatableSession(deps, input.sessionId, actor, mentor.id, now)
        : undefined;
      if (like && !like.ok) return like;
      return ok({
        kind: 'session',
        ...(like?.ok ? { likeSession: like.value } : {}),
        mentor: summaryOf(mentor),
        mentors: [mentorListItem(mentor, actor, workspace.config)],
        maxMessageLength: MAX_REQUEST_MESSAGE,
      });
    }
    const list = async (query: string | undefined) =>
      (await deps.people.listMentors(workspace.id, query, input.limit + 1))
        .filter((m) => m.id !== actor.id)
        .slice(0, input.limit);
    if (input.text !== undefined) {
      // A name that matched nobody still leaves the words: the form opens with them.
      const typed = readRequestText(input.text);
      const named = typed.name ? await list(typed.name) : [];
      const found = named.length > 0 ? named : await list(undefined);
      const message = (named.length > 0 || typed.mentioned ? typed.rest : typed.all).slice(
        0,
        MAX_REQUEST_MESSAGE,
      );
      const only = named.length === 1 ? named[0] : undefined;
      return ok({
        kind: 'session',
        ...(only ? { mentor: summaryOf(only) } : {}),
        mentors: found.map((m) => mentorListItem(m, actor, workspace.config)),
        ...(message ? { message } : {}),
        maxMessageLength: MAX_REQUEST_MESSAGE,
      });
    }
    const mentors = (await list(input.mentorQuery)).map((m) =>
      mentorListItem(m, actor, workspace.config),
    );
    return ok({ kind: 'session', mentors, maxMessageLength: MAX_REQUEST_MESSAGE });
  });
}

/**
 * The words after a request command, as people type them: `@Priya let's talk careers` names
 * Priya (an `@` the chat did not turn into a mention), `Priya` alone may be a name, and
 * anything else is the message.
 */
export function readRequestText(text: string): {
  name?: string;
  mentioned: boolean;
  rest: string;
  all: string;
} {
  const all = text.trim();
  const match = /^(@?)([^\s@<>]{1,100})\s*([\s\S]*)$/.exec(all);
  if (!match) return { mentioned: false, rest: all, all };
  const [, at, name, rest] = match as unknown as [string, string, string, string];
  return { name, mentioned: at === '@', rest: rest.trim(), all };
}
