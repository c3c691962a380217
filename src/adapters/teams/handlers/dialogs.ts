import type { Application } from '@microsoft/teams-ai';
import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import type { DomainError } from '../../../core/errors.js';
import { findMentors } from '../../../core/people/find-mentors.js';
import { findPeople } from '../../../core/people/find-people.js';
import { getMyProfile } from '../../../core/people/my-profile.js';
import type { Person } from '../../../core/people/person.js';
import { saveMenteeProfile } from '../../../core/people/save-mentee-profile.js';
import { saveMentorProfile } from '../../../core/people/save-mentor-profile.js';
import { searchMentees } from '../../../core/people/search-mentees.js';
import { incomingRequests } from '../../../core/requests/list-requests.js';
import { requestSession } from '../../../core/requests/request-session.js';
import { sendMentorOffer } from '../../../core/requests/send-mentor-offer.js';
import {
  cloneSession,
  createAndPublishSession,
  createSession,
  deleteSession,
  editMeeting,
  editSessionDetails,
  getSessionDetails,
  menteeList,
} from '../../../core/sessions/index.js';
import { addLocalDays, localDateOf, localTimeOf } from '../../../core/time.js';
import { requireFeature } from '../../../core/workspaces/features.js';
import {
  getWorkspaceSettings,
  updateWorkspaceSettings,
} from '../../../core/workspaces/settings.js';
import { type AdaptiveCard, attachment } from '../cards/elements.js';
import type { DialogInfo, FormState } from '../cards/form.js';
import {
  menteeProfileForm,
  mentorProfileForm,
  requestSessionForm,
  sendOfferForm,
  settingsForm,
} from '../cards/forms.js';
import { noticeCard } from '../cards/lists.js';
import { myProfileCard } from '../cards/profile.js';
import { requestCard } from '../cards/requests.js';
import { sessionCard, sessionWhen } from '../cards/session.js';
import {
  cloneForm,
  deleteConfirmation,
  meetingForm,
  menteeListDialog,
  type SessionFormContext,
  sessionForm,
} from '../cards/session-forms.js';
import { DialogVerb } from '../ids.js';
import {
  availabilityOf,
  availabilityText,
  CLONE_SLOTS,
  listOf,
  MEETING_SLOTS,
  MENTEE_PROFILE_SLOTS,
  MENTOR_PROFILE_SLOTS,
  meetingOf,
  OFFER_SLOTS,
  placeErrors,
  REQUEST_SLOTS,
  SESSION_SLOTS,
  SETTINGS_SLOTS,
  type Slots,
  sessionInputOf,
  sessionValuesOf,
  settingsInputOf,
  settingsValuesOf,
  type Values,
  valuesOf,
} from './form-input.js';
import { idempotencyKeyOf, personOf, replyCard, SORRY, type TeamsDeps } from './turn.js';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 200) : '');

interface DialogTurn {
  readonly context: TurnContext;
  readonly person: Person;
  readonly actor: { readonly personId: string };
  readonly data: Data;
  readonly values: Values;
  readonly key: string | undefined;
  /** The message whose button opened the dialog, when Teams said (task/fetch's replyToId). */
  readonly origin: string | undefined;
}

/**
 * Teams tells task/fetch which message the button was on (`replyToId`) but not task/submit,
 * so the dialog's submit buttons carry it back as `origin`.
 */
function withOrigin<A>(answer: A, origin: string | undefined): A {
  if (!origin || typeof answer !== 'object' || answer === null || !('card' in answer))
    return answer;
  const info = answer as unknown as DialogInfo;
  const content = info.card.content;
  const actions = content.actions?.map((action) =>
    action.type === 'Action.Submit' && typeof action.data === 'object' && action.data !== null
      ? { ...action, data: { ...(action.data as Data), origin } }
      : action,
  );
  return {
    ...info,
    card: { ...info.card, content: { ...content, ...(actions ? { actions } : {}) } },
  } as unknown as A;
}

/** A dialog answer: the dialog (again), a sentence, or nothing (close it). */
type Answer = DialogInfo | string | undefined;

