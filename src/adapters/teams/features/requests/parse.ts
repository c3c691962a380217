import type { Slots } from '../../form-input.js';

/** Where the request and offer use cases' field errors show in their dialogs. */

export const REQUEST_SLOTS: Slots = [
  ['mentorId', 'mentorId'],
  ['message', 'message'],
];

export const OFFER_SLOTS: Slots = [['message', 'message']];
