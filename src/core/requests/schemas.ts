import { z } from 'zod';
import { MAX_REQUEST_MESSAGE } from './request.js';

/**
 * The optional note sent with a request (docs/product.md#mentee-asks-a-mentor: at most 1,000
 * characters).
 */
export const requestMessageSchema = z
  .string({ error: 'The message must be text.' })
  .trim()
  .max(MAX_REQUEST_MESSAGE, {
    error: `Keep the message to ${MAX_REQUEST_MESSAGE} characters or fewer.`,
  })
  .optional()
  .transform((message) => (message ? message : undefined));

export const requestIdSchema = z.object({
  requestId: z
    .string({ error: 'That request is missing. Open it again.' })
    .trim()
    .min(1, { error: 'That request is missing. Open it again.' }),
});
