import { z } from 'zod';

/**
 * Numbers and durations typed into forms, read once for both platforms, each with a message
 * saying what is wrong: "-5" is below the least allowed ("must be at least 1"), "2.5" is
 * not whole, "abc" is not a number; never one message for all three.
 */

const WHOLE = /^[-+]?\d{1,9}$/;

/** A whole number given as a number or as typed text, checked against its range. */
export function wholeNumberField(o: {
  /** "The default seat limit", "A session": what the messages are about. */
  readonly what: string;
  readonly min: number;
  readonly max: number;
  /** "minutes", "seats": the unit said after the bounds. */
  readonly unit?: (n: number) => string;
}) {
  const said = (n: number) => (o.unit ? o.unit(n) : String(n));
  return z
    .union([z.number(), z.string()], { error: `${o.what} must be a number.` })
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? String(value) : value.trim();
      const n = typeof value === 'number' ? value : WHOLE.test(text) ? Number(text) : Number.NaN;
      const problem =
        text === ''
          ? `Enter ${o.what.charAt(0).toLowerCase()}${o.what.slice(1)}.`
          : Number.isNaN(n)
            ? /^[-+]?\d*[.,]\d+$/.test(text)
              ? `${o.what} must be a whole number, not ${text}.`
              : `${o.what} must be a number, like ${o.min}.`
            : !Number.isInteger(n)
              ? `${o.what} must be a whole number, not ${text}.`
              : n < o.min
                ? `${o.what} must be at least ${said(o.min)}.`
                : n > o.max
                  ? `${o.what} can be at most ${said(o.max)}.`
                  : undefined;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return n;
    });
}

const UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(d|days?)$/, 24 * 60],
  [/^(h|hrs?|hours?)$/, 60],
  [/^(m|mins?|minutes?)$/, 1],
];

/**
 * A duration as people write it: "15", "15 minutes", "2 hours", "1 day", "1 day 15 min",
 * "1h30m". A bare number is minutes. Undefined when it is not one.
 */
export function parseDuration(text: string): number | undefined {
  const cleaned = text
    .trim()
    .toLowerCase()
    .replace(/\band\b/g, ' ');
  if (/^\d{1,6}$/.test(cleaned)) return Number(cleaned);
  const parts = [...cleaned.matchAll(/(\d{1,6})\s*([a-z]+)/g)];
  if (parts.length === 0) return undefined;
  // Everything must be number-unit pairs: "1 day blah" is not a duration.
  if (cleaned.replace(/(\d{1,6})\s*([a-z]+)/g, '').trim() !== '') return undefined;
  let total = 0;
  for (const [, amount, unit] of parts) {
    const factor = UNITS.find(([pattern]) => pattern.test(unit ?? ''))?.[1];
    if (factor === undefined) return undefined;
    total += Number(amount) * factor;
  }
  return total;
}
