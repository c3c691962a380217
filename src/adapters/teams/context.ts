import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Mentorship } from '../../core/api.js';
import type { Person } from '../../core/people/person.js';
import type { Clock } from '../../core/time.js';
import type { Logger } from '../../logger.js';
import type { DownloadLinks } from '../downloads.js';
import type { SessionMessages } from '../notify/session-messages.js';
import type { ConversationStore } from './conversations.js';
import type { Values } from './form-input.js';
import type { ImageWaits } from './image-waits.js';
import { type AdaptiveCard, attachment, type DialogInfo } from './kit.js';
import type { OriginReplies } from './origin.js';
import { withZoneNote } from './zone-note.js';

/** What every handler needs; built once by the adapter. */
export interface TeamsContext {
  readonly mentorship: Mentorship;
  /** For the adapter's own timestamps (stored conversations, the recently-seen cache). */
  readonly clock: Clock;
  readonly conversations: ConversationStore;
  readonly downloads: DownloadLinks;
  readonly logger: Logger;
  /** Outcomes of card buttons, delivered to the message the button was on after Teams had its answer. */
  readonly replies: OriginReplies;
  /** No app id configured: local traffic (Bot Framework Emulator) without a tenant. */
  readonly authDisabled: boolean;
  /**
   * TEAMS_ADMIN_AAD_IDS: the admins by AAD object id. Empty: the first installer is the admin
   * (and is told so); set: nobody else becomes admin by installing.
   */
  readonly adminIds: readonly string[];
  /** Where people's messages about a session are (an *Enroll* press records its card). */
  readonly sessionMessages?: SessionMessages;
  /** Who pressed *Add image* and so sends a session's image next (docs/product.md#session-image). */
  readonly imageWaits?: ImageWaits;
}

/** The data a card button or dialog sent back. */
export type Data = Readonly<Record<string, unknown>>;

/** A string field of the data, trimmed and cut to `max` characters; '' when absent. */
export const textIn = (data: Data, key: string, max = 200): string => {
  const value = data[key];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};

/** A button that changes something (Action.Execute); the outcome replaces the card. */
export interface Button {
  /** What Teams shows (a short banner) while the work runs. */
  readonly working: string;
  run(turn: ButtonTurn): Promise<AdaptiveCard | string>;
}

export interface ButtonTurn {
  readonly person: Person;
  readonly data: Data;
  readonly key: string | undefined;
  /** The activity id of the card the button was on, when Teams sent it. */
  readonly origin?: string | undefined;
}

/** A button or typed command that shows something (Action.Submit): a new card in the chat. */
export type Show = (turn: ShowTurn) => Promise<void>;

export interface ShowTurn {
  readonly context: TurnContext;
  readonly person: Person;
  readonly data: Data;
}

/** A dialog (task module): `fetch` opens the form, `submit` answers what was sent. */
export interface Dialog {
  fetch(turn: DialogTurn): Promise<DialogInfo | string>;
  /** The dialog again (errors next to their inputs), a sentence, or nothing (close it). */
  submit?(turn: DialogTurn): Promise<DialogInfo | string | undefined>;
}

export interface DialogTurn {
  readonly context: TurnContext;
  readonly person: Person;
  readonly actor: { readonly personId: string };
  readonly data: Data;
  readonly values: Values;
  readonly key: string | undefined;
  /** The message whose button opened the dialog, when Teams said (task/fetch's replyToId). */
  readonly origin: string | undefined;
}

/** One feature's handlers, by verb (ids.ts). */
export interface Feature {
  readonly buttons?: Readonly<Record<string, Button>>;
  readonly shows?: Readonly<Record<string, Show>>;
  readonly dialogs?: Readonly<Record<string, Dialog>>;
}

/**
 * The delivery id of the activity: Teams sends a retried delivery with the same id, so a
 * command keyed by it runs once however often it arrives.
 */
export const idempotencyKeyOf = (context: TurnContext): string | undefined =>
  context.activity.id ? `teams:${context.activity.id}` : undefined;

/** Answers an activity with one sentence, in the shape its kind needs. */
export async function answer(context: TurnContext, message: string): Promise<void> {
  const a = context.activity;
  if (a.type !== ActivityTypes.Invoke) {
    await context.sendActivity(message);
    return;
  }
  const body =
    a.name === 'adaptiveCard/action'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message }
      : a.name?.startsWith('task/')
        ? { task: { type: 'message', value: message } }
        : undefined;
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

export const replyCard = (context: TurnContext, content: AdaptiveCard) =>
  context.sendActivity({
    type: ActivityTypes.Message,
    attachments: [attachment(withZoneNote(content))],
  });

/** Said when the person could not be told apart (no tenant or user id on the activity). */
export const WHO_ARE_YOU =
  'Sorry, I could not tell who you are. Open mentorbot from Teams and try again.';
