/** `<@U123|ada> let's talk careers` -> U123 and the message (commands escape mentions). */
export function parseRequest(text: string): { mentorUser?: string; message: string } {
  const match = /^\s*<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*([\s\S]*)$/.exec(text);
  return match
    ? { mentorUser: match[1] as string, message: (match[2] ?? '').trim() }
    : { message: text.trim() };
}
