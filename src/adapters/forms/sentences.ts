/** What people read when something failed on our side: nothing changed, try again. */
export const TRY_AGAIN =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.';
