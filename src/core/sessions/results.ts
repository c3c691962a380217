import type { SessionCard } from '../views.js';

/**
 * What a session command returns: the session as the actor now sees it, and its version,
 * which an edit form carries so a stale form is refused instead of overwriting newer data.
 * Plain data only: it is stored as the result of an idempotent command.
 */
export interface SessionResult {
  readonly session: SessionCard;
  readonly version: number;
}
