import { type ActionKind, requestActions } from '../actions.js';
import type { Person, PersonId } from '../people/person.js';
import { summaryOf } from '../sessions/card.js';
import { timeView } from '../time.js';
import type { CoreDeps } from '../usecase.js';
import type { RequestView } from '../views.js';
import type { MentorshipRequest } from './request.js';

type Named = Pick<Person, 'id' | 'displayName'>;

const summary = (people: ReadonlyMap<PersonId, Named>, id: PersonId) => {
  const person = people.get(id);
  return person ? summaryOf(person) : { id, name: 'A former member' };
};

/** The request as `viewer` sees it: times in their zone, and what they may do with it. */
export function requestView(
  request: MentorshipRequest,
  people: ReadonlyMap<PersonId, Named>,
  viewer: Pick<Person, 'id' | 'timeZone' | 'timeZoneFrom'>,
): RequestView {
  return {
    id: request.id,
    kind: request.kind,
    status: request.status,
    mentee: summary(people, request.menteeId),
    mentor: summary(people, request.mentorId),
    ...(request.message ? { message: request.message } : {}),
    createdAt: timeView(request.createdAt, viewer),
    expiresAt: timeView(request.expiresAt, viewer),
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    ...(request.likeSession ? { likeSession: request.likeSession } : {}),
    actions: requestActions(request, viewer, people.has(request.mentorId)),
  };
}

export const peopleMap = (people: readonly Person[]) => new Map(people.map((p) => [p.id, p]));

/** The mentees and mentors these requests mention, by id. */
export async function peopleOfRequests(
  deps: CoreDeps,
  requests: readonly MentorshipRequest[],
): Promise<Map<PersonId, Person>> {
  const ids = [...new Set(requests.flatMap((r) => [r.menteeId, r.mentorId]))];
  return peopleMap(await deps.people.getMany(ids));
}

/** Who sent the request: the one told when it expires. */
export const senderOf = (request: Pick<MentorshipRequest, 'kind' | 'menteeId' | 'mentorId'>) =>
  request.kind === 'menteeToMentor' ? request.menteeId : request.mentorId;

/**
 * A request in "My mentorship requests": `dismissOffer` on a mentor's pending offer,
 * `viewMentorProfile` to book or request a session (which accepts the offer). `actions` is
 * the request's own list, repeated for the list renderers.
 */
export interface MyRequestItem {
  readonly request: RequestView;
  readonly actions: readonly ActionKind[];
}

/** A mentee's request as the mentor sees it: `scheduleRequest` and `declineRequest`. */
export interface IncomingRequestItem {
  readonly request: RequestView;
  readonly actions: readonly ActionKind[];
}
