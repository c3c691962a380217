import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import { replyCard } from './context.js';
import { type AdaptiveCard, attachment } from './kit.js';
import { proactively } from './proactive.js';
import { withZoneNote } from './zone-note.js';

/**
 * The origin of an interaction: the message a card button was on (its activity id), so the
 * outcome can replace what was pressed. The Slack adapter uses the same word for the message,
 * App Home or modal a button was on.
 */

export const updateOf = (origin: string, content: AdaptiveCard) => ({
  type: 'message',
  id: origin,
  summary: content.fallbackText,
  attachments: [attachment(withZoneNote(content))],
});

/**
 * Answers that arrive after the turn that asked for them: the outcome of a card button,
 * worked out after Teams had its invoke response. A card replaces the origin (for everyone in
 * the chat); a sentence is posted into the chat and the card stays as it was, because nothing
 * changed.
 */
export class OriginReplies {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly appId: string,
    private readonly logger: Logger,
  ) {}

  async deliver(
    reference: Partial<ConversationReference>,
    origin: string,
    outcome: AdaptiveCard | string,
  ): Promise<void> {
    try {
      await proactively(this.adapter, this.appId, reference, (context) =>
        typeof outcome === 'string'
          ? context.sendActivity(outcome)
          : context.updateActivity(updateOf(origin, outcome)),
      );
    } catch (err) {
      this.logger.warn({ err, origin }, 'teams: could not deliver a button outcome');
    }
  }
}

/**
 * Within a turn: the card replaces the origin (as on Slack), so its buttons cannot be pressed
 * again; without an origin, or if it cannot be updated, the card is a new message.
 */
export async function answerOnOrigin(
  turn: { readonly context: TurnContext; readonly origin: string | undefined },
  content: AdaptiveCard,
  logger: Logger,
): Promise<undefined> {
  if (turn.origin) {
    try {
      await turn.context.updateActivity(updateOf(turn.origin, content));
      return undefined;
    } catch (err) {
      logger.warn({ err }, 'teams: could not update the message a dialog came from');
    }
  }
  await replyCard(turn.context, content);
  return undefined;
}
