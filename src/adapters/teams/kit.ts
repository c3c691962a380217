/**
 * Small typed helpers for Adaptive Card JSON (schema 1.5, what Teams renders). Pure: every
 * function returns plain data, so cards are built and tested without Teams.
 */

const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const CARD_VERSION = '1.5';

export interface CardElement {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface CardAction {
  readonly type: 'Action.Execute' | 'Action.Submit' | 'Action.OpenUrl';
  readonly title: string;
  readonly [key: string]: unknown;
}

// A type (not an interface) so that it is assignable to teams-ai's open `AdaptiveCard`.
export type AdaptiveCard = {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: string;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  /** Shown where the card cannot be (notifications, old clients). */
  readonly fallbackText: string;
};

type Falsy = false | undefined | null | '';
const present = <T>(items: readonly (T | Falsy)[]): T[] => items.filter(Boolean) as T[];

export function card(
  fallbackText: string,
  body: readonly (CardElement | Falsy)[],
  actions: readonly (CardAction | Falsy)[] = [],
): AdaptiveCard {
  const kept = present(actions);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: present(body),
    ...(kept.length > 0 ? { actions: kept } : {}),
    fallbackText,
  };
}

/** The attachment that carries a card in a message. */
export const attachment = (content: AdaptiveCard) => ({
  contentType: ADAPTIVE_CARD_CONTENT_TYPE,
  content,
});

interface TextOptions {
  readonly size?: 'small' | 'default' | 'medium' | 'large';
  readonly weight?: 'default' | 'bolder';
  readonly color?: 'default' | 'attention' | 'good' | 'warning' | 'accent';
  readonly subtle?: boolean;
  readonly spacing?: 'none' | 'small' | 'medium';
}

/**
 * Text as Teams shows it, not as markdown: TextBlocks and facts render a markdown subset
 * (links, emphasis, lists), and titles, descriptions, names and messages are written by
 * people, so `[Verify](https://evil.example)` must stay those characters. None of the
 * service's own sentences use markdown, so every TextBlock and fact goes through here.
 * Backslash escapes are what the Adaptive Card markdown parser honours; line-start markers
 * (lists, headings, quotes) are escaped where they would start a block.
 */
