import type { TurnContext } from 'botbuilder';
import type { SessionFormInput } from '../../../../core/sessions/form.js';
import type { Actor } from '../../../../core/usecase.js';
import { TRY_AGAIN } from '../../../forms/index.js';
import { rememberEnrolment } from '../../../notify/session-messages.js';
import { button, buttonFailure, commandOf, showing } from '../../buttons.js';
import {
  answer,
  type DialogTurn,
  type Feature,
  idempotencyKeyOf,
  replyCard,
  type TeamsContext,
  textIn,
  WHO_ARE_YOU,
} from '../../context.js';
import { again } from '../../form-input.js';
import { personOf } from '../../identity.js';
import { ActionVerb, DialogVerb, PageVerb, ShowVerb } from '../../ids.js';
import type { AdaptiveCard, DialogInfo, FormState } from '../../kit.js';
import { answerOnOrigin } from '../../origin.js';
import { offsetIn, pageTurn } from '../../pager.js';
import { noticeCard } from '../home/cards.js';
import { mySessionsCard, sessionCard, sessionWhen } from './cards.js';
import {
  cloneForm,
  deleteConfirmation,
  meetingForm,
  menteeListDialog,
  sessionForm,
} from './forms.js';
import { downloadSentImage, SEND_IMAGE, type SentImage } from './image.js';
import {
  CLONE_SLOTS,
  MEETING_SLOTS,
  meetingOf,
  SESSION_SLOTS,
  sessionInputOf,
  sessionValuesOf,
} from './parse.js';
import { bareFormContext, formContext, meetingValuesOf } from './prepare.js';

/**
 * Sessions (docs/product.md#sessions): *Enroll* and *Publish*, the create, edit, meeting,
 * delete, clone and mentee-list dialogs, and *My sessions*. The forms are the core's
 * (`sessionForm`): its values, defaults, the fields the person may change and its checks.
 */
