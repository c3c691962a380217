import { menteeListCsv } from '../../../../core/sessions/index.js';
import type { Register } from '../../context.js';
import { Action } from '../../ids.js';
import type { DirectMessages } from '../../notifier.js';
import { afterRateLimit } from '../../web.js';
import { onPress } from '../run.js';

/** *Download CSV*: the mentee list as a file in the requester's DM (`files.uploadV2`). */
export const registerDownloadCsv =
  (dms: DirectMessages): Register =>
  (app, ctx) => {
    app.action(
      Action.DownloadCsv,
      onPress(ctx, async (p) => {
        const csv = await menteeListCsv(ctx.core, {
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
  };