interface DialogHandlers {
  fetch(turn: DialogTurn): Promise<DialogInfo | string>;
  submit?(turn: DialogTurn): Promise<Answer>;
}

/** The form again with the core's errors next to their inputs. */
const again = (
  render: (state: FormState) => DialogInfo,
  values: Values,
  error: DomainError,
  slots: Slots,
) => render({ values, ...placeErrors(error.fields, slots, error.message) });

/** People listed in a session form's invite picker (a card stays small enough to send). */
const INVITE_CHOICES = 100;

/** Dialogs (task modules): every form of the product (docs/product.md#teams). */
export function dialogHandlers(deps: TeamsDeps): Record<string, DialogHandlers> {
  const { core } = deps;

  /**
   * The outcome of a dialog opened from a message replaces that message (as on Slack), so
   * its buttons cannot be pressed again; otherwise, or if the message cannot be updated,
   * it is a new message.
   */
  async function answerOn(turn: DialogTurn, content: AdaptiveCard): Promise<void> {
    if (turn.origin) {
      try {
        await turn.context.updateActivity({
          type: 'message',
          id: turn.origin,
          summary: content.fallbackText,
          attachments: [attachment(content)],
        });
        return;
      } catch (err) {
        deps.logger.warn({ err }, 'teams: could not update the message a dialog came from');
      }
    }
    await replyCard(turn.context, content);
  }

  async function sessionFormContext(
    person: Person,
    mode: 'create' | 'edit',
    hidden: Record<string, string | number>,
    extra: Partial<SessionFormContext> = {},
  ): Promise<SessionFormContext> {
    // The vocabulary and default seat limit are workspace data the form shows, not rules.
    const workspace = await core.workspaces.get(person.workspaceId);
    const actor = { personId: person.id };
    const [looking, invited, everyone] = await Promise.all([
      searchMentees(core, { actor, input: { limit: 50 } }),
      typeof hidden.sessionId === 'string'
        ? menteeList(core, { actor, input: { sessionId: hidden.sessionId } })
        : Promise.resolve(undefined),
      findPeople(core, { actor, input: { limit: INVITE_CHOICES } }),
    ]);
    // Invited already first (kept selected), then mentees looking for a mentor, then anyone
    // else of the workspace by name: one list the mentor filters by typing.
    const choices = new Map<string, string>();
    if (invited?.ok) {
      for (const m of invited.value.mentees) if (m.status === 'invited') choices.set(m.id, m.name);
    }
    if (looking.ok) for (const r of looking.value.results) choices.set(r.mentee.id, r.mentee.name);
    if (everyone.ok)
      for (const p of everyone.value.people)
        if (choices.size < INVITE_CHOICES) choices.set(p.id, p.name);
    return {
      menteeChoices: [...choices].map(([value, title]) => ({ title, value })),
      mode,
      vocabularies: workspace?.config.vocabularies ?? {
        recommendedFor: [],
        categories: [],
        medium: [],
      },
      canChooseType: person.roles.includes('sessionManager'),
      hidden,
      timeZone: person.timeZone,
      defaultSeatLimit: workspace?.config.defaultSeatLimit,
      ...extra,
    };
  }

  return {
    [DialogVerb.createSession]: {
      async fetch({ person, actor, data }) {
        const requestId = str(data.requestId);
        let forMentee: string | undefined;
        if (requestId) {
          const inbox = await incomingRequests(core, { actor });
          if (!inbox.ok) return inbox.error.message;
          const request = inbox.value.requests.find((r) => r.request.id === requestId);
          if (!request)
            return 'This request was already answered, so there is nothing to schedule.';
          forMentee = request.request.mentee.name;
        }
        const ctx = await sessionFormContext(person, 'create', requestId ? { requestId } : {}, {
          forMentee,
        });
        return sessionForm(ctx, { values: {}, errors: {} });
      },
      async submit(turn) {
        const { context, person, actor, data, values, key } = turn;
        const requestId = str(data.requestId);
        const publish = data.publish === 'yes';
        const input = {
          ...sessionInputOf(values, 'create'),
          ...(requestId ? { requestId } : {}),
          ...(publish ? { meeting: meetingOf(values) } : {}),
        };
        const run = publish ? createAndPublishSession : createSession;
        const result = await run(core, { actor, input, idempotencyKey: key });
        if (!result.ok) {
          const ctx = await sessionFormContext(person, 'create', requestId ? { requestId } : {});
          return again((state) => sessionForm(ctx, state), values, result.error, SESSION_SLOTS);
        }
        const created = sessionCard(
          result.value.session,
          publish
            ? 'Session published. Invited mentees were told.'
            : 'Saved as a draft. Publish it when ready.',
        );
        // Scheduled from a request: the request's card shows the session instead.
        if (requestId) await answerOn(turn, created);
        else await replyCard(context, created);
        return undefined;
      },
    },

    [DialogVerb.editSession]: {
      async fetch({ person, actor, data }) {
        const details = await getSessionDetails(core, {
          actor,
          input: { sessionId: str(data.sessionId) },
        });
        if (!details.ok) return details.error.message;
        const { form, session, version } = details.value;
        if (!form || !session.actions.includes('editSession')) {
          return 'This session can no longer be edited (it started, ended or you do not manage it).';
        }
        const ctx = await sessionFormContext(
          person,
          'edit',
          { sessionId: session.id, version },
          {
            canChooseType: person.roles.includes('sessionManager') && session.status === 'draft',
          },
        );
        return sessionForm(ctx, { values: sessionValuesOf(form), errors: {} });
      },
      async submit(turn) {
        const { person, actor, data, values, key } = turn;
        const sessionId = str(data.sessionId);
        const version = Number(data.version);
        const input = {
          sessionId,
          ...(Number.isInteger(version) ? { version } : {}),
          ...sessionInputOf(values, 'edit'),
        };
        const result = await editSessionDetails(core, { actor, input, idempotencyKey: key });
        if (!result.ok) {
          const ctx = await sessionFormContext(
            person,
            'edit',
            { sessionId, version },
            {
              canChooseType: values.type !== undefined,
            },
          );
          return again((state) => sessionForm(ctx, state), values, result.error, SESSION_SLOTS);
        }
        await answerOn(turn, sessionCard(result.value.session, 'Session saved.'));
        return undefined;
      },
    },

    [DialogVerb.editMeeting]: {
      async fetch({ actor, data }) {
        const details = await getSessionDetails(core, {
          actor,
          input: { sessionId: str(data.sessionId) },
        });
        if (!details.ok) return details.error.message;
        const { session, meeting } = details.value;
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
        const sessionId = str(data.sessionId);
        const title = str(data.title);
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
        await answerOn(turn, sessionCard(result.value.session, 'Meeting link saved.'));
        return undefined;
      },
    },

    [DialogVerb.deleteSession]: {
      async fetch({ actor, data }) {
        const details = await getSessionDetails(core, {
          actor,
          input: { sessionId: str(data.sessionId) },
        });
        if (!details.ok) return details.error.message;
        const { session } = details.value;
        if (!session.actions.includes('deleteSession'))
          return 'This session can no longer be deleted: it has started or ended.';
        return deleteConfirmation(session.id, session.title, sessionWhen(session));
      },
      async submit(turn) {
        const { actor, data, key } = turn;
        const sessionId = str(data.sessionId);
        const result = await deleteSession(core, {
          actor,
          input: { sessionId, confirm: data.confirm === 'yes' },
          idempotencyKey: key,
        });
        if (!result.ok) return result.error.message;
        await answerOn(
          turn,
          noticeCard('The session was deleted. Its mentees were told.', 'Session deleted'),
        );
        return undefined;
      },
    },

    [DialogVerb.cloneSession]: {
      async fetch({ person, actor, data }) {
        const details = await getSessionDetails(core, {
          actor,
          input: { sessionId: str(data.sessionId) },
        });
        if (!details.ok) return details.error.message;
        const { session } = details.value;
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
        const sessionId = str(data.sessionId);
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
        await answerOn(turn, sessionCard(result.value.session, 'The next session is created.'));
        return undefined;
      },
    },

    [DialogVerb.menteeList]: {
      async fetch({ person, actor, data }) {
        const sessionId = str(data.sessionId);
        const list = await menteeList(core, { actor, input: { sessionId } });
        if (!list.ok) return list.error.message;
        return menteeListDialog(list.value, deps.downloads.menteeListCsvUrl(person.id, sessionId));
      },
    },

    [DialogVerb.requestSession]: {
      async fetch({ person, actor, data }) {
        const workspace = await core.workspaces.get(person.workspaceId);
        const off = workspace && requireFeature(workspace, 'menteeRequests');
        if (off) return off.message;
        const query = str(data.mentorQuery);
        const mentors = await findMentors(core, {
          actor,
          input: { limit: 100, ...(query ? { text: query } : {}) },
        });
        if (!mentors.ok) return mentors.error.message;
        const list = mentors.value.mentors;
        const mentorId =
          str(data.mentorId) || (list.length === 1 ? (list[0]?.mentor.id ?? '') : '');
        return requestSessionForm(list, { values: { mentorId }, errors: {} });
      },
      async submit({ context, actor, values, key }) {
        const result = await requestSession(core, {
          actor,
          input: { mentorId: values.mentorId ?? '', message: values.message ?? '' },
          idempotencyKey: key,
        });
        if (!result.ok) {
          const mentors = await findMentors(core, { actor, input: { limit: 100 } });
          const list = mentors.ok ? mentors.value.mentors : [];
          return again(
            (state) => requestSessionForm(list, state),
            values,
            result.error,
            REQUEST_SLOTS,
          );
        }
        const { outcome, request } = result.value;
        await replyCard(
          context,
          requestCard(
            request,
            outcome === 'offerAccepted'
              ? `${request.mentor.name} had offered to mentor you: that offer is now accepted.`
              : `Request sent to ${request.mentor.name}.`,
          ),
        );
        return undefined;
      },
    },

    [DialogVerb.sendOffer]: {
      async fetch({ person, data }) {
        const workspace = await core.workspaces.get(person.workspaceId);
        const off = workspace && requireFeature(workspace, 'mentorRequests');
        if (off) return off.message;
        return sendOfferForm(str(data.menteeId), str(data.menteeName) || 'this mentee', {
          values: {},
          errors: {},
        });
      },
      async submit(turn) {
        const { actor, data, values, key } = turn;
        const menteeId = str(data.menteeId);
        const result = await sendMentorOffer(core, {
          actor,
          input: { menteeId, message: values.message ?? '' },
          idempotencyKey: key,
        });
        if (!result.ok) {
          const name = str(data.menteeName) || 'this mentee';
          return again(
            (state) => sendOfferForm(menteeId, name, state),
            values,
            result.error,
            OFFER_SLOTS,
          );
        }
        await answerOn(
          turn,
          requestCard(result.value.request, `Request sent to ${result.value.request.mentee.name}.`),
        );
        return undefined;
      },
    },

    [DialogVerb.menteeProfile]: {
      async fetch({ actor }) {
        const profile = await getMyProfile(core, { actor });
        if (!profile.ok) return profile.error.message;
        const p = profile.value.menteeProfile;
        return menteeProfileForm({
          values: {
            interests: p.interests.join(', '),
            lookingForMentor: String(p.lookingForMentor),
          },
          errors: {},
        });
      },
      async submit({ context, actor, values, key }) {
        const result = await saveMenteeProfile(core, {
          actor,
          input: {
            interests: listOf(values.interests),
            lookingForMentor: values.lookingForMentor === 'true',
          },
          idempotencyKey: key,
        });
        if (!result.ok) return again(menteeProfileForm, values, result.error, MENTEE_PROFILE_SLOTS);
        await replyCard(context, myProfileCard(result.value));
        return undefined;
      },
    },

    [DialogVerb.mentorProfile]: {
      async fetch({ person, actor }) {
        const profile = await getMyProfile(core, { actor });
        if (!profile.ok) return profile.error.message;
        const m = profile.value.mentorProfile;
        return mentorProfileForm(person.timeZone, {
          values: {
            headline: m?.headline ?? '',
            bio: m?.bio ?? '',
            expertise: m?.expertise.join(', ') ?? '',
            availability: availabilityText(m),
            meetingPlatform: m?.meetingPlatform ?? 'bigbluebutton',
            meetingUrl: m?.meetingUrl ?? '',
          },
          errors: {},
        });
      },
      async submit({ context, person, actor, values, key }) {
        const render = (state: FormState) => mentorProfileForm(person.timeZone, state);
        const availability = availabilityOf(values.availability);
        if ('error' in availability)
          return render({ values, errors: { availability: availability.error } });
        const result = await saveMentorProfile(core, {
          actor,
          input: {
            headline: values.headline ?? '',
            bio: values.bio ?? '',
            expertise: listOf(values.expertise),
            availability: availability.slots,
            ...(values.meetingPlatform ? { meetingPlatform: values.meetingPlatform } : {}),
            meetingUrl: values.meetingUrl ?? '',
          },
          idempotencyKey: key,
        });
        if (!result.ok) return again(render, values, result.error, MENTOR_PROFILE_SLOTS);
        await replyCard(context, myProfileCard(result.value));
        return undefined;
      },
    },

    [DialogVerb.settings]: {
      async fetch({ actor }) {
        const settings = await getWorkspaceSettings(core, { actor });
        if (!settings.ok) return settings.error.message;
        return settingsForm(settings.value.workspaceName, {
          values: settingsValuesOf(settings.value.config),
          errors: {},
        });
      },
      async submit({ context, person, actor, values, key }) {
        const workspace = await core.workspaces.get(person.workspaceId);
        const render = (state: FormState) =>
          settingsForm(workspace?.name ?? 'this workspace', state);
        const parsed = settingsInputOf(values);
        if ('errors' in parsed) return render({ values, errors: parsed.errors });
        const result = await updateWorkspaceSettings(core, {
          actor,
          input: parsed.input,
          idempotencyKey: key,
        });
        if (!result.ok) return again(render, values, result.error, SETTINGS_SLOTS);
        await replyCard(context, noticeCard('Workspace settings saved.', 'Settings'));
        return undefined;
      },
    },
  };
}

