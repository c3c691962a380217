import type { PersonId, WorkspaceId } from '../people/person.js';

export type RequestId = string;

/** Who asked whom (docs/product.md#mentorship-requests). */
export type RequestKind = 'menteeToMentor' | 'mentorToMentee';

export type RequestStatus =
  | 'pending'
  | 'scheduled'
  | 'accepted'
  | 'declined'
  | 'dismissed'
  | 'expired';

export interface MentorshipRequest {
  readonly id: RequestId;
  readonly workspaceId: WorkspaceId;
  readonly kind: RequestKind;
  readonly menteeId: PersonId;
  readonly mentorId: PersonId;
  readonly message?: string;
  readonly status: RequestStatus;
  /** Set when a session was scheduled from the request. */
  readonly sessionId?: string;
  /** A mentee's request for another session like this one (docs/product.md#clone). */
  readonly likeSession?: { readonly id: string; readonly title: string };
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /**
   * When a pending request becomes `expired` (configured age,
   * docs/product.md#request-statuses).
   */
  readonly expiresAt: Date;
}

export const MAX_REQUEST_MESSAGE = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A pending request expires after the workspace's configured age
 * (docs/product.md#request-statuses, default 30 days).
 */
export const expiresAtFrom = (createdAt: Date, expiryDays: number) =>
  new Date(createdAt.getTime() + expiryDays * DAY_MS);
