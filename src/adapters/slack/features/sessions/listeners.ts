import type { Register } from '../../context.js';
import { Action, Command } from '../../ids.js';
import { type Block, context, header, message } from '../../kit.js';
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
import { afterRateLimit } from '../../web.js';
import {
  cloneForm,
  createSessionForm,
  deleteForm,
  editSessionForm,
  meetingForm,
  menteeListForm,
} from './forms.js';
import { registerSessionSubmissions } from './submissions.js';
import { enrolledMessage, sessionBlocks } from './views.js';

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
    ]);

    // *Enroll*: one atomic seat; the message it was on shows the enrolment instead.
    app.action(
      Action.enrol,
      onPressReplace(
        ctx,
        (p) =>
          ctx.mentorship.enrol({
            actor: { personId: p.person.id },
            input: { sessionId: p.value },
            idempotencyKey: p.key,
          }),
        (value) => enrolledMessage(value.session),
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
        const result = await ctx.mentorship.mySessions({
          actor: { personId: run.person.id },
          input: { limit: 5 },
        });
        if (!result.ok) return run.reply(result.error.message);
        const { upcoming, live, completed } = result.value;
        const list = (title: string, cards: typeof upcoming): Block[] =>
          cards.length === 0
            ? []
            : [header(title), ...cards.flatMap((c) => sessionBlocks(c, { compact: true }))];
        const blocks = [
          ...list('Live', live),
          ...list('Upcoming', upcoming),
          ...list('Completed', completed),
        ];
        await run.reply(
          blocks.length === 0
            ? 'You have no sessions yet. Find a mentor with `/find-mentor`.'
            : message(
                `${live.length} live, ${upcoming.length} upcoming, ${completed.length} completed sessions`,
                [...blocks.slice(0, 48), context("All of them are also on the app's Home tab.")],
              ),
        );
      }),
    );

    registerSessionSubmissions(app, ctx);
  };