export function sessionsFeature(ctx: TeamsContext): Feature {
  const { mentorship } = ctx;
  const answerOn = (turn: DialogTurn, content: AdaptiveCard) =>
    answerOnOrigin(turn, content, ctx.logger);
  const sessionOf = (turn: { data: DialogTurn['data'] }) => ({
    sessionId: textIn(turn.data, 'sessionId'),
  });

  /**
   * The create or edit form drawn from the core's form (its refusal as a sentence), with
   * the data its buttons carry back.
   */
  async function sessionDialog(
    actor: Actor,
    input: SessionFormInput,
    hidden: Record<string, string | number>,
  ): Promise<string | ((state?: FormState) => DialogInfo)> {
    const view = await mentorship.sessionForm({ actor, input });
    if (!view.ok) return view.error.message;
    const v = view.value;
    // A form sent back after a refusal keeps the version it was opened with.
    const form = await formContext(mentorship, actor, v, {
      ...(v.version !== undefined ? { version: v.version } : {}),
      ...hidden,
    });
    const values = {
      ...(v.mode === 'create' ? { type: v.values.type } : sessionValuesOf(v.values)),
      meetingPlatform: v.values.meeting.platform,
    };
    return (state = { values, errors: {} }) => sessionForm(form, state);
  }

  return {
    buttons: {
      // The card it turned into "You are enrolled" is kept up to date when the session changes.
      [ActionVerb.enrol]: button(
        'Enrolling you…',
        async (turn) => {
          const result = await mentorship.enrol(commandOf(turn, sessionOf(turn)));
          if (result.ok && turn.origin) {
            const address = { activityId: turn.origin };
            await rememberEnrolment(ctx, result.value.session.id, turn.person.id, address);
          }
          return result;
        },
        ({ session }) => sessionCard(session, 'You are enrolled.'),
      ),
      [PageVerb.mySessions]: pageTurn(
        (personId, data) =>
          mentorship.mySessions({
            actor: { personId },
            input: {
              offset: offsetIn(data, 'offset'),
              completedOffset: offsetIn(data, 'completedOffset'),
            },
          }),
        mySessionsCard,
      ),
      // *Add image*: the next image the mentor sends in this chat becomes the session's
      // (docs/product.md#session-image). The core's edit form says whether they may.
      [ActionVerb.addImage]: {
        working: 'Getting ready for your image…',
        async run(turn) {
          const { sessionId } = sessionOf(turn);
          const form = await mentorship.sessionForm({
            actor: { personId: turn.person.id },
            input: { mode: 'edit', sessionId },
          });
          if (!form.ok) return buttonFailure(form.error);
          if (!ctx.imageWaits || !form.value.session) return TRY_AGAIN;
          await ctx.imageWaits.expect(turn.person.id, sessionId, ctx.clock.now());
          return sessionCard(form.value.session, SEND_IMAGE);
        },
      },
      [ActionVerb.removeImage]: button(
        'Removing the image…',
        (turn) =>
          mentorship.changeSessionImage(commandOf(turn, { ...sessionOf(turn), image: null })),
        ({ session }) => sessionCard(session, 'The image is removed.'),
      ),
      [ActionVerb.publish]: button(
        'Publishing the session…',
        (turn) => mentorship.publishSession(commandOf(turn, sessionOf(turn))),
        ({ session }) => sessionCard(session, 'Published. Invited mentees were told.'),
      ),
    },

    shows: {
      // *Read more* on a session in a list: the session as a card of its own, all of it.
      [ShowVerb.session]: showing(
        ({ person, data }) =>
          mentorship.sessionDetails({
            actor: { personId: person.id },
            input: { sessionId: textIn(data, 'sessionId') },
          }),
        ({ session }) => sessionCard(session),
      ),
      [ShowVerb.mySessions]: showing(
        ({ person }) => mentorship.mySessions({ actor: { personId: person.id } }),
        mySessionsCard,
      ),
    },

    dialogs: {
      [DialogVerb.createSession]: {
        async fetch({ actor, data }) {
          const requestId = textIn(data, 'requestId');
          const dialog = await sessionDialog(
            actor,
            { mode: 'create', ...(requestId ? { requestId } : {}) },
            requestId ? { requestId } : {},
          );
          return typeof dialog === 'string' ? dialog : dialog();
        },
        async submit(turn) {
          const { context, person, actor, data, values, key } = turn;
          const requestId = textIn(data, 'requestId');
          const hidden: Record<string, string> = requestId ? { requestId } : {};
          const publish = data.publish === 'yes';
          // A draft keeps the meeting chosen in the form, so its *Publish* uses it.
          const meeting = meetingOf(values);
          const input = {
            ...sessionInputOf(values, 'create'),
            ...(requestId ? { requestId } : {}),
            ...(meeting ? { meeting } : {}),
          };
          const args = { actor, input, idempotencyKey: key };
          const result = publish
            ? await mentorship.createAndPublishSession(args)
            : await mentorship.createSession(args);
          if (!result.ok) {
            const dialog = await sessionDialog(
              actor,
              { mode: 'create', ...(requestId ? { requestId } : {}) },
              hidden,
            );
            return again(
              typeof dialog === 'string'
                ? (state) => sessionForm(bareFormContext('create', hidden, person.timeZone), state)
                : dialog,
              values,
              result.error,
              SESSION_SLOTS,
            );
          }
          const created = sessionCard(
            result.value.session,
            publish
              ? 'Session published. Invited mentees were told.'
              : 'Saved as a draft. Publish it when ready.',
          );
          // Scheduled from a request: the request's card shows the session instead.
          if (requestId) return answerOn(turn, created);
          await replyCard(context, created);
          return undefined;
        },
      },

      [DialogVerb.editSession]: {
        async fetch({ actor, data }) {
          const { sessionId } = sessionOf({ data });
          const dialog = await sessionDialog(actor, { mode: 'edit', sessionId }, { sessionId });
          return typeof dialog === 'string' ? dialog : dialog();
        },
        async submit(turn) {
          const { actor, data, values, key } = turn;
          const { sessionId } = sessionOf(turn);
          const version = Number(data.version);
          const input = {
            sessionId,
            ...(Number.isInteger(version) ? { version } : {}),
            ...sessionInputOf(values, 'edit'),
          };
          const result = await mentorship.editSession({ actor, input, idempotencyKey: key });
          if (!result.ok) {
            const dialog = await sessionDialog(
              actor,
              { mode: 'edit', sessionId },
              {
                sessionId,
                version,
              },
            );
            const bare = bareFormContext('edit', { sessionId, version }, turn.person.timeZone);
            return again(
              typeof dialog === 'string' ? (state) => sessionForm(bare, state) : dialog,
              values,
              result.error,
              SESSION_SLOTS,
            );
          }
          return answerOn(turn, sessionCard(result.value.session, 'Session saved.'));
        },
      },

      [DialogVerb.editMeeting]: {
        async fetch({ actor, data }) {
          const { sessionId } = sessionOf({ data });
          const view = await mentorship.sessionForm({
            actor,
            input: { mode: 'meeting', sessionId },
          });
          if (!view.ok) return view.error.message;
          const title = view.value.session?.title ?? 'this session';
          return meetingForm(
            { sessionId, title },
            title,
            { values: meetingValuesOf(view.value), errors: {} },
            view.value.choices.meetingPlatforms,
          );
        },
        async submit(turn) {
          const { actor, data, values, key } = turn;
          const { sessionId } = sessionOf(turn);
          const title = textIn(data, 'title');
          const result = await mentorship.editMeeting({
            actor,
            input: { sessionId, meeting: meetingOf(values) },
            idempotencyKey: key,
          });
          if (!result.ok) {
            // The same choices as when it opened: the core's platforms.
            const view = await mentorship.sessionForm({
              actor,
              input: { mode: 'meeting', sessionId },
            });
            const platforms = view.ok ? view.value.choices.meetingPlatforms : [];
            return again(
              (state) => meetingForm({ sessionId, title }, title, state, platforms),
              values,
              result.error,
              MEETING_SLOTS,
            );
          }
          return answerOn(turn, sessionCard(result.value.session, 'Meeting link saved.'));
        },
      },

      [DialogVerb.deleteSession]: {
        async fetch({ actor, data }) {
          // The core says whether it may be deleted, and why not, before the dialog opens.
          const found = await mentorship.deleteForm({ actor, input: sessionOf({ data }) });
          if (!found.ok) return found.error.message;
          const { session } = found.value;
          return deleteConfirmation(session.id, session.title, sessionWhen(session));
        },
        async submit(turn) {
          const { actor, data, key } = turn;
          const result = await mentorship.deleteSession({
            actor,
            input: { ...sessionOf(turn), confirm: data.confirm === 'yes' },
            idempotencyKey: key,
          });
          if (!result.ok) return result.error.message;
          return answerOn(
            turn,
            noticeCard('The session was deleted. Its mentees were told.', 'Session deleted'),
          );
        },
      },

      [DialogVerb.cloneSession]: {
        async fetch({ actor, data }) {
          const { sessionId } = sessionOf({ data });
          const view = await mentorship.sessionForm({ actor, input: { mode: 'clone', sessionId } });
          if (!view.ok) return view.error.message;
          // The core's next-week times (docs/product.md#clone), in the reader's zone.
          const { start, end } = view.value.values;
          const values = {
            startDate: start?.date ?? '',
            startTime: start?.time ?? '',
            endDate: end?.date ?? '',
            endTime: end?.time ?? '',
          };
          const title = view.value.session?.title ?? 'this session';
          return cloneForm(sessionId, title, view.value.timeZone, { values, errors: {} });
        },
        async submit(turn) {
          const { person, actor, values, key } = turn;
          const { sessionId } = sessionOf(turn);
          const moment = (w: 'start' | 'end') => ({
            date: values[`${w}Date`] ?? '',
            time: values[`${w}Time`] ?? '',
          });
          const result = await mentorship.cloneSession({
            actor,
            input: { sessionId, start: moment('start'), end: moment('end') },
            idempotencyKey: key,
          });
          if (!result.ok) {
            return again(
              (state) => cloneForm(sessionId, 'this session', person.timeZone, state),
              values,
              result.error,
              CLONE_SLOTS,
            );
          }
          return answerOn(turn, sessionCard(result.value.session, 'The next session is created.'));
        },
      },

      [DialogVerb.menteeList]: {
        async fetch({ person, actor, data }) {
          const { sessionId } = sessionOf({ data });
          const list = await mentorship.menteeList({ actor, input: { sessionId } });
          if (!list.ok) return list.error.message;
          // A link only the core's `downloadMentees` draws (menteeListDialog).
          return menteeListDialog(list.value, ctx.downloads.menteeListCsvUrl(person.id, sessionId));
        },
      },
    },
  };
}

