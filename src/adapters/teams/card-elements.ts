/**
 * Adaptive Card elements and actions (schema 1.5, what Teams renders); inputs, forms and
 * dialogs are in card-inputs.ts. Pure: every function returns plain data.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
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

export type Falsy = false | undefined | null | '';
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
export const errorText = (message: string): CardElement =>
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
