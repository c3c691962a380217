/**
 * Where the core's field errors go in a form. A core field is a path (`title`,
 * `meeting.url`, `availability.2.end`); it lands on the input whose prefix is the longest
 * that matches it. Each input shows the first error that reaches it; errors no input takes
 * are returned as `unplaced`, for the sentence above the form.
 */
export function placeFieldErrors(
  fields: Readonly<Record<string, string>>,
  /** [field prefix, input id] pairs; on Slack both are the block id. */
  inputs: Iterable<readonly [string, string]>,
): { errors: Record<string, string>; unplaced: string[] } {
  const slots = [...inputs].sort((a, b) => b[0].length - a[0].length);
  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    const slot = slots.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`));
    if (slot) errors[slot[1]] ??= text;
    else unplaced.push(text);
  }
  return { errors, unplaced };
}
