import type { ActionKind } from '../../../../core/actions.js';
import { buttonsFor } from '../../actions.js';
import { COMMANDS, ShowVerb } from '../../ids.js';
import {
  type AdaptiveCard,
  actionSet,
  card,
  heading,
  openDialog,
  submit,
  text,
} from '../../kit.js';

/** An Adaptive Card ActionSet shows at most five buttons in a row. */
const ROW = 5;

const rows = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / ROW) }, (_, i) =>
    items.slice(i * ROW, i * ROW + ROW),
  );

/**
 * What the bot can do for this person: the commands and buttons their home's actions allow
 * (a switched-off use case, or one of another role, is not offered).
 */
export function helpCard(actions: readonly ActionKind[], intro?: string): AdaptiveCard {
  const commands = COMMANDS.filter((c) => c.action === undefined || actions.includes(c.action));
  const buttons = [
    ...buttonsFor(
      actions,
      ['requestSession', 'findMentor'],
      {},
      {
        requestSession: 'Request a session',
      },
    ),
    submit('My sessions', ShowVerb.mySessions),
    submit('My profile', ShowVerb.myProfile),
    ...buttonsFor(
      actions,
      ['createSession', 'findMentees', 'viewIncomingRequests', 'editSettings', 'manageRoles'],
      {},
    ),
  ];
  return card(`mentorbot commands: ${commands.map((c) => c.command).join(', ')}`, [
    heading('mentorbot'),
    intro ? text(intro) : undefined,
    text('Type one of these commands:'),
    {
      type: 'FactSet',
      facts: commands.map((c) => ({ title: c.command, value: c.description })),
    },
    ...rows(buttons).map(actionSet),
  ]);
}

/** The welcome's first line: what this person can do, as their actions allow. */
export function welcomeText(actions: readonly ActionKind[]): string {
  const can = [
    'find a mentor',
    actions.includes('requestSession') && 'ask one for a session',
    actions.includes('createSession') && 'create sessions',
    actions.includes('findMentees') && 'find mentees looking for a mentor',
  ].filter((w): w is string => typeof w === 'string');
  const list = can.length > 1 ? `${can.slice(0, -1).join(', ')} or ${can.at(-1)}` : (can[0] ?? '');
  return `Hi! I bring mentorship into Teams: ${list}.`;
}

/**
 * Said once to the first installer of a tenant without TEAMS_ADMIN_AAD_IDS: they are its
 * admin, and how to hand that over.
 */
export function adminWelcomeCard(actions: readonly ActionKind[]): AdaptiveCard {
  const message =
    'You installed mentorbot first, so you are its admin here: you change the workspace settings and grant or remove roles.';
  const handOver =
    'To hand it over, open Manage roles and grant Admin to someone else; they can then remove yours. (An operator can also name the admins with TEAMS_ADMIN_AAD_IDS.)';
  return card(
    message,
    [heading('You are the mentorbot admin'), text(message), text(handOver)],
    buttonsFor(actions, ['manageRoles', 'editSettings'], {}),
  );
}

/** A one-sentence card: the answer to a button whose card should lose its buttons. */
export const noticeCard = (message: string, title?: string): AdaptiveCard =>
  card(message, [title ? heading(title) : undefined, text(message)]);

/** A card with one button that opens a dialog: how a typed command opens a form. */
export const openFormCard = (message: string, button: string, verb: string, data = {}) =>
  card(message, [text(message)], [openDialog(button, verb, data)]);
