import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { AdaptiveCard } from './cards/elements.js';
import { attachment } from './cards/elements.js';

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
    // Failures are caught inside the turn: the adapter's turn-error handler would otherwise
    // answer the person with an apology for a message they never sent.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference,
        async (context: TurnContext) => {
          try {
            if (typeof outcome === 'string') await context.sendActivity(outcome);
            else
              await context.updateActivity({
                type: 'message',
                id: messageId,
                summary: outcome.fallbackText,
                attachments: [attachment(outcome)],
              });
          } catch (err) {
            failure = err ?? new Error('connector call failed');
          }
        },
      );
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined)
      this.logger.warn({ err: failure, messageId }, 'teams: could not deliver a button outcome');
  }
}
