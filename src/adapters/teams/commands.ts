import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Result } from '../../core/errors.js';
import type { showRunner } from './buttons.js';
import { answer, replyCard, type TeamsContext, WHO_ARE_YOU } from './context.js';
import { openFormCard } from './features/home/cards.js';
import { receiveImage } from './features/sessions/handlers.js';
import { sentImageOf } from './features/sessions/image.js';
import { personOf } from './identity.js';
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

/**
 * A card whose button opens a dialog: how a typed command opens a form. The core's form query
 * is asked first, so a form the person may not open (a switched-off use case, another role's
 * form) is answered with its one sentence instead of a button that leads nowhere.
 */
async function openForm(
  context: TurnContext,
  allowed: Result<unknown>,
  card: ReturnType<typeof openFormCard>,
) {
  if (!allowed.ok) return answer(context, allowed.error.message);
  await replyCard(context, card);
}

/** Typed commands, and help for anything else that is text. */
export function registerCommands(
  app: Application,
  ctx: TeamsContext,
  show: ReturnType<typeof showRunner>,
): void {
  const { mentorship } = ctx;
  app.activity('message', async (context) => {
    // An image (or file) sent after *Add image* on a session becomes its image.
    const image = sentImageOf(context.activity);
    if (image) return receiveImage(ctx, context, image);
    const parsed = parseCommand(context.activity.text ?? '');
    if (!parsed) return show(context, ShowVerb.help, {});
    const person = personOf(context);
    if (!person) return answer(context, WHO_ARE_YOU);
    const actor = { personId: person.id };
    switch (parsed.command) {
      case 'request session':
        return openForm(
          context,
          await mentorship.requestForm({ actor, input: { kind: 'session' } }),
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
          await mentorship.sessionForm({ actor, input: { mode: 'create' } }),
          openFormCard('Create a mentoring session.', 'Create session', DialogVerb.createSession),
        );
      case 'settings':
        return openForm(
          context,
          await mentorship.settingsForm({ actor }),
          openFormCard('Workspace settings (admins only).', 'Open settings', DialogVerb.settings),
        );
      default: {
        const entry = COMMANDS.find((c) => c.command === parsed.command);
        return show(context, entry?.show ?? ShowVerb.help, { text: parsed.argument });
      }
    }
  });
}
