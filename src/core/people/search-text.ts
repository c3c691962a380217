import { z } from 'zod';

/** What a person types into a search of people (mentors, mentees, anyone to invite). */
export const searchText = z
  .string({ error: 'The search must be text.' })
  .trim()
  .max(100, { error: 'Keep the search to 100 characters or fewer.' });
