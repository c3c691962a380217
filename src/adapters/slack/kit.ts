import type { types } from '@slack/bolt';
import { formatRange, formatTime, type TimeView } from '../../core/time.js';
import type { PersonSummary, TagChips } from '../../core/views.js';
import { Action } from './ids.js';

/**
 * Small typed Block Kit helpers. Every renderer builds blocks through these, so Slack's
 * limits (3,000 characters of text, 75 per option, 150 per button) are applied in one place.
 */

export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type Button = types.Button;
export type Option = types.PlainTextOption;
export type InputElement = types.InputBlockElement;

/** What a message is made of: blocks, and the text shown in notifications and screen readers. */
export interface Message {
  readonly text: string;
  readonly blocks: Block[];
}

export const LIMITS = {
  text: 3000,
  messageBlocks: 50,
  viewBlocks: 100,
  option: 75,
  buttonText: 75,
  buttonValue: 2000,
  viewTitle: 24,
  privateMetadata: 3000,
  fallbackText: 4000,
} as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Slack mrkdwn treats these three as control characters; everything people typed is escaped. */
export const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const mrkdwn = (text: string) => ({
  type: 'mrkdwn' as const,
  text: clip(text, LIMITS.text),
});
export const plain = (text: string, max: number = LIMITS.text) => ({
  type: 'plain_text' as const,
  text: clip(text || ' ', max),
  emoji: true,
});

export const header = (text: string): Block => ({ type: 'header', text: plain(text, 150) });
export const divider = (): Block => ({ type: 'divider' });
export const section = (text: string, accessory?: types.SectionBlockAccessory): Block => ({
  type: 'section',
  text: mrkdwn(text),
  ...(accessory ? { accessory } : {}),
});
export const fields = (items: readonly string[]): Block => ({
  type: 'section',
  fields: items.slice(0, 10).map((t) => mrkdwn(clip(t, 2000))),
});
export const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts.slice(0, 10).map((t) => mrkdwn(t)),
});

export function button(
  text: string,
  actionId: string,
  value?: string,
  opts: { style?: 'primary' | 'danger'; url?: string } = {},
): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    ...(value !== undefined ? { value: clip(value, LIMITS.buttonValue) } : {}),
    ...(opts.style ? { style: opts.style } : {}),
    ...(opts.url ? { url: opts.url } : {}),
  };
}

/** An actions block; Slack allows 25 elements, and an empty one is left out. */
export function actions(elements: readonly Button[], blockId?: string): Block[] {
  if (elements.length === 0) return [];
  return [
    { type: 'actions', elements: elements.slice(0, 25), ...(blockId ? { block_id: blockId } : {}) },
  ];
}

export const option = (text: string, value: string): Option => ({
  text: plain(text, LIMITS.option),
  value: clip(value, 150),
});

export interface InputOptions {
  optional?: boolean;
  hint?: string;
}

export function input(
  blockId: string,
  label: string,
  element: InputElement,
  opts: InputOptions = {},
): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

export function textInput(
  opts: { initial?: string; multiline?: boolean; max?: number; placeholder?: string } = {},
): InputElement {
  return {
    type: 'plain_text_input',
    action_id: Action.input,
    multiline: opts.multiline ?? false,
    ...(opts.initial ? { initial_value: opts.initial } : {}),
    ...(opts.max ? { max_length: opts.max } : {}),
    ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
  };
}

/** A choice of one: the option whose value is `initial` starts chosen. */
function single(
  type: 'static_select' | 'radio_buttons',
  options: readonly Option[],
  max: number,
  initial?: string,
): InputElement {
  const chosen = options.find((o) => o.value === initial);
  return {
    type,
    action_id: Action.input,
    options: options.slice(0, max),
    ...(chosen ? { initial_option: chosen } : {}),
  } as InputElement;
}

/** A choice of several: the options whose values are in `initial` start chosen. */
function several(
  type: 'multi_static_select' | 'checkboxes',
  options: readonly Option[],
  max: number,
  initial: readonly string[],
): InputElement {
  const chosen = options.filter((o) => o.value !== undefined && initial.includes(o.value));
  return {
    type,
    action_id: Action.input,
    options: options.slice(0, max),
    ...(chosen.length > 0 ? { initial_options: chosen } : {}),
  } as InputElement;
}

