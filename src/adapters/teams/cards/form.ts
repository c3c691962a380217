import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCard,
  type CardElement,
  errorText,
  text,
} from './elements.js';

/**
 * What a dialog's form shows: the values (as typed, or stored), the errors next to their
 * inputs (by input id), and a sentence on top for an error that belongs to no one input.
 */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly banner?: string | undefined;
}

export const emptyForm: FormState = { values: {}, errors: {} };

export const formValue = (state: FormState, id: string): string | undefined => state.values[id];

/** The input, followed by its error when it has one. */
export function field(state: FormState, input: CardElement): CardElement[] {
  const id = typeof input.id === 'string' ? input.id : '';
  const error = state.errors[id];
  return error ? [input, errorText(error)] : [input];
}

export const bannerOf = (state: FormState): CardElement[] =>
  state.banner ? [text(state.banner, { color: 'attention', weight: 'bolder' })] : [];

export type DialogSize = 'small' | 'medium' | 'large';

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