export function plainText(value: string): string {
  return value
    .replace(/[\\`*_~[\]]/g, '\\$&')
    .replace(/^(\s*)([-+#>]|\d+\.)/gm, (_m, space: string, marker: string) =>
      marker.endsWith('.') ? `${space}${marker.slice(0, -1)}\\.` : `${space}\\${marker}`,
    );
}

export const text = (value: string, options: TextOptions = {}): CardElement => {
  const { subtle, ...rest } = options;
  return {
    type: 'TextBlock',
    text: plainText(value),
    wrap: true,
    ...rest,
    // The schema's name for it; anything else is dropped by Teams (and refused by the schema).
    ...(subtle ? { isSubtle: true } : {}),
  };
};

export const heading = (value: string): CardElement =>
  text(value, { size: 'medium', weight: 'bolder' });

/** A sentence in the attention colour: errors next to form fields and on top of forms. */
const errorText = (message: string): CardElement =>
  text(message, { color: 'attention', size: 'small', spacing: 'none' });

export const facts = (pairs: readonly (readonly [string, string] | Falsy)[]): CardElement => ({
  type: 'FactSet',
  facts: present(pairs).map(([title, value]) => ({
    title: plainText(title),
    value: plainText(value),
  })),
});

export const container = (
  items: readonly (CardElement | Falsy)[],
  separator = false,
): CardElement => ({
  type: 'Container',
  items: present(items),
  ...(separator ? { separator: true, spacing: 'medium' } : {}),
});

export const actionSet = (actions: readonly (CardAction | Falsy)[]): CardElement | undefined => {
  const kept = present(actions);
  return kept.length > 0 ? { type: 'ActionSet', actions: kept } : undefined;
};

type Data = Readonly<Record<string, unknown>>;

/** A button that changes something; its answer replaces the card (Universal Actions). */
export const execute = (
  title: string,
  verb: string,
  data: Data = {},
  primary = false,
): CardAction => ({
  type: 'Action.Execute',
  title,
  verb,
  data,
  ...(primary ? { style: 'positive' } : {}),
});

/** A button that only shows something; the bot answers with a new message. */
export const submit = (title: string, verb: string, data: Data = {}): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { verb, ...data },
});

/** A button that opens a dialog (task module): `task/fetch` with the verb and data. */
export const openDialog = (title: string, verb: string, data: Data = {}): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'task/fetch' }, verb, ...data },
});

/** Inside a dialog: sends the form (`task/submit`) with the verb and data. */
export const submitDialog = (
  title: string,
  verb: string,
  data: Data = {},
  primary = false,
): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { verb, ...data },
  ...(primary ? { style: 'positive' } : {}),
});

export const openUrl = (title: string, url: string): CardAction => ({
  type: 'Action.OpenUrl',
  title,
  url,
});

// Inputs. Each carries its label; `value` is what the person typed last (or the stored value).

interface InputOptions {
  readonly value?: string | undefined;
  readonly placeholder?: string;
  readonly isRequired?: boolean;
  readonly maxLength?: number;
  readonly isMultiline?: boolean;
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

export const textInput = (id: string, label: string, o: InputOptions = {}): CardElement => ({
  type: 'Input.Text',
  id,
  label,
  ...defined({
    value: o.value,
    placeholder: o.placeholder,
    maxLength: o.maxLength,
    isMultiline: o.isMultiline,
    isRequired: o.isRequired,
  }),
});

export const dateInput = (id: string, label: string, value?: string): CardElement => ({
  type: 'Input.Date',
  id,
  label,
  ...defined({ value }),
});

export const timeInput = (id: string, label: string, value?: string): CardElement => ({
  type: 'Input.Time',
  id,
  label,
  ...defined({ value }),
});

/**
 * A number input. Its `value` must be a JSON number (Teams leaves the box empty for a string);
 * what was typed and sent back (a string, perhaps not a number at all) is shown only when it
 * reads as one.
 */
export const numberInput = (
  id: string,
  label: string,
  value?: string | number,
  range: { min?: number; max?: number } = {},
): CardElement => {
  const number = typeof value === 'number' ? value : value?.trim() ? Number(value) : Number.NaN;
  return {
    type: 'Input.Number',
    id,
    label,
    ...(Number.isFinite(number) ? { value: number } : {}),
    ...range,
  };
};

export interface Choice {
  readonly title: string;
  readonly value: string;
}

interface ChoiceOptions {
  readonly value?: string | undefined;
  readonly multi?: boolean;
  readonly expanded?: boolean;
  readonly placeholder?: string;
  /** Typeahead over the listed choices (style `filtered`, schema 1.5). */
  readonly filtered?: boolean;
}

export const choiceSet = (
  id: string,
  label: string,
  choices: readonly Choice[],
  o: ChoiceOptions = {},
): CardElement => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  choices: choices.map((c) => ({ title: c.title, value: c.value })),
  ...defined({
    value: o.value,
    isMultiSelect: o.multi,
    style: o.filtered ? 'filtered' : o.expanded ? 'expanded' : 'compact',
    placeholder: o.placeholder,
  }),
});

export const toggle = (id: string, title: string, on: boolean): CardElement => ({
  type: 'Input.Toggle',
  id,
  title,
  value: on ? 'true' : 'false',
  valueOn: 'true',
  valueOff: 'false',
});

/** At most five chips, then "+N more" (docs/product.md#display). */
export const chipsText = (chips: { shown: readonly string[]; more: number }) =>
  chips.shown.length === 0
    ? ''
    : `${chips.shown.join(' · ')}${chips.more > 0 ? ` +${chips.more} more` : ''}`;

// Dialogs (task modules) and their forms.

/**
 * What a dialog's form shows: the values (as typed, or stored), the errors next to their
 * inputs (by input id), and a sentence on top for an error that belongs to no one input.
 */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly banner?: string | undefined;
}

/** The input, followed by its error when it has one. */
export function field(state: FormState, input: CardElement): CardElement[] {
  const id = typeof input.id === 'string' ? input.id : '';
  const error = state.errors[id];
  return error ? [input, errorText(error)] : [input];
}

export const bannerOf = (state: FormState): CardElement[] =>
  state.banner ? [text(state.banner, { color: 'attention', weight: 'bolder' })] : [];

type DialogSize = 'small' | 'medium' | 'large';

/** The `task` value of a `continue` response: a dialog showing the card. */
export interface DialogInfo {
  readonly title: string;
  readonly width: DialogSize;
  readonly height: DialogSize;
  readonly card: { readonly contentType: string; readonly content: AdaptiveCard };
}

export const dialog = (
  title: string,
  content: AdaptiveCard,
  size: { width?: DialogSize; height?: DialogSize } = {},
): DialogInfo => ({
  title,
  width: size.width ?? 'medium',
  height: size.height ?? 'large',
  card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content },
});

/**
 * A form in a dialog: the heading, the banner for an error of no one input, the inputs, and
 * the buttons that send it. `fallback` defaults to the title, `heading` to the fallback.
 */
export function formDialog(form: {
  readonly title: string;
  readonly fallback?: string;
  readonly heading?: string;
  readonly state: FormState;
  readonly inputs: readonly (CardElement | Falsy)[];
  readonly submit: readonly CardAction[];
  readonly height?: DialogSize;
}): DialogInfo {
  const fallback = form.fallback ?? form.title;
  const body = [heading(form.heading ?? fallback), ...bannerOf(form.state), ...form.inputs];
  return dialog(form.title, card(fallback, body, form.submit), { height: form.height });
}
