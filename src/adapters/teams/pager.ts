import type { Result } from '../../core/errors.js';
import { type PageInfo, pager } from '../../core/paging.js';
import type { Button, Data } from './context.js';
import { type AdaptiveCard, type CardAction, type CardElement, execute, text } from './kit.js';

/**
 * A page's line and buttons (docs/product.md#lists): "6-10 of 80", *Previous* and *Next 5*.
 * The buttons are Action.Execute: the card turns to the page asked for in place. Nothing when
 * one page holds the whole list.
 */
export function pagerElements(
  page: PageInfo,
  verb: string,
  dataAt: (offset: number) => Data,
): CardElement[] {
  const turns = pager(page);
  if (!turns) return [];
  const { previous, next } = turns;
  const actions: CardAction[] = [
    ...(previous ? [execute(previous.label, verb, dataAt(previous.offset))] : []),
    ...(next ? [execute(next.label, verb, dataAt(next.offset), true)] : []),
  ];
  return [text(turns.range, { subtle: true }), { type: 'ActionSet', actions }];
}

/** A whole number a paging button carried back (0 when it carried none). */
export const offsetIn = (data: Data, key: string): number => {
  const value = Number(data[key]);
  return Number.isInteger(value) && value >= 0 ? value : 0;
};

/** A paging button: the list's query on the page its data names, drawn as the same card. */
export function pageTurn<T>(
  query: (personId: string, data: Data) => Promise<Result<T>>,
  render: (value: T) => AdaptiveCard,
): Button {
  return {
    working: 'Turning the page…',
    async run({ person, data }) {
      const result = await query(person.id, data);
      return result.ok ? render(result.value) : result.error.message;
    },
  };
}
