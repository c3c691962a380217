/**
 * Adaptive Card inputs, and the forms and dialogs (task modules) built of them. Pure: every
 * function returns plain data.
 */
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  card,
  errorText,
  type Falsy,
  heading,
  text,
} from './card-elements.js';

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
