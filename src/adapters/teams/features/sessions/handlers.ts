import { incomingRequests } from '../../../../core/requests/list-requests.js';
import {
  cloneSession,
  createAndPublishSession,
  createSession,
  deleteSession,
  editMeeting,
  editSessionDetails,
  enrol,
  getSessionDetails,
  menteeList,
  mySessions,
  publishSession,
} from '../../../../core/sessions/index.js';
import { addLocalDays, localDateOf, localTimeOf } from '../../../../core/time.js';
import { button, commandOf, showing } from '../../buttons.js';
import {
  type DialogTurn,
  type Feature,
  replyCard,
  type TeamsContext,
  textIn,
} from '../../context.js';
import { again, type Values } from '../../form-input.js';
import { ActionVerb, DialogVerb, ShowVerb } from '../../ids.js';
import type { AdaptiveCard } from '../../kit.js';
import { answerOnOrigin } from '../../origin.js';
import { noticeCard } from '../home/cards.js';
import { mySessionsCard, sessionCard, sessionWhen } from './cards.js';
import {
  cloneForm,
  deleteConfirmation,
  meetingForm,
  menteeListDialog,
  sessionForm,
} from './forms.js';
import {
  CLONE_SLOTS,
  MEETING_SLOTS,
  meetingOf,
  SESSION_SLOTS,
  sessionInputOf,
  sessionValuesOf,
} from './parse.js';
import { formContext } from './prepare.js';

/**
 * Sessions (docs/product.md#sessions): *Enroll* and *Publish*, the create, edit, meeting,
 * delete, clone and mentee-list dialogs, and *My sessions*.
 */
