import type { RequestFormView } from '../../../../core/requests/form.js';
import { Action, Field, View } from '../../ids.js';
import {
  esc,
  externalSelect,
  input,
  type ModalView,
  modal,
  option,
  section,
  textInput,
  who,
} from '../../kit.js';

type Form<K> = Extract<RequestFormView, { kind: K }>;

const messageInput = (max: number, placeholder?: string, initial?: string) =>
  input(
    Field.message,
    'Message',
    textInput({
      multiline: true,
      max,
      ...(placeholder ? { placeholder } : {}),
      ...(initial ? { initial } : {}),
    }),
    { optional: true },
  );

/** *Request a Session*: the mentor given, or picked from our options as the person types. */
export function requestSessionModal(form: Form<'session'>): ModalView {
  const initial = form.mentor ? option(form.mentor.name, form.mentor.id) : undefined;
  return modal({
    callbackId: View.requestSession,
    title: 'Request a session',
    submit: 'Send request',
    ...(form.likeSession ? { privateMetadata: JSON.stringify({ s: form.likeSession.id }) } : {}),
    blocks: [
      ...(form.likeSession
        ? [section(`Another session like *${esc(form.likeSession.title)}*.`)]
        : []),
      input(Field.mentor, 'Mentor', externalSelect(Action.mentorPicker, initial)),
      messageInput(form.maxMessageLength, 'What would you like to talk about?', form.message),
    ],
  });
}

/** *I want to mentor you!* to one mentee. */
export function sendOfferModal(form: Form<'offer'>, meta: string): ModalView {
  return modal({
    callbackId: View.sendOffer,
    title: 'I want to mentor you!',
    submit: 'Send Request',
    privateMetadata: meta,
    blocks: [
      section(`Offer to mentor ${who(form.mentee)}. They can book a time with you or dismiss it.`),
      messageInput(form.maxMessageLength),
    ],
  });
}
