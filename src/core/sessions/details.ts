import { z } from 'zod';
import { ok, type Result } from '../errors.js';
import { type CoreDeps, runQuery } from '../usecase.js';
import type { SessionCard } from '../views.js';
import { seesMeeting } from './access.js';
import { sessionCard } from './card.js';
import { sessionIdSchema } from './fields.js';
import { type QueryRequest, visibleSession } from './load.js';
import { peopleFor } from './notify.js';
import type { MeetingInfo } from './session.js';

export interface SessionDetails {
  readonly session: SessionCard;
  /** Carried by edit forms, so a stale form is refused. */
  readonly version: number;
  /** Meeting id and passcode too: for managers, and for participants while joinable. */
  readonly meeting?: MeetingInfo;
}

const detailsSchema = z.object({ sessionId: sessionIdSchema });

/**
 * One session as the reader sees it; a private one they are not part of is "not found". The
 * edit form's values come from `sessionForm({ mode: 'edit' })`.
 */
export function getSessionDetails(
  deps: CoreDeps,
  request: QueryRequest,
): Promise<Result<SessionDetails>> {
  return runQuery(deps, request, detailsSchema, async ({ actor, workspace, input, now }) => {
    const found = await visibleSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    return ok({
      session: sessionCard(
        session,
        actor,
        await peopleFor(deps, session),
        now,
        workspace.config,
        deps,
      ),
      version: session.version,
      ...(session.meeting && seesMeeting(session, actor, now) ? { meeting: session.meeting } : {}),
    });
  });
}
