import type { Collection, Db } from 'mongodb';
import { InfrastructureError } from '../../core/errors.js';
import type { Notification } from '../../core/notifications.js';
import type { PersonId } from '../../core/people/person.js';
import type { SessionCard } from '../../core/views.js';
import { ensureIndexes, type IndexDeclaration } from '../mongo/indexes.js';

/**
 * The messages about a session each person has in their chat (an invitation, a booking, a
 * scheduled request, an enrolment), with where the platform keeps them (Slack channel and
 * `ts`, Teams conversation and activity id). When the session changes or is cancelled, the
 * notifier draws each of them again with the session as it is now, in place, so no stale
 * time or button stays on screen (docs/product.md#changes-are-announced).
 */

export const SESSION_MESSAGES_COLLECTION = 'session_messages';

/** How the message was drawn, besides the session: redrawn the same way with a new card. */
export type SessionMessageShape =
  | {
      readonly kind: 'sessionInvited';
      readonly by: Extract<Notification, { kind: 'sessionInvited' }>['by'];
    }
  | {
      readonly kind: 'sessionBooked';
      readonly mentee: Extract<Notification, { kind: 'sessionBooked' }>['mentee'];
    }
  | {
      readonly kind: 'requestScheduled';
      readonly request: Extract<Notification, { kind: 'requestScheduled' }>['request'];
    }
  /** The message an *Enroll* press turned into "You are enrolled." */
  | { readonly kind: 'enrolled' };

export interface SessionMessage {
  readonly sessionId: string;
  readonly personId: PersonId;
  /** Where it is: `{ channel, ts }` on Slack, `{ activityId }` on Teams. */
  readonly address: Readonly<Record<string, string>>;
  readonly shape: SessionMessageShape;
}

interface SessionMessageDoc {
  /** person + address: an enrolment replacing an invitation rewrites the same message. */
  _id: string;
  sessionId: string;
  personId: PersonId;
  address: Record<string, string>;
  shape: SessionMessageShape;
  updatedAt: Date;
}

const indexes: readonly IndexDeclaration[] = [
  {
    collection: SESSION_MESSAGES_COLLECTION,
    key: { sessionId: 1, personId: 1 },
    options: { name: 'session_person' },
  },
];

/** The shape of a notification that shows a session to keep up to date, if it is one. */
export function shapeOf(n: Notification): SessionMessageShape | undefined {
  switch (n.kind) {
    case 'sessionInvited':
      return { kind: n.kind, by: n.by };
    case 'sessionBooked':
      return { kind: n.kind, mentee: n.mentee };
    case 'requestScheduled':
      return { kind: n.kind, request: n.request };
    default:
      return undefined;
  }
}

/** The notification a stored message was drawn from, with the session as it is now. */
export function redrawn(
  message: SessionMessage,
  session: SessionCard,
  workspaceId: string,
): Notification | { kind: 'enrolled'; session: SessionCard } {
  const shape = message.shape;
  if (shape.kind === 'enrolled') return { kind: 'enrolled', session };
  return { ...shape, recipient: message.personId, workspaceId, session } as Notification;
}

/** The session a notification is about, when earlier messages about it must be redrawn. */
export const redrawsSession = (n: Notification): SessionCard | undefined =>
  n.kind === 'sessionChanged' || n.kind === 'sessionCancelled' ? n.session : undefined;

const wrap = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
  try {
    return await op();
  } catch (err) {
    throw new InfrastructureError(`session messages: ${what} failed`, { cause: err });
  }
};

export class SessionMessages {
  private constructor(private readonly collection: Collection<SessionMessageDoc>) {}

  static async create(db: Db): Promise<SessionMessages> {
    await ensureIndexes(db, indexes);
    return new SessionMessages(db.collection<SessionMessageDoc>(SESSION_MESSAGES_COLLECTION));
  }

  /** Remembers a message (or what it became: the same address is written over). */
  async record(message: SessionMessage, now: Date): Promise<void> {
    const key = [message.personId, ...Object.values(message.address)].join('|');
    await wrap('record', () =>
      this.collection.updateOne(
        { _id: key },
        {
          $set: {
            sessionId: message.sessionId,
            personId: message.personId,
            address: { ...message.address },
            shape: message.shape,
            updatedAt: now,
          },
        },
        { upsert: true },
      ),
    );
  }

  /** The person's messages about the session, oldest first. */
  async of(sessionId: string, personId: PersonId): Promise<SessionMessage[]> {
    const docs = await wrap('find', () =>
      this.collection.find({ sessionId, personId }).sort({ updatedAt: 1 }).limit(20).toArray(),
    );
    return docs.map(({ sessionId: s, personId: p, address, shape }) => ({
      sessionId: s,
      personId: p,
      address,
      shape,
    }));
  }
}

/**
 * An *Enroll* press turned the message it was on into "You are enrolled": that message is
 * redrawn as such after a change. A failure here loses only the redraw, never the enrolment.
 */
export async function rememberEnrolment(
  ctx: {
    readonly sessionMessages?: SessionMessages | undefined;
    readonly logger: { warn(obj: object, msg?: string): void };
  },
  sessionId: string,
  personId: PersonId,
  address: Readonly<Record<string, string>>,
): Promise<void> {
  try {
    await ctx.sessionMessages?.record(
      { sessionId, personId, address, shape: { kind: 'enrolled' } },
      new Date(),
    );
  } catch (err) {
    ctx.logger.warn({ err, sessionId }, 'the enrolment message was not remembered');
  }
}
