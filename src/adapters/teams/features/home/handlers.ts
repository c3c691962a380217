import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Person } from '../../../../core/people/person.js';
import { answer, type Feature, replyCard, type TeamsContext } from '../../context.js';
import { identityOf, installOf, personOf } from '../../identity.js';
import { ShowVerb } from '../../ids.js';
import { zoneNote } from '../../zone-note.js';
import { helpCard, welcomeText } from './cards.js';

/** Help for `person`: what their home allows (the core decides), with the welcome on top. */
async function sendHelp(ctx: TeamsContext, context: TurnContext, person: Person, welcome = false) {
  const help = await ctx.mentorship.help({ actor: { personId: person.id } });
  if (!help.ok) return answer(context, help.error.message);
  const { actions } = help.value;
  const card = helpCard(actions, welcome ? welcomeText(actions) : undefined);
  // Someone whose own zone is not known is told which zone their times are in, and how to
  // set theirs, from the first card on (docs/product.md#time).
  const zone = help.value.defaultZone;
  await replyCard(context, zone ? { ...card, body: [...card.body, zoneNote(zone)] } : card);
}

/** What the bot can do: the answer to *help* and to any text that is not a command. */
export const homeFeature = (ctx: TeamsContext): Feature => ({
  shows: {
    async [ShowVerb.help]({ context, person }) {
      await sendHelp(ctx, context, person);
    },
  },
});

/**
 * The app was added (installationUpdate `add`, or the bot among conversationUpdate's
 * membersAdded, which is also what Bot Framework Emulator sends): the workspace is installed
 * with the installer as its first admin (docs/product.md#installation), and the person is
 * welcomed. Removing the app makes the person unreachable for DMs.
 */
export function registerInstall(app: Application, ctx: TeamsContext): void {
  const install = async (context: TurnContext): Promise<boolean> => {
    const identity = identityOf(context.activity, ctx.authDisabled);
    if (!identity) return false;
    const installed = await ctx.mentorship.install({
      installer: identity,
      ...installOf(ctx, identity.tenantId),
    });
    if (!installed.ok) {
      ctx.logger.warn({ code: installed.error.code }, 'teams: install failed');
      return false;
    }
    if (installed.value.created) {
      ctx.logger.info({ workspaceId: installed.value.workspace.id }, 'teams: workspace installed');
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
        if (person) await ctx.conversations.markUnreachable(person.id, 410, ctx.clock.now());
      }
    } catch (err) {
      ctx.logger.error({ err, action }, 'teams: installationUpdate failed');
    }
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    try {
      const person = personOf(context);
      if ((await install(context)) && person) {
        await sendHelp(ctx, context, person, true);
      }
    } catch (err) {
      ctx.logger.error({ err }, 'teams: welcome failed');
    }
  });
}
