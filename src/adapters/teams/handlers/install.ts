import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { installWorkspace } from '../../../core/workspaces/install.js';
import { helpCard } from '../cards/lists.js';
import { identityOf, personOf, replyCard, type TeamsDeps } from './turn.js';

/**
 * The app was added (installationUpdate `add`, or the bot among conversationUpdate's
 * membersAdded, which is also what Bot Framework Emulator sends): the workspace is installed
 * with the installer as its first admin (docs/product.md#installation), and the person is
 * welcomed. Removing the app makes the person unreachable for DMs.
 */
export function registerInstall(app: Application, deps: TeamsDeps): void {
  const install = async (context: TurnContext): Promise<boolean> => {
    const identity = identityOf(context.activity, deps.authDisabled);
    if (!identity) return false;
    const installed = await installWorkspace(deps.core, {
      installer: identity,
      workspaceName: `Microsoft Teams ${identity.tenantId}`,
    });
    if (!installed.ok) {
      deps.logger.warn({ code: installed.error.code }, 'teams: install failed');
      return false;
    }
    if (installed.value.created) {
      deps.logger.info({ workspaceId: installed.value.workspace.id }, 'teams: workspace installed');
    }
    return true;
  };

  app.activity('installationUpdate', async (context) => {
    const action = String(context.activity.action ?? '');
    try {
      if (action.startsWith('add')) {
        await install(context);
      } else if (action.startsWith('remove')) {
        const person = personOf(context);
        if (person) await deps.conversations.markUnreachable(person.id, 410, deps.core.clock.now());
      }
    } catch (err) {
      deps.logger.error({ err, action }, 'teams: installationUpdate failed');
    }
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    try {
      if (await install(context)) {
        await replyCard(
          context,
          helpCard(
            'Hi! I bring mentorship into Teams: find a mentor, ask for a session, or offer to mentor someone.',
          ),
        );
      }
    } catch (err) {
      deps.logger.error({ err }, 'teams: welcome failed');
    }
  });
}
