import { z } from 'zod';
import { hasVisibleText, multiLine, oneLine } from '../text.js';
import { isLocalDate, isLocalTime } from '../time.js';

/**
 * The session form's fields (docs/product.md#session-fields), each with a message for the
 * person filling it in. The create, edit and clone use cases compose these, so a field has the
 * same rule everywhere.
 */

export const MAX_TITLE = 120;
export const MAX_DESCRIPTION = 2000;
export const MAX_SEATS = 500;
export const MAX_OTHER_LENGTH = 40;
export const MAX_OTHER_ITEMS = 20;
export const MAX_MENTORS = 10;

export const sessionIdSchema = z
  .string({ error: 'Pick a session.' })
  .trim()
  .min(1, { error: 'Pick a session.' });

/** One line; control characters and bidi overrides stripped; something visible required. */
export const titleSchema = z
  .string({ error: 'Give the session a title.' })
  .transform(oneLine)
  .pipe(
    z
      .string()
      .trim()
      .min(1, { error: 'Give the session a title.' })
      .max(MAX_TITLE, { error: `Keep the title to ${MAX_TITLE} characters or fewer.` })
      .refine(hasVisibleText, { error: 'Give the session a title with letters or numbers.' }),
  );

export const descriptionSchema = z
  .string({ error: 'The description must be text.' })
  .transform(multiLine)
  .pipe(
    z
      .string()
      .trim()
      .max(MAX_DESCRIPTION, { error: 'Keep the description to 2,000 characters or fewer.' }),
  );

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** An https link, or an empty string meaning "no image". */
export const imageUrlSchema = z
  .string({ error: 'The image must be a link.' })
  .trim()
  .refine((url) => url === '' || isHttpsUrl(url), {
    error: 'The image must be an https:// link, like https://example.com/picture.png.',
  });

export const typeSchema = z.enum(['public', 'private'], {
  error: 'Choose public or private.',
});

const SEAT_ERROR = 'The seat limit must be a whole number, like 10.';

/**
 * Forms send numbers as text (a Slack plain-text input), so a string of decimal digits is
 * accepted, and only that: JavaScript's Number() would also take "1e2", "0x10" or "0b11".
 */
export const seatLimitSchema = z
  .union([z.number(), z.string()], { error: SEAT_ERROR })
  .transform((value) =>
    typeof value === 'number'
      ? value
      : /^-?\d{1,9}$/.test(value.trim())
        ? Number(value)
        : Number.NaN,
  )
  .pipe(
    z
      .number({ error: SEAT_ERROR })
      .int({ error: SEAT_ERROR })
      .min(1, { error: 'A session needs at least 1 seat.' })
      .max(MAX_SEATS, { error: `A session can have at most ${MAX_SEATS} seats.` }),
  );

/**
 * A moment, either as an ISO-8601 instant with its offset ("2027-03-14T15:00:00Z", what a
 * Slack datetime picker gives once converted) or as a wall-clock date and time in the
 * actor's own zone ({ date: "2027-03-14", time: "10:00" }, what date and time pickers give).
 */
export const momentSchema = z.union(
  [
    z.iso.datetime({ offset: true, error: 'Pick a date and a time.' }),
    z.object({
      date: z
        .string({ error: 'Pick a date.' })
        .refine(isLocalDate, { error: 'Pick a date, like 2027-03-14.' }),
      time: z
        .string({ error: 'Pick a time.' })
        .refine(isLocalTime, { error: 'Pick a time as HH:mm, like 14:00.' }),
    }),
  ],
  { error: 'Pick a date and a time.' },
);

export type MomentInput = z.output<typeof momentSchema>;

const otherItems = z
  .array(
    z.string({ error: 'Other items must be text.' }).transform(oneLine).pipe(z.string().trim()),
    {
      error: 'Give Other items as a list.',
    },
  )
  .max(MAX_OTHER_ITEMS, { error: `Add at most ${MAX_OTHER_ITEMS} Other items.` })
  .refine((items) => items.every((i) => i.length >= 1 && i.length <= MAX_OTHER_LENGTH), {
    error: `Each Other item must be 1 to ${MAX_OTHER_LENGTH} characters.`,
  });

/**
 * A multi-select (Recommended for, Categories, Medium): `selected` values come from the
 * workspace's vocabulary; `other` holds the free-text items the person typed.
 */
export const tagPickSchema = z.object(
  {
    selected: z
      .array(z.string({ error: 'Pick options from the list.' }).trim(), {
        error: 'Pick options from the list.',
      })
      .default([]),
    other: otherItems.default([]),
  },
  { error: 'Pick options from the list, or add your own under Other.' },
);

export type TagPick = z.output<typeof tagPickSchema>;

const personIds = (what: string, max: number) =>
  z
    .array(
      z
        .string({ error: `Pick ${what} from the list.` })
        .trim()
        .min(1),
      {
        error: `Pick ${what} from the list.`,
      },
    )
    .max(max, { error: `Pick at most ${max} ${what}.` })
    .transform((ids) => [...new Set(ids)]);

export const menteeIdsSchema = personIds('mentees', MAX_SEATS);
export const mentorIdsSchema = personIds('mentors', MAX_MENTORS);

/** An explicit "yes" from the adapter's confirmation dialog (docs/product.md#deleting). */
export const confirmSchema = z.literal(true, {
  error: 'Please confirm that you want to delete this session.',
});