export function sessionsFeature(ctx: TeamsContext): Feature {
  const { core } = ctx;

  const answerOn = (turn: DialogTurn, content: AdaptiveCard) =>
    answerOnOrigin(turn, content, ctx.logger);

  const details = (actor: DialogTurn['actor'], data: DialogTurn['data']) =>
    getSessionDetails(core, { actor, input: { sessionId: textIn(data, 'sessionId') } });

  return {
    buttons: {
      [ActionVerb.enrol]: button(
        'Enrolling you…',
        (turn) => enrol(core, commandOf(turn, { sessionId: textIn(turn.data, 'sessionId') })),
        ({ session }) => sessionCard(session, 'You are enrolled.'),
      ),
      [ActionVerb.publish]: button(
        'Publishing the session…',
        (turn) =>
          publishSession(core, commandOf(turn, { sessionId: textIn(turn.data, 'sessionId') })),
        ({ session }) => sessionCard(session, 'Published. Invited mentees were told.'),
      ),
    },

    shows: {
      [ShowVerb.mySessions]: showing(
        ({ person }) => mySessions(core, { actor: { personId: person.id }, input: {} }),
        mySessionsCard,
      ),
    },

    dialogs: {
      [DialogVerb.createSession]: {
        async fetch({ person, actor, data }) {
          const requestId = textIn(data, 'requestId');
          let forMentee: string | undefined;
          if (requestId) {
            const inbox = await incomingRequests(core, { actor });
            if (!inbox.ok) return inbox.error.message;
            const request = inbox.value.requests.find((r) => r.request.id === requestId);
            if (!request)
              return 'This request was already answered, so there is nothing to schedule.';
            forMentee = request.request.mentee.name;
          }
          const form = await formContext(core, person, 'create', requestId ? { requestId } : {}, {
            forMentee,
          });
          return sessionForm(form, { values: {}, errors: {} });
        },
        async submit(turn) {
          const { context, person, actor, data, values, key } = turn;
          const requestId = textIn(data, 'requestId');
          const publish = data.publish === 'yes';
          const input = {
            ...sessionInputOf(values, 'create'),
            ...(requestId ? { requestId } : {}),
            ...(publish ? { meeting: meetingOf(values) } : {}),
          };
          const run = publish ? createAndPublishSession : createSession;
          const result = await run(core, { actor, input, idempotencyKey: key });
          if (!result.ok) {
            const form = await formContext(core, person, 'create', requestId ? { requestId } : {});
            return again((state) => sessionForm(form, state), values, result.error, SESSION_SLOTS);
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
        async fetch({ person, actor, data }) {
          const found = await details(actor, data);
          if (!found.ok) return found.error.message;
          const { form, session, version } = found.value;
          if (!form || !session.actions.includes('editSession')) {
            return 'This session can no longer be edited (it started, ended or you do not manage it).';
          }
          const context = await formContext(
            core,
            person,
            'edit',
            { sessionId: session.id, version },
            {
              canChooseType: person.roles.includes('sessionManager') && session.status === 'draft',
            },
          );
          return sessionForm(context, { values: sessionValuesOf(form), errors: {} });
        },
        async submit(turn) {
          const { person, actor, data, values, key } = turn;
          const sessionId = textIn(data, 'sessionId');
          const version = Number(data.version);
          const input = {
            sessionId,
            ...(Number.isInteger(version) ? { version } : {}),
            ...sessionInputOf(values, 'edit'),
          };
          const result = await editSessionDetails(core, { actor, input, idempotencyKey: key });
          if (!result.ok) {
            const form = await formContext(
              core,
              person,
              'edit',
              { sessionId, version },
              { canChooseType: values.type !== undefined },
            );
            return again((state) => sessionForm(form, state), values, result.error, SESSION_SLOTS);
          }
          return answerOn(turn, sessionCard(result.value.session, 'Session saved.'));
        },
      },

      [DialogVerb.editMeeting]: {
        async fetch({ actor, data }) {
          const found = await details(actor, data);
          if (!found.ok) return found.error.message;
          const { session, meeting } = found.value;
          if (!session.actions.includes('editMeeting'))
            return 'The meeting link of this session can no longer change.';
          const values: Values = {
            meetingPlatform: meeting?.platform ?? 'bigbluebutton',
            meetingUrl: meeting?.url ?? '',
            meetingId: meeting?.meetingId ?? '',
            passcode: meeting?.passcode ?? '',
          };
          return meetingForm({ sessionId: session.id, title: session.title }, session.title, {
            values,
            errors: {},
          });
        },
        async submit(turn) {
          const { actor, data, values, key } = turn;
          const sessionId = textIn(data, 'sessionId');
          const title = textIn(data, 'title');
          const result = await editMeeting(core, {
            actor,
            input: { sessionId, meeting: meetingOf(values) },
            idempotencyKey: key,
          });
          if (!result.ok) {
            return again(
              (state) => meetingForm({ sessionId, title }, title, state),
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
          const found = await details(actor, data);
          if (!found.ok) return found.error.message;
          const { session } = found.value;
          if (!session.actions.includes('deleteSession'))
            return 'This session can no longer be deleted: it has started or ended.';
          return deleteConfirmation(session.id, session.title, sessionWhen(session));
        },
        async submit(turn) {
          const { actor, data, key } = turn;
          const result = await deleteSession(core, {
            actor,
            input: { sessionId: textIn(data, 'sessionId'), confirm: data.confirm === 'yes' },
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
        async fetch({ person, actor, data }) {
          const found = await details(actor, data);
          if (!found.ok) return found.error.message;
          const { session } = found.value;
          if (!session.actions.includes('cloneSession'))
            return "Only this session's mentors can book the next one.";
          // A week later, at the same wall-clock time, as a starting point.
          const zone = person.timeZone;
          const at = (utc: string) => new Date(utc);
          const values: Values = {
            startDate: addLocalDays(localDateOf(at(session.start.utc), zone), 7),
            startTime: localTimeOf(at(session.start.utc), zone),
            endDate: addLocalDays(localDateOf(at(session.end.utc), zone), 7),
            endTime: localTimeOf(at(session.end.utc), zone),
          };
          return cloneForm(session.id, session.title, zone, { values, errors: {} });
        },
        async submit(turn) {
          const { person, actor, data, values, key } = turn;
          const sessionId = textIn(data, 'sessionId');
          const moment = (w: 'start' | 'end') => ({
            date: values[`${w}Date`] ?? '',
            time: values[`${w}Time`] ?? '',
          });
          const result = await cloneSession(core, {
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
          const sessionId = textIn(data, 'sessionId');
          const list = await menteeList(core, { actor, input: { sessionId } });
          if (!list.ok) return list.error.message;
          return menteeListDialog(list.value, ctx.downloads.menteeListCsvUrl(person.id, sessionId));
        },
      },
    },
  };
}
