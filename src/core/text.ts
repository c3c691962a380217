/**
 * Hygiene for text people type that others will read (titles, descriptions, names): control
 * characters and bidirectional overrides are stripped, because they can hide or reorder what
 * a reader sees (a title that renders as "Intro to Rust" but reads backwards, a name that
 * swallows the text after it). Plain line breaks survive in multi-line text only.
 */

// C0 and C1 controls except tab, line feed and carriage return (handled per kind of text).
const CONTROLS = /(?![\t\n\r])\p{Cc}/gu;
// Bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, LRE..RLO, LRI..PDI).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Whitespace, controls, format characters (zero-width space and joiners, BOM, soft hyphen)
// and the blank letters that render as nothing (Hangul fillers, Braille blank).
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** One line of text: line breaks and tabs become spaces, controls and bidi marks go. */
export function oneLine(text: string): string {
  return text
    .replace(/[\t\r\n]+/g, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI, '');
}

/** Several lines of text: line breaks and tabs kept (CRLF as LF), controls and bidi marks go. */
export function multiLine(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(BIDI, '');
}

/** Whether anything in `text` would show on screen. */
export const hasVisibleText = (text: string) => VISIBLE.test(text);
