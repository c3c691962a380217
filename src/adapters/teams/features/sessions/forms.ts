import type { MenteeList } from '../../../../core/sessions/index.js';
import { plural } from '../../../../core/words.js';
import type { VocabularyName } from '../../../../core/workspaces/workspace.js';
import { buttonsFor } from '../../actions.js';
import { DialogVerb } from '../../ids.js';
import {
  type CardElement,
  type Choice,
  card,
  choiceSet,
  type DialogInfo,
  dateInput,
  dialog,
  type FormState,
  facts,
  field,
  formDialog,
  heading,
  numberInput,
  submitDialog,
  text,
  textInput,
  timeInput,
} from '../../kit.js';
import { sessionWhen } from './cards.js';

const MEETING_TITLES: Readonly<Record<string, string>> = {
  bigbluebutton: 'BigBlueButton (no link needed)',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};

/** The meeting platforms the core offers (never a list of our own), as a choice set's choices. */
export const meetingChoices = (platforms: readonly string[]): Choice[] =>
  platforms.map((value) => ({ title: MEETING_TITLES[value] ?? value, value }));

const VOCABULARY_LABELS: Record<VocabularyName, string> = {
  recommendedFor: 'Recommended for',
  categories: 'Categories',
  medium: 'Medium',
};

/**
 * The meeting of a session: platform, link, and Zoom's id and passcode. The platforms are the
 * core's; none (the core's form could not be had) shows no meeting inputs.
 */
function meetingInputs(state: FormState, platforms: readonly string[]): CardElement[] {
  const v = (id: string) => state.values[id];
  if (platforms.length === 0) return [];
  return [
    ...field(
      state,
      choiceSet('meetingPlatform', 'Meeting platform', meetingChoices(platforms), {
        value: v('meetingPlatform'),
      }),
    ),
    ...field(state, textInput('meetingUrl', 'Meeting link', { value: v('meetingUrl') })),
    ...field(state, textInput('meetingId', 'Zoom meeting ID', { value: v('meetingId') })),
    ...field(state, textInput('passcode', 'Zoom passcode', { value: v('passcode') })),
  ];
}

export interface SessionFormContext {
  readonly mode: 'create' | 'edit';
  readonly vocabularies: Readonly<Record<VocabularyName, readonly string[]>>;
  /** Session managers choose public/private (and only before publishing). */
  readonly canChooseType: boolean;
  /** Hidden data sent back with the form. */
  readonly hidden: Readonly<Record<string, string | number>>;
  readonly timeZone: string;
  /** For a session answering a request: whose request it is. */
  readonly forMentee?: string | undefined;
  readonly defaultSeatLimit?: number | undefined;
  /** The meeting platforms the core offers. */
  readonly meetingPlatforms: readonly string[];
  /**
   * Who may be invited: those invited already, mentees looking for a mentor, then the rest
   * of the workspace by name (at most INVITE_CHOICES in all).
   */
  readonly menteeChoices: readonly Choice[];
  /** The mentors to pick from, for session managers (empty: no mentor picker). */
  readonly mentorChoices?: readonly Choice[];
}

/**
 * The create and edit session forms (docs/product.md#session-fields); the meeting link is part
 * of *Publish*.
 */