export function registerDialogs(app: Application, deps: TeamsDeps): void {
  const handlers = dialogHandlers(deps);
  const turnOf = (context: TurnContext, data: Data): DialogTurn | undefined => {
    const person = personOf(context);
    if (!person) return undefined;
    return {
      context,
      person,
      actor: { personId: person.id },
      data,
      values: valuesOf(data),
      key: idempotencyKeyOf(context),
      origin: context.activity.replyToId || str(data.origin) || undefined,
    };
  };
  const verbs = Object.values(DialogVerb);

  app.taskModules.fetch(
    verbs,
    async (context, _state, data: Data): Promise<TaskModuleTaskInfo | string> => {
      const turn = turnOf(context, data);
      const dialog = handlers[String(data.verb)];
      if (!turn || !dialog)
        return 'Sorry, I could not open that form. Please try again from a new message.';
      try {
        return withOrigin(await dialog.fetch(turn), turn.origin) as TaskModuleTaskInfo | string;
      } catch (err) {
        deps.logger.error({ err, verb: data.verb }, 'teams: dialog fetch failed');
        return SORRY;
      }
    },
  );

  app.taskModules.submit(verbs, async (context, _state, data: Data) => {
    const turn = turnOf(context, data);
    const dialog = handlers[String(data.verb)];
    if (!turn || !dialog) return 'Sorry, I could not read that form. Please open it again.';
    try {
      return dialog.submit
        ? (withOrigin(await dialog.submit(turn), turn.origin) as
            | TaskModuleTaskInfo
            | string
            | undefined)
        : undefined;
    } catch (err) {
      deps.logger.error({ err, verb: data.verb }, 'teams: dialog submit failed');
      return SORRY;
    }
  });
}
