import { z } from 'zod';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/**
 * A list of free-text tags (expertise, interests): each 1-40 characters, at most 20, and
 * repeated tags (ignoring case) kept once, so search chips never show the same word twice.
 */
export function tagListSchema(what: string) {
  return z
    .array(
      z
        .string({ error: `Each ${what} must be text.` })
        .trim()
        .min(1, { error: `A ${what} cannot be empty.` })
        .max(MAX_TAG_LENGTH, {
          error: `Keep each ${what} to ${MAX_TAG_LENGTH} characters or fewer.`,
        }),
      { error: `Give your ${what}s as a list.` },
    )
    .max(MAX_TAGS, { error: `Pick at most ${MAX_TAGS} ${what}s.` })
    .default([])
    .transform((tags) => {
      const seen = new Set<string>();
      return tags.filter((tag) => {
        const key = tag.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    });
}
