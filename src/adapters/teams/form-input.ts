import type { DomainError } from '../../core/errors.js';
import type { DialogInfo, FormState } from './kit.js';

/**
 * Between a dialog's inputs (strings, by input id) and the core's inputs: parsing only.
 * Every rule stays in the core; what comes back as field errors is placed next to the input
 * it belongs to, and anything else on top of the form.
 */

export type Values = Record<string, string>;

/** The string inputs of a submitted form, without Teams' and our own routing fields. */
export function valuesOf(data: unknown): Values {
  const values: Values = {};
  if (typeof data !== 'object' || data === null) return values;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'msteams' || key === 'verb') continue;
    if (typeof value === 'string')
      values[key] = value.length > 10_000 ? value.slice(0, 10_000) : value;
  }
  return values;
}

/** "a, b,,c" -> ["a", "b", "c"] (also one per line). */
export const listOf = (s: string | undefined) =>
  (s ?? '')
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** Core field (path prefix) -> input id, longest prefix first. */
export type Slots = readonly (readonly [string, string])[];

/** Field errors placed on their inputs; the rest become the sentence on top of the form. */
function placeErrors(
  fields: Readonly<Record<string, string>>,
  slots: Slots,
  message?: string,
): { errors: Record<string, string>; banner?: string } {
  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    const slot = [...slots]
      .filter(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (slot) errors[slot[1]] ??= text;
    else unplaced.push(text);
  }
  if (Object.keys(fields).length === 0 && message) unplaced.push(message);
  return unplaced.length > 0 ? { errors, banner: unplaced.join(' ') } : { errors };
}

/** The form again, as typed, with the core's errors next to their inputs. */
export const again = (
  render: (state: FormState) => DialogInfo,
  values: Values,
  error: DomainError,
  slots: Slots,
) => render({ values, ...placeErrors(error.fields, slots, error.message) });

/** Whole numbers typed in a form; anything else is answered next to the input. */
export function wholeNumber(s: string | undefined): number | undefined {
  const t = s?.trim() ?? '';
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}
