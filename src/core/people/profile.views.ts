import type { SlotView } from '../booking/slots.js';
import type { PersonSummary, RequestView, SessionCard, TagChips } from '../views.js';
import type { MeetingPlatform, MenteeProfile, MentorProfile, Role } from './person.js';

/** The acting person's own profile page: both profiles and whether they may become a mentor. */
export interface MyProfileView {
  readonly person: PersonSummary;
  readonly timeZone: string;
  readonly roles: readonly Role[];
  readonly mentorProfile?: MentorProfile;
  readonly menteeProfile: MenteeProfile;
  /** Whether the *Edit mentor profile* button shows: a mentor, or self-serve mentors on. */
  readonly canEditMentorProfile: boolean;
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
  /** Free slots of the next 14 days, in the viewer's zone. */
  readonly slots: readonly SlotView[];
  /** The viewer's open request with this mentor, whichever side sent it. */
  readonly pendingRequest?: RequestView;
  readonly isOwnProfile: boolean;
  readonly actions: {
    /** *Request a Session*: on in the workspace, and no open request of this mentee's. */
    readonly requestSession: boolean;
    /** *Book*: someone else's profile with at least one free slot. */
    readonly book: boolean;
  };
}

/** docs/product.md#mentee-profile-and-search: one mentee in a mentor's search. */
export interface MenteeSearchResult {
  readonly mentee: PersonSummary;
  readonly interests: TagChips;
  readonly timeZone: string;
  /** *I want to mentor you!*: mentor requests on, no open request for the pair, not oneself. */
  readonly canOffer: boolean;
}

/** One mentor in "find a mentor" and the `/request-session` picker. */
export interface MentorListItem {
  readonly mentor: PersonSummary;
  readonly headline: string;
  readonly expertise: TagChips;
  /** Whether the mentor has any weekly availability to book from. */
  readonly hasAvailability: boolean;
}
