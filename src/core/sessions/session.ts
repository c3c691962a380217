import type { MeetingPlatform, PersonId, WorkspaceId } from '../people/person.js';
import type { SessionImageFile } from './image.js';

export type SessionId = string;
export type SessionType = 'public' | 'private';
export type SessionStatus = 'draft' | 'published' | 'live' | 'completed' | 'cancelled';

export interface MeetingInfo {
  readonly platform: MeetingPlatform;
  /** gmeet, whatsapp and zoom need a URL; BigBlueButton rooms are made by the service. */
  readonly url?: string;
  readonly meetingId?: string;
  readonly passcode?: string;
}

export interface Session {
  readonly id: SessionId;
  readonly workspaceId: WorkspaceId;
  readonly title: string;
  readonly description: string;
  /** The image as an https link (docs/product.md#session-fields); never with `imageFile`. */
  readonly imageUrl?: string;
  /** The image as a file a mentor picked or sent (docs/product.md#session-image). */
  readonly imageFile?: SessionImageFile;
  readonly type: SessionType;
  readonly mentorIds: readonly PersonId[];
  readonly invitedIds: readonly PersonId[];
  readonly enrolledIds: readonly PersonId[];
  readonly seatLimit: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly recommendedFor: readonly string[];
  readonly categories: readonly string[];
  readonly medium: readonly string[];
  readonly meeting?: MeetingInfo;
  readonly status: SessionStatus;
  readonly createdBy: PersonId;
  /** The session this one was cloned from (docs/product.md#clone). */
  readonly clonedFrom?: SessionId;
  /**
   * The mentorship request this session was scheduled from
   * (docs/product.md#mentee-asks-a-mentor).
   */
  readonly requestId?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Bumped by every write; conditional updates use it to refuse stale edits. */
  readonly version: number;
}

/**
 * The status a person should see. A published session past its start is live, and a
 * live one past its end completed, even if the job that flips it is late
 * (docs/product.md#lifecycle).
 */
export function effectiveStatus(
  session: Pick<Session, 'status' | 'startsAt' | 'endsAt'>,
  now: Date,
): SessionStatus {
  if (session.status === 'published' || session.status === 'live') {
    if (now >= session.endsAt) return 'completed';
    if (now >= session.startsAt) return 'live';
  }
  return session.status;
}

export const menteeCount = (s: Pick<Session, 'invitedIds' | 'enrolledIds'>) =>
  s.invitedIds.length + s.enrolledIds.length;

export const seatsLeft = (s: Pick<Session, 'invitedIds' | 'enrolledIds' | 'seatLimit'>) =>
  Math.max(0, s.seatLimit - menteeCount(s));
