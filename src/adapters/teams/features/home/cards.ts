import type { ActionKind } from '../../../../core/actions.js';
import { buttonsFor } from '../../actions.js';
import { COMMANDS, ShowVerb } from '../../ids.js';
import { type AdaptiveCard, card, heading, openDialog, submit, text } from '../../kit.js';

/**
 * What the bot can do: every command, and buttons for what the core's home view says the
 * reader may start (`actions`), then their own sessions and profile, which everyone has.
 * At most five buttons (the Adaptive Cards host default); what does not fit is typed.
 */
export function helpCard(actions: readonly ActionKind[], intro?: string): AdaptiveCard {
  return card(
    `mentorbot commands: ${COMMANDS.map((c) => c.command).join(', ')}`,
    [
      heading('mentorbot'),
      intro ? text(intro) : undefined,
      text('Type one of these commands:'),
      {
        type: 'FactSet',
        facts: COMMANDS.map((c) => ({ title: c.command, value: c.description })),
      },
    ],
    [
      ...buttonsFor(
        actions,
        ['requestSession', 'findMentor', 'createSession', 'findMentees'],
        {},
        { requestSession: 'Request a session' },
      ),
      submit('My sessions', ShowVerb.mySessions),
      submit('My profile', ShowVerb.myProfile),
    ].slice(0, 5),
  );
}

/** A one-sentence card: the answer to a button whose card should lose its buttons. */
export const noticeCard = (message: string, title?: string): AdaptiveCard =>
  card(message, [title ? heading(title) : undefined, text(message)]);

/** A card with one button that opens a dialog: how a typed command opens a form. */
export const openFormCard = (message: string, button: string, verb: string, data = {}) =>
  card(message, [text(message)], [openDialog(button, verb, data)]);
