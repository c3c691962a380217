import { Action, Field, View } from '../../ids.js';
import {
  externalSelect,
  input,
  type ModalView,
  modal,
  option,
  section,
  textInput,
  who,
} from '../../kit.js';

export function requestSessionModal(args: {
  mentor?: { id: string; name: string };
  meta: string;
}): ModalView {
  const initial = args.mentor ? option(args.mentor.name, args.mentor.id) : undefined;
  return modal({
    callbackId: View.requestSession,
    title: 'Request a session',
    submit: 'Send request',
    privateMetadata: args.meta,
    blocks: [
      input(Field.mentor, 'Mentor', externalSelect(Action.mentorPicker, initial)),
      input(
        Field.message,
        'Message',
        textInput({
          multiline: true,
          max: 1000,
          placeholder: 'What would you like to talk about?',
        }),
        { optional: true },
      ),
    ],
  });
}

export function sendOfferModal(args: {
  menteeId: string;
  menteeName: string;
  meta: string;
}): ModalView {
  return modal({
    callbackId: View.sendOffer,
    title: 'I want to mentor you!',
    submit: 'Send Request',
    privateMetadata: args.meta,
    blocks: [
      section(
        `Offer to mentor ${who({ id: args.menteeId, name: args.menteeName })}. They can book a time with you or dismiss it.`,
      ),
      input(Field.message, 'Message', textInput({ multiline: true, max: 1000 }), {
        optional: true,
      }),
    ],
  });
}
