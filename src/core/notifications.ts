import type { PersonId, WorkspaceId } from './people/person.js';
import type { SessionChange } from './sessions/announce.js';
import type { PersonSummary, RequestView, SessionCard } from './views.js';

/**
 * Every message the product sends to a person. Each carries view models made for the
 * recipient (their zone, their buttons); the adapter's Notifier renders and delivers it.
 */
interface Base {
  readonly recipient: PersonId;
  readonly workspaceId: WorkspaceId;
}

export type Notification = Base &
  (
    | { readonly kind: 'sessionInvited'; readonly session: SessionCard; readonly by: PersonSummary }
    | {
        readonly kind: 'sessionCancelled';
        readonly session: SessionCard;
        readonly by: PersonSummary;
      }
    /** A published or live session changed: what, before -> after, in the reader's zone. */
    | {
        readonly kind: 'sessionChanged';
        readonly session: SessionCard;
        readonly changes: readonly SessionChange[];
        readonly by: PersonSummary;
      }
    /** The reader became one of the session's mentors. */
    | { readonly kind: 'mentorAdded'; readonly session: SessionCard; readonly by: PersonSummary }
    /** The reader is no longer one of the session's mentors. */
    | { readonly kind: 'mentorRemoved'; readonly session: SessionCard; readonly by: PersonSummary }
    | {
        readonly kind: 'sessionBooked';
        readonly session: SessionCard;
        readonly mentee: PersonSummary;
      }
    /**
     * Mentee -> mentor request arrived: *Schedule session* and *Decline*
     * (docs/product.md#mentee-asks-a-mentor).
     */
    | {
        readonly kind: 'requestReceived';
        readonly request: RequestView;
        /** The request also accepted the mentor's pending offer to this mentee. */
        readonly acceptedOffer?: boolean;
      }
    /** The mentor scheduled a session from the mentee's request. */
    | {
        readonly kind: 'requestScheduled';
        readonly request: RequestView;
        readonly session: SessionCard;
      }
    | { readonly kind: 'requestDeclined'; readonly request: RequestView }
    /** "I want to mentor you!" arrived: *View profile* / *Book* / *Dismiss*. */
    | {
        readonly kind: 'mentorOffer';
        readonly request: RequestView;
        readonly mentorHeadline: string;
      }
    /** The mentee booked or requested after the mentor's offer: it is accepted. */
    | { readonly kind: 'offerAccepted'; readonly request: RequestView }
    | { readonly kind: 'requestExpired'; readonly request: RequestView }
    | {
        readonly kind: 'sessionReminder';
        readonly session: SessionCard;
        /** The configured offset this reminder is for. */
        readonly minutesBefore: number;
        /** The true time left when it was sent: what the reminder says. */
        readonly minutesLeft: number;
      }
    /** An invitee who has not enrolled is reminded once to answer the invitation. */
    | {
        readonly kind: 'invitationReminder';
        readonly session: SessionCard;
        readonly minutesLeft: number;
      }
    | { readonly kind: 'sessionLive'; readonly session: SessionCard }
    | { readonly kind: 'sessionCompleted'; readonly session: SessionCard }
  );

export type NotificationKind = Notification['kind'];