/**
 * An image sent in the chat (docs/product.md#session-image): the session whose *Add image*
 * the person pressed last takes it, through the core's rule (type, size, who may). A wrong
 * type or size is one sentence, and the next image sent is taken instead; without a press
 * first, the person is told how.
 */
export async function receiveImage(
  ctx: TeamsContext,
  context: TurnContext,
  image: SentImage,
): Promise<void> {
  const person = personOf(context);
  if (!person) return answer(context, WHO_ARE_YOU);
  const sessionId = await ctx.imageWaits?.waiting(person.id, ctx.clock.now());
  if (!sessionId) {
    return answer(
      context,
      'To give a session this image, press Add image on the session first, then send the image.',
    );
  }
  const sent = await downloadSentImage(context, image, ctx);
  if (!sent) {
    return answer(context, 'The image could not be read from Teams. Please send it again.');
  }
  const result = await ctx.mentorship.changeSessionImage({
    actor: { personId: person.id },
    input: {
      sessionId,
      image: {
        source: 'upload',
        name: image.name,
        contentType: sent.contentType,
        size: sent.size,
        ...(sent.bytes ? { bytes: sent.bytes } : {}),
      },
    },
    idempotencyKey: idempotencyKeyOf(context),
  });
  if (!result.ok) {
    const problem = result.error.fields.imageFile;
    return answer(
      context,
      problem ? `${problem} Send another, or carry on.` : result.error.message,
    );
  }
  await ctx.imageWaits?.done(person.id);
  await replyCard(context, sessionCard(result.value.session, 'The image is added.'));
}
