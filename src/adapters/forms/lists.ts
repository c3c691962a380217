/** "a, b ,, c" (or one per line) -> ["a", "b", "c"]; the core checks lengths and counts. */
export const commaList = (text: string | undefined) =>
  (text ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** One entry per line, blank lines dropped (vocabularies, availability). */
export const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A whole number typed in a text box ("15", not "15.5" or "soon"); undefined otherwise. */
export function wholeNumber(text: string | undefined): number | undefined {
  const trimmed = text?.trim() ?? '';
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}
