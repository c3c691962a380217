import type { ConversationReference } from 'botbuilder';
import type { Collection, Db } from 'mongodb';
import { InfrastructureError } from '../../core/errors.js';
import type { PersonId, WorkspaceId } from '../../core/people/person.js';
import { ensureIndexes, type IndexDeclaration } from '../mongo/indexes.js';

/**
 * Where the bot can reach each person: the conversation reference of their personal chat
 * with the bot, stored on install and refreshed on every activity, so proactive DMs
 * (`continueConversationAsync`) work for everyone who ever talked to the bot. A person the
 * bot cannot reach any more (uninstalled, blocked: 403/404) is marked unreachable until they
 * write to the bot again.
 */

export const CONVERSATIONS_COLLECTION = 'teams_conversations';

interface ConversationDoc {
  _id: PersonId;
  workspaceId: WorkspaceId;
  reference: Partial<ConversationReference>;
  /** IANA zone Teams reported (`localTimezone`), kept with the reference. */
  localTimezone?: string;
  unreachable?: { status: number; at: Date } | null;
  updatedAt: Date;
}

const conversationIndexes: readonly IndexDeclaration[] = [
  {
    collection: CONVERSATIONS_COLLECTION,
    key: { workspaceId: 1 },
    options: { name: 'workspace' },
  },
];

interface StoredConversation {
  readonly reference: Partial<ConversationReference>;
  readonly unreachable: boolean;
}

const wrap = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
  try {
    return await op();
  } catch (err) {
    throw new InfrastructureError(`teams conversations: ${what} failed`, { cause: err });
  }
};

export class ConversationStore {
  private readonly collection: Collection<ConversationDoc>;
  /** What was last written per person, so an unchanged reference is not written again. */
  private readonly lastSaved = new Map<PersonId, string>();
  private static readonly CACHE_LIMIT = 50_000;

  constructor(db: Db) {
    this.collection = db.collection<ConversationDoc>(CONVERSATIONS_COLLECTION);
  }

  static async create(db: Db): Promise<ConversationStore> {
    await ensureIndexes(db, conversationIndexes);
    return new ConversationStore(db);
  }

  /** Stores the person's personal-chat reference; a person who writes again is reachable. */
  async save(
    personId: PersonId,
    workspaceId: WorkspaceId,
    reference: Partial<ConversationReference>,
    localTimezone: string | undefined,
    now: Date,
  ): Promise<void> {
    // The activity id changes with every message and a proactive message needs none: without
    // it, an unchanged conversation is not written again on every activity.
    const { activityId: _activityId, ...stored } = reference;
    const key = JSON.stringify([workspaceId, stored, localTimezone ?? null]);
    if (this.lastSaved.get(personId) === key) return;
    await wrap('save', () =>
      this.collection.updateOne(
        { _id: personId },
        {
          $set: {
            workspaceId,
            reference: stored,
            ...(localTimezone ? { localTimezone } : {}),
            unreachable: null,
            updatedAt: now,
          },
        },
        { upsert: true },
      ),
    );
    if (this.lastSaved.size >= ConversationStore.CACHE_LIMIT) this.lastSaved.clear();
    this.lastSaved.set(personId, key);
  }

  async get(personId: PersonId): Promise<StoredConversation | undefined> {
    const doc = await wrap('get', () => this.collection.findOne({ _id: personId }));
    return doc ? { reference: doc.reference, unreachable: Boolean(doc.unreachable) } : undefined;
  }

  async markUnreachable(personId: PersonId, status: number, now: Date): Promise<void> {
    // The next activity from them must be written again, to make them reachable.
    this.lastSaved.delete(personId);
    this.lastSaved.delete(personId);
    await wrap('markUnreachable', () =>
      this.collection.updateOne({ _id: personId }, { $set: { unreachable: { status, at: now } } }),
    );
  }
}
