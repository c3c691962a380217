import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { AdaptiveCard } from './cards/elements.js';
import { attachment } from './cards/elements.js';
import { proactively } from './proactive.js';

/**
 * Answers that arrive after the turn that asked for them: the outcome of a card button,
 * worked out after Teams had its invoke response. A card replaces the message the button
 * was on (for everyone in the chat); a sentence is posted into the chat and the card stays
 * as it was, because nothing changed.
 */
export class LateReplies {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    private readonly appId: string,
    private readonly logger: Logger,
  ) {}

  async deliver(
    reference: Partial<ConversationReference>,
    messageId: string,
    outcome: AdaptiveCard | string,
  ): Promise<void> {
    try {
      await proactively(this.adapter, this.appId, reference, (context) =>
        typeof outcome === 'string'
          ? context.sendActivity(outcome)
          : context.updateActivity({
              type: 'message',
              id: messageId,
              summary: outcome.fallbackText,
              attachments: [attachment(outcome)],
            }),
      );
    } catch (err) {
      this.logger.warn({ err, messageId }, 'teams: could not deliver a button outcome');
    }
  }
}
