import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { showRunner } from './buttons.js';
import { replyCard } from './context.js';
import { openFormCard } from './features/home/cards.js';
import { COMMANDS, DialogVerb, ShowVerb } from './ids.js';

/** Typed commands: the first matching command name, then its argument. */
function parseCommand(text: string): { command: string; argument: string } | undefined {
  const normalized = text.replace(/\s+/g, ' ').trim().replace(/^\//, '');
  const lower = normalized.toLowerCase();
  for (const { command } of COMMANDS) {
    if (lower === command || lower.startsWith(`${command} `)) {
      return { command, argument: normalized.slice(command.length).trim() };
    }
  }
  return undefined;
}

/** A card whose button opens a dialog: how a typed command opens a form. */
async function openForm(context: TurnContext, card: ReturnType<typeof openFormCard>) {
  await replyCard(context, card);
}

/** Typed commands, and help for anything else that is text. */
export function registerCommands(app: Application, show: ReturnType<typeof showRunner>): void {
  app.activity('message', async (context) => {
    const parsed = parseCommand(context.activity.text ?? '');
    if (!parsed) return show(context, ShowVerb.help, {});
    switch (parsed.command) {
      case 'request session':
        return openForm(
          context,
          openFormCard(
            'Ask a mentor for a session.',
            'Request a session',
            DialogVerb.requestSession,
            // `@name some words`: the dialog opens with the mentor found and the words kept.
            { text: parsed.argument.slice(0, 2_000) },
          ),
        );
      case 'create session':
        return openForm(
          context,
          openFormCard('Create a mentoring session.', 'Create session', DialogVerb.createSession),
        );
      case 'settings':
        return openForm(
          context,
          openFormCard('Workspace settings (admins only).', 'Open settings', DialogVerb.settings),
        );
      default: {
        const entry = COMMANDS.find((c) => c.command === parsed.command);
        return show(context, entry?.show ?? ShowVerb.help, { text: parsed.argument });
      }
    }
  });
}