// Slack allows 100 options in a select, 10 radio buttons or checkboxes.
export const staticSelect = (options: readonly Option[], initial?: string) =>
  single('static_select', options, 100, initial);
export const radios = (options: readonly Option[], initial?: string) =>
  single('radio_buttons', options, 10, initial);
export const multiSelect = (options: readonly Option[], initial: readonly string[]) =>
  several('multi_static_select', options, 100, initial);
export const checkboxes = (options: readonly Option[], initial: readonly string[]) =>
  several('checkboxes', options, 10, initial);

export const datePicker = (initial?: string): InputElement => ({
  type: 'datepicker',
  action_id: Action.input,
  ...(initial ? { initial_date: initial } : {}),
});

export const timePicker = (initial?: string, timezone?: string): InputElement => ({
  type: 'timepicker',
  action_id: Action.input,
  ...(initial ? { initial_time: initial } : {}),
  ...(timezone ? { timezone } : {}),
});

export const usersSelect = (initial: readonly string[], max = 100): InputElement => ({
  type: 'multi_users_select',
  action_id: Action.input,
  max_selected_items: Math.max(1, Math.min(max, 100)),
  ...(initial.length > 0 ? { initial_users: [...initial] } : {}),
});

/** A file picker (`file_input`): the extensions offered, and how many files at most. */
export const fileInput = (filetypes: readonly string[], maxFiles = 1): InputElement =>
  ({
    type: 'file_input',
    action_id: Action.input,
    filetypes: [...filetypes],
    max_files: maxFiles,
  }) as InputElement;

export const userSelect = (): InputElement => ({ type: 'users_select', action_id: Action.input });

export const externalSelect = (actionId: string, initial?: Option): InputElement => ({
  type: 'external_select',
  action_id: actionId,
  min_query_length: 0,
  ...(initial ? { initial_option: initial } : {}),
});

export function modal(args: {
  callbackId: string;
  title: string;
  blocks: Block[];
  submit?: string;
  close?: string;
  privateMetadata?: string;
  notifyOnClose?: boolean;
}): ModalView {
  const metadata = args.privateMetadata ?? '';
  if (metadata.length > LIMITS.privateMetadata) {
    throw new Error(`private_metadata of ${args.callbackId} is ${metadata.length} characters`);
  }
  return {
    type: 'modal',
    callback_id: args.callbackId,
    title: plain(args.title, LIMITS.viewTitle),
    blocks: args.blocks.slice(0, LIMITS.viewBlocks),
    close: plain(args.close ?? 'Close', LIMITS.viewTitle),
    ...(args.submit ? { submit: plain(args.submit, LIMITS.viewTitle) } : {}),
    ...(metadata ? { private_metadata: metadata } : {}),
  };
}

/**
 * A message; `text` is the push notification and screen-reader line, which Slack reads as
 * mrkdwn too, so it is escaped like the blocks: a title `<!channel>` pings nobody.
 */
export function message(text: string, blocks: Block[]): Message {
  return {
    text: esc(clip(text, LIMITS.fallbackText)),
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

// People, times and tags as Slack shows them.

/** `slack:T123:U456` -> `U456`; undefined for a person of another platform. */
export function slackUserOf(personId: string): string | undefined {
  const [platform, , user] = personId.split(':');
  return platform === 'slack' && user ? user : undefined;
}

/** A person as a Slack mention (rendered with their current name), or their stored name. */
export const who = (person: PersonSummary) => {
  const user = slackUserOf(person.id);
  return user ? `<@${user}>` : `*${esc(person.name)}*`;
};

const unix = (view: TimeView) => Math.floor(new Date(view.utc).getTime() / 1000);

/**
 * A moment as Slack's `<!date^...>` token, which each reader's client shows in their own
 * zone, with the core's zone-named text as the fallback
 * (docs/product.md#time).
 */
export const slackDate = (view: TimeView, format = '{date_short_pretty} at {time}') =>
  `<!date^${unix(view)}^${format}|${formatTime(view)}>`;

/** A session's time: the core's text names the reader's zone, so it is shown as it is. */
export const when = (start: TimeView, end: TimeView) => formatRange(start, end);

/** docs/product.md#display: at most five chips, then "+N more". */
export function chips(tags: TagChips): string {
  if (tags.shown.length === 0) return '';
  const shown = tags.shown.map((t) => `\`${esc(t)}\``).join(' ');
  return tags.more > 0 ? `${shown} +${tags.more} more` : shown;
}
