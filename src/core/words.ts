/**
 * How the product writes numbers and durations, once for both platforms: "1 seat",
 * "2 seats", "1 day and 15 minutes", "starts in 14 hours".
 */

/** "1 seat", "3 seats", "1 mentee": the count with its noun in the right number. */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** "a, b and c". */
export function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Whole minutes as people write them: "15 minutes", "1 hour", "1 day and 15 minutes". */
export function durationText(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  if (minutes === 0) return '0 minutes';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return listText(
    [
      days > 0 ? plural(days, 'day') : '',
      hours > 0 ? plural(hours, 'hour') : '',
      rest > 0 ? plural(rest, 'minute') : '',
    ].filter(Boolean),
  );
}

/** [1440, 15] -> "1 day and 15 minutes before": a workspace's reminders, as people say them. */
export const remindersText = (offsetsMinutes: readonly number[]) =>
  offsetsMinutes.length === 0
    ? 'no reminders'
    : `${listText(offsetsMinutes.map(durationText))} before`;

/**
 * The true time until a start, rounded the way a person would say it: minutes under an
 * hour, to 5 minutes under 3 hours, then to the hour ("14 hours", "1 day and 2 hours").
 */
export function timeLeftText(msLeft: number): string {
  const minutes = Math.max(1, Math.round(msLeft / 60_000));
  if (minutes < 60) return plural(minutes, 'minute');
  if (minutes < 180) return durationText(Math.round(minutes / 5) * 5);
  return durationText(Math.round(minutes / 60) * 60);
}
