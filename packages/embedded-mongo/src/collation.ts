import type { Document } from 'bson';
import { CommandError } from './errors.js';
import { isPlainObject, keyString } from './values.js';

/**
 * Collation for filters, sorts and distinct, from the platform's ICU (`Intl.Collator`),
 * which is what mongod uses too: `strength` 1 (base letters: case and accents ignored),
 * 2 (accents count, case ignored), 3 (the default: both count), 4 and 5, `caseFirst` and
 * `numericOrdering`. Options that ICU has but `Intl.Collator` cannot express (`caseLevel`,
 * `alternate: 'shifted'`, `backwards`, ...) are refused with an error naming them, never
 * ignored. `locale: 'simple'` is binary comparison, as without a collation.
 */
export interface Collator {
  /** Equality of two BSON values, strings (also inside arrays and documents) collated. */
  equal(a: unknown, b: unknown): boolean;
  /** Order of two strings. */
  compareStrings(a: string, b: string): number;
}

const SENSITIVITY = { 1: 'base', 2: 'accent', 3: 'variant', 4: 'variant', 5: 'variant' } as const;
const KNOWN = new Set([
  'locale',
  'strength',
  'caseLevel',
  'caseFirst',
  'numericOrdering',
  'alternate',
  'maxVariable',
  'normalization',
  'backwards',
  'version',
]);
/** Options accepted only with their default value. */
const DEFAULTS: Record<string, unknown> = {
  caseLevel: false,
  alternate: 'non-ignorable',
  backwards: false,
  normalization: false,
};

const cache = new Map<string, Collator | undefined>();

function unsupported(field: string, value: unknown): CommandError {
  return new CommandError(
    'NotImplemented',
    `The embedded MongoDB server does not support the collation option ${field}: ${JSON.stringify(value)}`,
  );
}

function build(spec: Document): Collator | undefined {
  const locale = spec.locale;
  if (typeof locale !== 'string') {
    throw new CommandError('FailedToParse', "Required field 'locale' is missing");
  }
  for (const field of Object.keys(spec)) {
    if (!KNOWN.has(field)) {
      throw new CommandError('FailedToParse', `unknown collation spec field: ${field}`);
    }
    if (field in DEFAULTS && spec[field] !== DEFAULTS[field]) throw unsupported(field, spec[field]);
  }
  if (locale === 'simple') {
    const others = Object.keys(spec).filter((k) => k !== 'locale');
    if (others.length > 0) {
      throw new CommandError(
        'BadValue',
        `If the locale is 'simple', no other collation options may be specified: ${others.join(', ')}`,
      );
    }
    return undefined;
  }
  const tag = bcp47(locale);
  if (!tag) {
    throw new CommandError('BadValue', `Field 'locale' is invalid in: { locale: "${locale}" }`);
  }
  const strength = spec.strength === undefined ? 3 : Number(spec.strength);
  if (!(strength in SENSITIVITY)) {
    throw new CommandError(
      'BadValue',
      `collation strength must be between 1 and 5, got ${strength}`,
    );
  }
  const caseFirst = spec.caseFirst ?? 'off';
  if (caseFirst !== 'off' && caseFirst !== 'upper' && caseFirst !== 'lower') {
    throw new CommandError('BadValue', `caseFirst must be 'upper', 'lower' or 'off'`);
  }
  const intl = new Intl.Collator(tag, {
    usage: 'sort',
    sensitivity: SENSITIVITY[strength as 1 | 2 | 3],
    caseFirst: caseFirst === 'off' ? 'false' : caseFirst,
    numeric: spec.numericOrdering === true,
  });
  // Quaternary (4) differs from tertiary only with alternate 'shifted' (refused above);
  // identical (5) breaks ties by code points.
  const compareStrings =
    strength === 5
      ? (a: string, b: string) => intl.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
      : (a: string, b: string) => intl.compare(a, b);
  const equal = (a: unknown, b: unknown): boolean => {
    if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b) === 0;
    if (Array.isArray(a) && Array.isArray(b)) {
      return a.length === b.length && a.every((v, i) => equal(v, b[i]));
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const ka = Object.keys(a);
      const kb = Object.keys(b);
      return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal(a[k], b[k]));
    }
    return keyString(a) === keyString(b);
  };
  return { equal, compareStrings };
}

/**
 * MongoDB names locales the ICU way (`en_US`, `de@collation=phonebook`); `Intl` wants
 * BCP 47 (`en-US`). Undefined when the platform does not know the locale.
 */
export function bcp47(locale: string): string | undefined {
  if (locale === '' || locale.includes('@')) return undefined;
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.Collator.supportedLocalesOf([tag]).length > 0 ? tag : undefined;
  } catch {
    return undefined;
  }
}

/** The collator of a command's `collation`; undefined for none or for `simple`. */
export function collatorFor(spec: unknown): Collator | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) throw new CommandError('TypeMismatch', "'collation' must be an object");
  const key = JSON.stringify(spec);
  if (!cache.has(key)) cache.set(key, build(spec));
  return cache.get(key);
}
