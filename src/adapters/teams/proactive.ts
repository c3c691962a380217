import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/**
 * Runs `send` in a proactive turn of the conversation and throws what it threw. The failure
 * is caught inside the turn: the adapter's turn-error handler would otherwise swallow it
 * (and answer the person with an apology for a message they never sent).
 */
export async function proactively(
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
  appId: string,
  reference: Partial<ConversationReference>,
  send: (context: TurnContext) => Promise<unknown>,
): Promise<void> {
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      await send(context);
    } catch (err) {
      failure = err ?? new Error('connector call failed');
    }
  });
  if (failure !== undefined) throw failure;
}
