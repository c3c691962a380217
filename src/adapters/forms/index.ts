/**
 * Form helpers both platform adapters share, so a rule about what people type is written
 * once: comma lists and lines (`lists.ts`), whole numbers, weekly availability as text and
 * back (`availability.ts`), placing the core's field errors on inputs (`field-errors.ts`),
 * and the try-again sentence (`sentences.ts`). Platform-free: no Slack or Teams types here.
 */
export { availabilityOf, availabilityText, slotText, type WeeklySlot } from './availability.js';
export { placeFieldErrors } from './field-errors.js';
export { commaList, lines, wholeNumber } from './lists.js';
export { TRY_AGAIN } from './sentences.js';
