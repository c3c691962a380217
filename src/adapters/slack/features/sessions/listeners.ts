import { rememberEnrolment } from '../../../notify/session-messages.js';
import type { Register } from '../../context.js';
import { Action, Command } from '../../ids.js';
import { message, section } from '../../kit.js';
import {
  type BuildModal,
  onCommand,
  onCommandOpen,
  onPress,
  onPressOpen,
  onPressReplace,
  opensForms,
} from '../../listen.js';
import type { DirectMessages } from '../../notifier.js';
import { updateOrigin } from '../../origin.js';
import { pagesOf } from '../../pager.js';
import { afterRateLimit } from '../../web.js';
import {
  cloneForm,
  createSessionForm,
  deleteForm,
  editSessionForm,
  meetingForm,
  menteeListForm,
  sessionAloneForm,
} from './forms.js';
import { registerSessionSubmissions } from './submissions.js';
import { enrolledMessage, imageRemovedMessage, mySessionsMessage } from './views.js';

/**
 * Sessions (docs/product.md#sessions): `/create-session` and `/my-sessions`, the buttons on a session (enrol,
 * join, edit, meeting link, delete, clone, mentee list and its CSV) and the forms' submissions.
 */
export const registerSessions =
  (dms: DirectMessages): Register =>
  (app, ctx) => {
    const create: BuildModal<string> = (person, _value, origin) =>
      createSessionForm(ctx, person, { origin });
    app.command(Command.createSession, onCommandOpen(ctx, 'Create session', create));
    app.action(Action.openCreateSession, onPressOpen(ctx, 'Create session', create));

    // The buttons that open a form about one session (the button's value is its id).
    opensForms(app, ctx, [
      [Action.edit, 'Edit session', editSessionForm],
      [Action.editMeeting, 'Meeting link', meetingForm],
      [Action.delete, 'Delete session', deleteForm],
      [Action.clone, 'Book the next one', cloneForm],
      [Action.viewMentees, 'Mentee list', menteeListForm],
      [Action.readMore, 'Session', sessionAloneForm],
    ]);

    // *Enroll*: one atomic seat; the message it was on shows the enrolment instead.
    // A DM it turned into "You are enrolled" is kept up to date when the session changes.
    app.action(
      Action.enrol,
      onPressReplace(
        ctx,
        async (p) => {
          const result = await ctx.mentorship.enrol({
            actor: { personId: p.person.id },
            input: { sessionId: p.value },
            idempotencyKey: p.key,
          });
          if (result.ok && p.origin.t === 'm') {
            const address = { channel: p.origin.c, ts: p.origin.ts };
            await rememberEnrolment(ctx, result.value.session.id, p.person.id, address);
          }
          return result;
        },
        (value) => enrolledMessage(value.session),
      ),
    );
    // *Remove image*: the message it was on shows the session without it.
    app.action(
      Action.removeImage,
      onPressReplace(
        ctx,
        (p) =>
          ctx.mentorship.changeSessionImage({
            actor: { personId: p.person.id },
            input: { sessionId: p.value, image: null },
            idempotencyKey: p.key,
          }),
        (value) => imageRemovedMessage(value.session),
      ),
    );
    // A link button still sends an interaction, which must be acknowledged.
    app.action(Action.join, async ({ ack }) => {
      await ack();
    });

    // *Download CSV*: the mentee list as a file in the requester's DM (`files.uploadV2`).
    app.action(
      Action.downloadCsv,
      onPress(ctx, async (p) => {
        const csv = await ctx.mentorship.menteeListCsv({
          actor: { personId: p.person.id },
          input: { sessionId: p.value },
        });
        if (!csv.ok) return p.say(csv.error.message);
        try {
          const channel = await dms.channelOf(p.client, p.person.tenantId, p.person.userId);
          await afterRateLimit(() =>
            p.client.filesUploadV2({
              channel_id: channel,
              filename: csv.value.filename,
              title: csv.value.filename,
              content: csv.value.csv,
              initial_comment: 'Here is the mentee list you asked for.',
            }),
          );
        } catch (err) {
          ctx.logger.warn({ err }, 'slack: mentee list upload failed');
          await p.say('Sorry, the CSV could not be uploaded. Please try again in a moment.');
        }
      }),
    );

    app.command(
      Command.mySessions,
      onCommand(ctx, async (run) => {
        const result = await ctx.mentorship.mySessions({ actor: { personId: run.person.id } });
        await run.reply(result.ok ? mySessionsMessage(result.value) : result.error.message);
      }),
    );
    // *Next* / *Previous* on the answer: the same answer, on the pages asked for.
    for (const id of [Action.mySessionsNext, Action.mySessionsPrevious]) {
      app.action(
        id,
        onPress(ctx, async (p) => {
          const result = await ctx.mentorship.mySessions({
            actor: { personId: p.person.id },
            input: pagesOf(p.value) ?? {},
          });
          if (!result.ok) return p.say(result.error.message);
          const shown = mySessionsMessage(result.value);
          await updateOrigin(
            ctx,
            p.client,
            p.origin,
            p.person,
            typeof shown === 'string' ? message(shown, [section(shown)]) : shown,
          );
        }),
      );
    }

    registerSessionSubmissions(app, ctx);
  };
