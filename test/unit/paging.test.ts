import { describe, expect, it } from 'vitest';
import {
  merged,
  nextOffset,
  pageAcross,
  pageRange,
  pager,
  pageStart,
  previousOffset,
  type Source,
} from '../../src/core/paging.js';
import { LIST_DESCRIPTION_CHARS, shortText } from '../../src/core/views.js';

/** docs/product.md#lists: every item is reached, page by page, with the true count. */
const sourceOf = (items: number[]): Source<number> => ({
  total: items.length,
  first: async (n) => items.slice(0, n),
});

describe('paging', () => {
  it('reads the sources one after the other: live first, then upcoming', async () => {
    const live = sourceOf([1, 2]);
    const upcoming = sourceOf([3, 4, 5, 6, 7, 8, 9, 10]);
    const seen: number[] = [];
    for (let offset = 0; offset < 10; offset += 3) {
      const page = await pageAcross([live, upcoming], offset, 3);
      expect(page.total).toBe(10);
      seen.push(...page.items);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('merges two sorted sources in order (published sessions and drafts)', async () => {
    const both = merged(sourceOf([1, 4, 9]), sourceOf([2, 3, 10]), (a, b) => a - b);
    expect(both.total).toBe(6);
    expect(await both.first(4)).toEqual([1, 2, 3, 4]);
    expect((await pageAcross([both], 3, 3)).items).toEqual([4, 9, 10]);
  });

  it('shows the last page when the list shrank under the page asked for', async () => {
    expect(pageStart(20, 5, 8)).toBe(5);
    expect(pageStart(7, 5, 8)).toBe(5);
    expect(pageStart(3, 5, 0)).toBe(0);
    expect((await pageAcross([sourceOf([1, 2, 3])], 9, 2)).items).toEqual([3]);
  });

  it('words the buttons and the range', () => {
    const first = { offset: 0, size: 5, total: 8 };
    expect(pageRange(first)).toBe('1-5 of 8');
    expect(pager(first)).toEqual({ range: '1-5 of 8', next: { label: 'Next 3', offset: 5 } });
    expect(nextOffset(first)).toBe(5);
    const last = { offset: 5, size: 5, total: 8 };
    expect(pager(last)).toEqual({ range: '6-8 of 8', previous: { label: 'Previous', offset: 0 } });
    expect(previousOffset(last)).toBe(0);
    expect(pageRange({ offset: 0, size: 5, total: 5 })).toBeUndefined();
    expect(pager({ offset: 5, size: 5, total: 80 })).toMatchObject({
      next: { label: 'Next 5', offset: 10 },
      previous: { label: 'Previous', offset: 0 },
    });
    expect(pager({ offset: 0, size: 5, total: 5 })).toBeUndefined();
  });
});

describe('a description in a list', () => {
  it('is cut at a word with "…" past 280 characters, and says it was cut', () => {
    expect(shortText('Short.')).toEqual({ text: 'Short.', cut: false });
    const long = 'word '.repeat(100);
    const { text, cut } = shortText(long);
    expect(cut).toBe(true);
    expect(text.length).toBeLessThanOrEqual(LIST_DESCRIPTION_CHARS);
    expect(text.endsWith('word…')).toBe(true);
    expect(shortText('x'.repeat(300)).text).toBe(`${'x'.repeat(279)}…`);
  });
});