export function sessionForm(ctx: SessionFormContext, state: FormState): DialogInfo {
  const v = (id: string) => state.values[id];
  const tags = (name: VocabularyName) => [
    ...field(
      state,
      choiceSet(
        name,
        VOCABULARY_LABELS[name],
        ctx.vocabularies[name].map((t) => ({ title: t, value: t })),
        { value: v(name), multi: true },
      ),
    ),
    ...field(
      state,
      textInput(`${name}Other`, `${VOCABULARY_LABELS[name]}: other (comma-separated)`, {
        value: v(`${name}Other`),
        maxLength: 400,
      }),
    ),
  ];
  const create = ctx.mode === 'create';
  const title = create ? 'Create a session' : 'Edit session';
  const inputs = [
    ctx.forMentee
      ? text(`This session answers ${ctx.forMentee}'s request; they are invited.`)
      : undefined,
    ...field(state, textInput('title', 'Title', { value: v('title'), maxLength: 120 })),
    ...field(
      state,
      textInput('description', 'Description', {
        value: v('description'),
        maxLength: 2000,
        isMultiline: true,
      }),
    ),
    ...field(
      state,
      textInput('imageUrl', 'Image link (https, optional)', { value: v('imageUrl') }),
    ),
    ...(ctx.canChooseType
      ? field(
          state,
          choiceSet(
            'type',
            'Type',
            [
              { title: 'Public: any mentee may enrol', value: 'public' },
              { title: 'Private: invited mentees only', value: 'private' },
            ],
            { value: v('type') ?? 'public' },
          ),
        )
      : []),
    text(`Times are in your time zone, ${ctx.timeZone}.`, { subtle: true }),
    ...field(state, dateInput('startDate', 'Start date', v('startDate'))),
    ...field(state, timeInput('startTime', 'Start time', v('startTime'))),
    ...field(state, dateInput('endDate', 'End date', v('endDate'))),
    ...field(state, timeInput('endTime', 'End time', v('endTime'))),
    ...field(
      state,
      numberInput(
        'seatLimit',
        ctx.defaultSeatLimit ? `Seat limit (default ${ctx.defaultSeatLimit})` : 'Seat limit',
        v('seatLimit'),
      ),
    ),
    ...tags('recommendedFor'),
    ...tags('categories'),
    ...tags('medium'),
    // People of the workspace, filtered as the mentor types a name.
    ...(ctx.menteeChoices.length > 0
      ? field(
          state,
          choiceSet('menteeIds', 'Invite mentees', ctx.menteeChoices, {
            value: v('menteeIds'),
            multi: true,
            filtered: true,
            placeholder: 'Type a name',
          }),
        )
      : []),
    ...(ctx.mentorChoices && ctx.mentorChoices.length > 0
      ? field(
          state,
          choiceSet('mentorIds', 'Mentors', ctx.mentorChoices, {
            value: v('mentorIds'),
            multi: true,
            filtered: true,
            placeholder: 'Type a name',
          }),
        )
      : []),
    ...(create
      ? [
          ctx.meetingPlatforms.length > 0
            ? text('Meeting (used when you publish)', { weight: 'bolder' })
            : undefined,
          ...meetingInputs(state, ctx.meetingPlatforms),
        ]
      : []),
  ];
  const verb = create ? DialogVerb.createSession : DialogVerb.editSession;
  const actions = create
    ? [
        submitDialog('Publish', verb, { ...ctx.hidden, publish: 'yes' }, true),
        submitDialog('Save draft', verb, { ...ctx.hidden, publish: 'no' }),
      ]
    : [submitDialog('Save', verb, ctx.hidden, true)];
  return formDialog({ title, state, inputs, submit: actions });
}

/** The meeting link form: may change while the session is live. */
export function meetingForm(
  hidden: Readonly<Record<string, string>>,
  sessionTitle: string,
  state: FormState,
  platforms: readonly string[],
): DialogInfo {
  return formDialog({
    title: 'Meeting link',
    heading: `Meeting link: ${sessionTitle}`,
    state,
    inputs: meetingInputs(state, platforms),
    submit: [submitDialog('Save', DialogVerb.editMeeting, hidden, true)],
    height: 'medium',
  });
}

/** Deleting asks first (docs/product.md#deleting): the mentees are told. */
export function deleteConfirmation(
  sessionId: string,
  title: string,
  when: string,
  banner?: string,
): DialogInfo {
  return dialog(
    'Delete session',
    card(
      `Delete ${title}?`,
      [
        heading(`Delete "${title}"?`),
        banner ? text(banner, { color: 'attention', weight: 'bolder' }) : undefined,
        text(when),
        text(
          'Invited and enrolled mentees will be told that it was cancelled. This cannot be undone.',
        ),
      ],
      [submitDialog('Delete session', DialogVerb.deleteSession, { sessionId, confirm: 'yes' })],
    ),
    { height: 'small' },
  );
}

/** *Book the next one* (docs/product.md#clone): the new start and end. */
export function cloneForm(
  sessionId: string,
  title: string,
  timeZone: string,
  state: FormState,
): DialogInfo {
  const v = (id: string) => state.values[id];
  return formDialog({
    title: 'Clone session',
    fallback: `Clone ${title}`,
    heading: `Next session of "${title}"`,
    state,
    inputs: [
      text(`Same details and mentees (invited again). Times are in ${timeZone}.`, { subtle: true }),
      ...field(state, dateInput('startDate', 'Start date', v('startDate'))),
      ...field(state, timeInput('startTime', 'Start time', v('startTime'))),
      ...field(state, dateInput('endDate', 'End date', v('endDate'))),
      ...field(state, timeInput('endTime', 'End time', v('endTime'))),
    ],
    submit: [submitDialog('Create next session', DialogVerb.cloneSession, { sessionId }, true)],
    height: 'medium',
  });
}

/**
 * *Mentee list* (docs/product.md#mentee-list): enrolled and invited, and the CSV download link.
 */
export function menteeListDialog(list: MenteeList, csvUrl: string | undefined): DialogInfo {
  const s = list.session;
  return dialog(
    'Mentee list',
    card(
      `Mentees of ${s.title}`,
      [
        heading(`Mentees of "${s.title}"`),
        text(sessionWhen(s), { subtle: true }),
        text(`${s.menteeCount} of ${plural(s.seatLimit, 'seat')} taken.`),
        list.mentees.length === 0
          ? text('Nobody is enrolled or invited yet.')
          : facts(list.mentees.map((m) => [m.name, m.status] as const)),
      ],
      buttonsFor(list.actions, ['downloadMentees'], { csvUrl }),
    ),
  );
}
