import { z } from 'zod';
import { ok, type Result } from '../errors.js';
import type { PersonId } from '../people/person.js';
import { type CoreDeps, runQuery } from '../usecase.js';
import type { SessionCard } from '../views.js';
import type { VocabularyName } from '../workspaces/workspace.js';
import { canManage, isParticipant, joinable } from './access.js';
import { sessionCard } from './card.js';
import { sessionIdSchema, type TagPick } from './fields.js';
import { type QueryRequest, visibleSession } from './load.js';
import { peopleFor } from './notify.js';
import type { MeetingInfo, SessionType } from './session.js';
import { tagPickOf } from './vocabulary.js';
import { localMomentOf } from './when.js';

/** The edit form filled with the session's values, times in the reader's zone. */
export interface SessionForm {
  readonly title: string;
  readonly description: string;
  readonly imageUrl: string;
  readonly type: SessionType;
  readonly start: { readonly date: string; readonly time: string };
  readonly end: { readonly date: string; readonly time: string };
  readonly timeZone: string;
  readonly seatLimit: number;
  readonly recommendedFor: TagPick;
  readonly categories: TagPick;
  readonly medium: TagPick;
  readonly mentorIds: readonly PersonId[];
  readonly menteeIds: readonly PersonId[];
}

export interface SessionDetails {
  readonly session: SessionCard;
  /** Carried by edit forms, so a stale form is refused. */
  readonly version: number;
  /** Meeting id and passcode too: for managers, and for participants while joinable. */
  readonly meeting?: MeetingInfo;
  /**
   * Only for those who may edit the session.
   * @deprecated Open the edit form with `sessionForm({ mode: 'edit' })`, which also says which
   * fields may change; this goes once no adapter reads it.
   */
  readonly form?: SessionForm;
}

const detailsSchema = z.object({ sessionId: sessionIdSchema });

export type GetSessionDetailsInput = z.input<typeof detailsSchema>;

/** One session as the reader sees it; a private one they are not part of is "not found". */
export function getSessionDetails(
  deps: CoreDeps,
  request: QueryRequest,
): Promise<Result<SessionDetails>> {
  return runQuery(deps, request, detailsSchema, async ({ actor, workspace, input, now }) => {
    const found = await visibleSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    const manager = canManage(session, actor);
    const showMeeting = manager || (isParticipant(session, actor) && joinable(session, now));
    const zone = actor.timeZone;
    const pick = (name: VocabularyName) => tagPickOf(name, session[name], workspace.config);
    return ok({
      session: sessionCard(session, actor, await peopleFor(deps, session), now, workspace.config),
      version: session.version,
      ...(showMeeting && session.meeting ? { meeting: session.meeting } : {}),
      ...(manager
        ? {
            form: {
              title: session.title,
              description: session.description,
              imageUrl: session.imageUrl ?? '',
              type: session.type,
              start: localMomentOf(session.startsAt, zone),
              end: localMomentOf(session.endsAt, zone),
              timeZone: zone,
              seatLimit: session.seatLimit,
              recommendedFor: pick('recommendedFor'),
              categories: pick('categories'),
              medium: pick('medium'),
              mentorIds: session.mentorIds,
              menteeIds: session.invitedIds,
            },
          }
        : {}),
    });
  });
}
