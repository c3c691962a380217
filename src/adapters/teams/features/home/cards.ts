import { COMMANDS, DialogVerb, ShowVerb } from '../../ids.js';
import { type AdaptiveCard, card, heading, openDialog, submit, text } from '../../kit.js';

/** What the bot can do: every command, and buttons for the common ones. */
export function helpCard(intro?: string): AdaptiveCard {
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
      openDialog('Request a session', DialogVerb.requestSession),
      submit('Find a mentor', ShowVerb.findMentors),
      submit('My sessions', ShowVerb.mySessions),
      submit('My profile', ShowVerb.myProfile),
    ],
  );
}

/** A one-sentence card: the answer to a button whose card should lose its buttons. */
export const noticeCard = (message: string, title?: string): AdaptiveCard =>
  card(message, [title ? heading(title) : undefined, text(message)]);

/** A card with one button that opens a dialog: how a typed command opens a form. */
export const openFormCard = (message: string, button: string, verb: string, data = {}) =>
  card(message, [text(message)], [openDialog(button, verb, data)]);
