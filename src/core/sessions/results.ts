import type { SessionCard } from '../views.js';
import type { MeetingInfo } from './session.js';

/**
 * What a session command returns: the session as the actor now sees it, its version (which
 * an edit form carries so a stale form is refused instead of overwriting newer data), and
 * the meeting when the actor may see its details, so an adapter shows the outcome without
 * asking for the details again. Plain data only: it is stored as the result of an
 * idempotent command.
 */
export interface SessionResult {
  readonly session: SessionCard;
  readonly version: number;
  /** For managers, and for participants while the session can be joined. */
  readonly meeting?: MeetingInfo;
}
