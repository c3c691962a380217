import { z } from 'zod';

/**
 * Lists that people page through (docs/product.md#lists): their sessions, their requests, a
 * mentor's incoming requests. Every list says how many there are in all, and every item is
 * reached by *Next* / *Previous*, never cut off with "and 3 more". The adapters draw a page
 * and its two buttons; what is on a page and the counts are decided here.
 */

/** Items on one page, unless a list says otherwise. */
export const PAGE_SIZE = 5;

/** Where a page starts: a plain count of the items before it. */
export const offsetSchema = z.coerce
  .number({ error: 'The page must be a number.' })
  .int({ error: 'The page must be a whole number.' })
  .min(0, { error: 'The page must be 0 or more.' })
  .default(0);

/** Where one page of a list stands: its first item, its size and the list's true length. */
export interface PageInfo {
  readonly offset: number;
  readonly size: number;
  readonly total: number;
}

export interface Page<T> extends PageInfo {
  readonly items: readonly T[];
}

/**
 * Items in a fixed order, read from the start: how many there are, and the first `n`.
 * (People page a few times; reading from the start keeps the stores' queries simple.)
 */
export interface Source<T> {
  readonly total: number;
  first(n: number): Promise<readonly T[]>;
}

/**
 * The start of the page that holds `offset`, kept inside the list: a list that shrank since
 * its page was drawn (a session cancelled, a request answered) shows its last page.
 */
export function pageStart(offset: number, size: number, total: number): number {
  if (total === 0) return 0;
  const last = Math.floor((total - 1) / size) * size;
  return Math.min(Math.floor(offset / size) * size, last);
}

/** The page at `offset` of the sources read one after the other (live, then upcoming). */
export async function pageAcross<T>(
  sources: readonly Source<T>[],
  offset: number,
  size: number,
): Promise<Page<T>> {
  const total = sources.reduce((sum, s) => sum + s.total, 0);
  const start = pageStart(offset, size, total);
  const end = start + size;
  const items: T[] = [];
  let before = 0;
  for (const source of sources) {
    const from = Math.max(0, start - before);
    const to = Math.min(source.total, end - before);
    if (to > from) items.push(...(await source.first(to)).slice(from, to));
    before += source.total;
  }
  return { items, total, offset: start, size };
}

/** Two sorted sources as one, in the order `compare` gives (published sessions and drafts). */
export function merged<T>(a: Source<T>, b: Source<T>, compare: (x: T, y: T) => number): Source<T> {
  return {
    total: a.total + b.total,
    async first(n) {
      const [x, y] = await Promise.all([
        a.total > 0 ? a.first(Math.min(n, a.total)) : [],
        b.total > 0 ? b.first(Math.min(n, b.total)) : [],
      ]);
      return [...x, ...y].sort(compare).slice(0, n);
    },
  };
}

/** The offset of the next page, when there is one. */
export const nextOffset = (p: PageInfo): number | undefined =>
  p.offset + p.size < p.total ? p.offset + p.size : undefined;

/** The offset of the previous page, when there is one. */
export const previousOffset = (p: PageInfo): number | undefined =>
  p.offset > 0 ? Math.max(0, p.offset - p.size) : undefined;

/** "6-10 of 80", for the line under a page; undefined when one page holds the whole list. */
export function pageRange(p: PageInfo): string | undefined {
  if (p.total <= p.size && p.offset === 0) return undefined;
  const last = Math.min(p.offset + p.size, p.total);
  return `${p.offset + 1}-${last} of ${p.total}`;
}

/** A paging button: its words and the offset of the page it leads to. */
export interface PageTurn {
  readonly label: string;
  readonly offset: number;
}

/**
 * What is drawn under a page: "6-10 of 80", *Previous* and *Next 5* (fewer on a short last
 * page), each only where it leads somewhere. Undefined when one page holds the whole list.
 */
export function pager(
  p: PageInfo,
): { range: string; previous?: PageTurn; next?: PageTurn } | undefined {
  const range = pageRange(p);
  if (range === undefined) return undefined;
  const next = nextOffset(p);
  const previous = previousOffset(p);
  return {
    range,
    ...(previous !== undefined ? { previous: { label: 'Previous', offset: previous } } : {}),
    ...(next !== undefined
      ? { next: { label: `Next ${Math.min(p.size, p.total - next)}`, offset: next } }
      : {}),
  };
}

/** A page's place without its items (what a view carries to draw its buttons). */
export const infoOf = ({ offset, size, total }: PageInfo): PageInfo => ({ offset, size, total });
