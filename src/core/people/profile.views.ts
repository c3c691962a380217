import type { ActionKind } from '../actions.js';
import type { FreeTimesView } from '../booking/free-times.js';
import type { PersonSummary, RequestView, SessionCard, TagChips } from '../views.js';
import type { MeetingPlatform, MenteeProfile, MentorProfile, Role } from './person.js';

/** The acting person's own profile page: both profiles and whether they may become a mentor. */
export interface MyProfileView {
  readonly person: PersonSummary;
  readonly timeZone: string;
  /** `timeZone` is the workspace's default: the person's own is not known yet. */
  readonly zoneIsDefault?: true;
  readonly roles: readonly Role[];
  readonly mentorProfile?: MentorProfile;
  readonly menteeProfile: MenteeProfile;
  /** `editMenteeProfile`, `editMentorProfile`, `previewMentorProfile`, `editSettings`, ... */
  readonly actions: readonly ActionKind[];
}

/** docs/product.md#mentor-profile: a mentor's profile as a viewer sees it. */
export interface MentorProfileView {
  readonly mentor: PersonSummary;
  /** The mentor's own zone, which the availability is written in. */
  readonly mentorTimeZone: string;
  readonly headline: string;
  readonly bio: string;
  readonly expertise: TagChips;
  readonly meetingPlatform: MeetingPlatform;
  /** Published sessions the viewer may join or is invited to, with free seats. */
  readonly upcomingSessions: readonly SessionCard[];
  /** One page of the free times of the next 14 days, in the viewer's zone. */
  readonly freeTimes: FreeTimesView;
  /** The viewer's open request with this mentor, whichever side sent it. */
  readonly pendingRequest?: RequestView;
  readonly isOwnProfile: boolean;
  /** `requestSession` and `bookSlot` (`mentorProfileActions`). */
  readonly actions: readonly ActionKind[];
}

/** docs/product.md#mentee-profile-and-search: one mentee in a mentor's search. */
export interface MenteeSearchResult {
  readonly mentee: PersonSummary;
  readonly interests: TagChips;
  readonly timeZone: string;
  /** A request between the mentor searching and this mentee is open (either side sent it). */
  readonly openRequest: boolean;
  /** `offerMentoring`: mentor requests on, no open request for the pair, not oneself. */
  readonly actions: readonly ActionKind[];
}

/** One mentor in "find a mentor" and the `/request-session` picker. */
export interface MentorListItem {
  readonly mentor: PersonSummary;
  readonly headline: string;
  readonly expertise: TagChips;
  /** Whether the mentor has any weekly availability to book from. */
  readonly hasAvailability: boolean;
  /** `viewMentorProfile`, and `requestSession` when mentee requests are on. */
  readonly actions: readonly ActionKind[];
}
