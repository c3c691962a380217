import type { ActionKind } from './actions.js';
import type { MeetingPlatform, PersonId } from './people/person.js';
import type { RequestKind, RequestStatus } from './requests/request.js';
import type { SessionStatus, SessionType } from './sessions/session.js';
import type { TimeView } from './time.js';

/**
 * View models: everything a person sees, already decided (who may press what) and with
 * times as UTC plus the viewer's zone. Adapters only render them.
 */

export interface PersonSummary {
  readonly id: PersonId;
  readonly name: string;
}

/** docs/product.md#display: at most five chips, then "+N more". */
export interface TagChips {
  readonly shown: readonly string[];
  readonly more: number;
}

export const MAX_CHIPS = 5;

export function tagChips(tags: readonly string[]): TagChips {
  return { shown: tags.slice(0, MAX_CHIPS), more: Math.max(0, tags.length - MAX_CHIPS) };
}

export interface SessionCard {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The image's link: the session's own, or one the service signs for an image it keeps. */
  readonly imageUrl?: string;
  /** A Slack file the session shows as its image (Block Kit `slack_file`). */
  readonly imageSlackFile?: string;
  /** The image file's name, when it is a file. */
  readonly imageName?: string;
  readonly type: SessionType;
  /** Effective status: a published session past its start shows as live. */
  readonly status: SessionStatus;
  readonly start: TimeView;
  readonly end: TimeView;
  readonly mentors: readonly PersonSummary[];
  readonly menteeCount: number;
  readonly seatLimit: number;
  readonly seatsLeft: number;
  readonly recommendedFor: TagChips;
  readonly categories: TagChips;
  readonly medium: TagChips;
  readonly meetingPlatform?: MeetingPlatform;
  /** Only for mentors and enrolled mentees, from 10 minutes before the start until the end. */
  readonly joinUrl?: string;
  /** Zoom's meeting id ("123 4567 8901") and passcode: for participants only, at any time. */
  readonly meetingId?: string;
  readonly meetingPasscode?: string;
  readonly viewerRole: 'mentor' | 'enrolled' | 'invited' | 'none';
  /** What the viewer may do with it now (`sessionActions`); buttons show only these. */
  readonly actions: readonly ActionKind[];
}

export interface RequestView {
  readonly id: string;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  readonly mentee: PersonSummary;
  readonly mentor: PersonSummary;
  readonly message?: string;
  readonly createdAt: TimeView;
  readonly expiresAt: TimeView;
  readonly sessionId?: string;
  /** The session the mentee asks to repeat ("another session like this one"). */
  readonly likeSession?: { readonly id: string; readonly title: string };
  /** What the person it was made for may do with it now (`requestActions`). */
  readonly actions: readonly ActionKind[];
}

/** How much of a description a session in a list shows; the whole text is one press away. */
export const LIST_DESCRIPTION_CHARS = 280;

/**
 * The start of `text` for a list (docs/product.md#lists), cut at a word where it can be and
 * ending with "…" when anything was left out; `cut` says whether to offer the whole text.
 */
export function shortText(
  text: string,
  max = LIST_DESCRIPTION_CHARS,
): { readonly text: string; readonly cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  const kept = space > max * 0.6 ? head.slice(0, space) : head;
  return { text: `${kept.trimEnd()}…`, cut: true };
}
