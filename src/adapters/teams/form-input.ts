import type { DomainError } from '../../core/errors.js';
import { placeFieldErrors } from '../forms/index.js';
import type { DialogInfo, FormState } from './kit.js';

/**
 * Between a dialog's inputs (strings, by input id) and the core's inputs: parsing only.
 * Every rule stays in the core; what comes back as field errors is placed next to the input
 * it belongs to, and anything else on top of the form.
 */

export type Values = Record<string, string>;

/**
 * The inputs of a submitted form as strings, without Teams' and our own routing fields. Teams
 * sends every input as a string; a client may send an `Input.Number` as a JSON number, which
 * is read as its decimal text.
 */
export function valuesOf(data: unknown): Values {
  const values: Values = {};
  if (typeof data !== 'object' || data === null) return values;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'msteams' || key === 'verb') continue;
    if (typeof value === 'string')
      values[key] = value.length > 10_000 ? value.slice(0, 10_000) : value;
    else if (typeof value === 'number' && Number.isFinite(value)) values[key] = String(value);
  }
  return values;
}

/** Core field (path prefix) -> input id, longest prefix first. */
export type Slots = readonly (readonly [string, string])[];

/** Field errors placed on their inputs; the rest become the sentence on top of the form. */
function placeErrors(
  fields: Readonly<Record<string, string>>,
  slots: Slots,
  message: string,
): { errors: Record<string, string>; banner?: string } {
  const { errors, unplaced } = placeFieldErrors(fields, slots);
  if (Object.keys(fields).length === 0) unplaced.push(message);
  return unplaced.length > 0 ? { errors, banner: unplaced.join(' ') } : { errors };
}

/** The form again, as typed, with the core's errors next to their inputs. */
export const again = (
  render: (state: FormState) => DialogInfo,
  values: Values,
  error: DomainError,
  slots: Slots,
) => render({ values, ...placeErrors(error.fields, slots, error.message) });
