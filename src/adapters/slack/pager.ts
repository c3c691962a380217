import { type PageInfo, pager } from '../../core/paging.js';
import { type Block, type Button, button, context } from './kit.js';

/**
 * A page's line and buttons (docs/product.md#lists): "6-10 of 80", *Previous* and *Next 5*,
 * each button carrying the value its listener needs to draw the page it leads to. Nothing
 * when one page holds the whole list.
 */
export function pagerBlocks(
  page: PageInfo,
  ids: { readonly next: string; readonly previous: string },
  valueAt: (offset: number) => string,
): Block[] {
  const turns = pager(page);
  if (!turns) return [];
  const { previous, next } = turns;
  const buttons: Button[] = [
    ...(previous ? [button(previous.label, ids.previous, valueAt(previous.offset))] : []),
    ...(next ? [button(next.label, ids.next, valueAt(next.offset), { style: 'primary' })] : []),
  ];
  return [context(turns.range), { type: 'actions', elements: buttons }];
}

/** A paging button's value as the listener reads it; nothing usable when it is not JSON. */
export function pagesOf(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
