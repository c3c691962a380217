import { weekdayName } from '../../../core/people/availability.js';
import {
  MEETING_PLATFORMS,
  type MeetingPlatform,
  type MenteeProfile,
  type MentorProfile,
} from '../../../core/people/person.js';
import type { MentorProfileView } from '../../../core/people/profile.views.js';
import type { MenteeList, SessionForm } from '../../../core/sessions/index.js';
import type { MeetingInfo } from '../../../core/sessions/session.js';
import type { SessionCard } from '../../../core/views.js';
import type { VocabularyName, WorkspaceConfig } from '../../../core/workspaces/workspace.js';
import { Action, Field, View } from '../ids.js';
import { slackUserOf, when, who } from './format.js';
import {
  actions,
  type Block,
  button,
  checkboxes,
  context,
  datePicker,
  esc,
  externalSelect,
  input,
  type ModalView,
  modal,
  multiSelect,
  option,
  radios,
  section,
  staticSelect,
  textInput,
  timePicker,
  userSelect,
  usersSelect,
} from './kit.js';
import { mentorProfileBlocks } from './people.js';

export const loadingModal = (title: string): ModalView =>
  modal({
    callbackId: View.Loading,
    title,
    blocks: [section(':hourglass_flowing_sand: One moment…')],
  });

/** A result or an error in place of a form: one sentence, and Close. */
export const noticeModal = (title: string, text: string): ModalView =>
  modal({ callbackId: View.Notice, title, blocks: [section(text)] });

export function requestSessionModal(args: {
  mentor?: { id: string; name: string };
  meta: string;
}): ModalView {
  const initial = args.mentor ? option(args.mentor.name, args.mentor.id) : undefined;
  return modal({
    callbackId: View.RequestSession,
    title: 'Request a session',
    submit: 'Send request',
    privateMetadata: args.meta,
    blocks: [
      input(Field.Mentor, 'Mentor', externalSelect(Action.MentorPicker, initial)),
      input(
        Field.Message,
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
    callbackId: View.SendOffer,
    title: 'I want to mentor you!',
    submit: 'Send Request',
    privateMetadata: args.meta,
    blocks: [
      section(
        `Offer to mentor ${who({ id: args.menteeId, name: args.menteeName })}. They can book a time with you or dismiss it.`,
      ),
      input(Field.Message, 'Message', textInput({ multiline: true, max: 1000 }), {
        optional: true,
      }),
    ],
  });
}

const VOCAB: Record<VocabularyName, { label: string; select: string; other: string }> = {
  recommendedFor: {
    label: 'Recommended for',
    select: Field.RecommendedFor,
    other: Field.RecommendedForOther,
  },
  categories: { label: 'Categories', select: Field.Categories, other: Field.CategoriesOther },
  medium: { label: 'Medium', select: Field.Medium, other: Field.MediumOther },
};

export interface SessionFormModel {
  readonly mode: 'create' | 'edit';
  readonly form?: SessionForm;
  readonly timeZone: string;
  readonly vocabularies: WorkspaceConfig['vocabularies'];
  readonly defaultSeatLimit: number;
  readonly canChooseType: boolean;
  readonly canChooseMentors: boolean;
  /** Slack users to show as invited (the requesting mentee when scheduling a request). */
  readonly invitedUsers: readonly string[];
  readonly meta: string;
}

function tagInputs(name: VocabularyName, m: SessionFormModel): Block[] {
  const v = VOCAB[name];
  const pick = m.form?.[name];
  const options = m.vocabularies[name].map((t) => option(t, t));
  const out: Block[] = [];
  if (options.length > 0) {
    out.push(
      input(v.select, v.label, multiSelect(options, pick?.selected ?? []), { optional: true }),
    );
  }
  out.push(
    input(
      v.other,
      `${v.label}: other`,
      textInput({ initial: pick?.other.join(', ') ?? '', max: 900 }),
      {
        optional: true,
        hint: 'Comma-separated, each up to 40 characters.',
      },
    ),
  );
  return out;
}

/** The create/edit form, step 1 (details); the meeting link is step 2, pushed on submit. */
export function sessionDetailsModal(m: SessionFormModel): ModalView {
  const f = m.form;
  const zone = esc(m.timeZone);
  const blocks: Block[] = [
    input(Field.Title, 'Title', textInput({ initial: f?.title ?? '', max: 120 })),
    input(
      Field.Description,
      'Description',
      textInput({ initial: f?.description ?? '', multiline: true, max: 2000 }),
      { optional: true },
    ),
    input(
      Field.ImageUrl,
      'Image URL',
      textInput({ initial: f?.imageUrl ?? '', placeholder: 'https://…' }),
      { optional: true },
    ),
  ];
  if (m.canChooseType) {
    blocks.push(
      input(
        Field.Type,
        'Type',
        radios(
          [
            option('Public: any mentee may enrol', 'public'),
            option('Private: invitees only', 'private'),
          ],
          f?.type ?? 'public',
        ),
        {
          hint: 'Cannot change after the session is published.',
        },
      ),
    );
  }
  blocks.push(
    input(Field.StartDate, 'Start date', datePicker(f?.start.date)),
    input(Field.StartTime, `Start time (${zone})`, timePicker(f?.start.time)),
    input(Field.EndDate, 'End date', datePicker(f?.end.date)),
    input(Field.EndTime, `End time (${zone})`, timePicker(f?.end.time)),
    input(
      Field.SeatLimit,
      'Seat limit',
      textInput({ initial: String(f?.seatLimit ?? m.defaultSeatLimit), max: 3 }),
    ),
    ...tagInputs('recommendedFor', m),
    ...tagInputs('categories', m),
    ...tagInputs('medium', m),
    input(Field.Mentees, 'Invite mentees', usersSelect(m.invitedUsers), { optional: true }),
  );
  if (m.canChooseMentors) {
    const mentors = (f?.mentorIds ?? []).map(slackUserOf).filter((u): u is string => !!u);
    blocks.push(
      input(Field.Mentors, 'Mentors', usersSelect(mentors, 10), {
        optional: true,
        hint: 'You are always a mentor of sessions you create.',
      }),
    );
  }
  return modal({
    callbackId: View.SessionDetails,
    title: m.mode === 'create' ? 'Create session' : 'Edit session',
    submit: m.mode === 'create' ? 'Next' : 'Save',
    privateMetadata: m.meta,
    blocks,
  });
}

const PLATFORM_LABEL: Record<MeetingPlatform, string> = {
  bigbluebutton: 'BigBlueButton (no link needed)',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};
const platformOptions = () => MEETING_PLATFORMS.map((p) => option(PLATFORM_LABEL[p], p));

/** Step 2: the meeting link (also alone, for *Edit meeting link* while live). */
export function meetingModal(args: {
  meeting?: MeetingInfo;
  publish: boolean;
  meta: string;
}): ModalView {
  const m = args.meeting;
  return modal({
    callbackId: View.SessionMeeting,
    title: 'Meeting link',
    submit: args.publish ? 'Publish' : 'Save',
    privateMetadata: args.meta,
    blocks: [
      input(
        Field.MeetingPlatform,
        'Meeting platform',
        staticSelect(platformOptions(), m?.platform ?? 'bigbluebutton'),
      ),
      input(
        Field.MeetingUrl,
        'Link',
        textInput({ initial: m?.url ?? '', placeholder: 'https://meet.google.com/abc-defg-hij' }),
        { optional: true, hint: 'Google Meet, WhatsApp and Zoom need one.' },
      ),
      input(Field.MeetingId, 'Zoom meeting ID', textInput({ initial: m?.meetingId ?? '' }), {
        optional: true,
      }),
      input(
        Field.MeetingPasscode,
        'Zoom passcode',
        textInput({ initial: m?.passcode ?? '', max: 10 }),
        { optional: true },
      ),
    ],
  });
}

export function deleteModal(card: SessionCard, meta: string): ModalView {
  return modal({
    callbackId: View.DeleteSession,
    title: 'Delete session',
    submit: 'Delete',
    close: 'Keep it',
    privateMetadata: meta,
    blocks: [
      section(`Delete *${esc(card.title)}* (${when(card.start, card.end)})?`),
      context(
        `${card.menteeCount} invited or enrolled mentees will be told it was cancelled. This cannot be undone.`,
      ),
    ],
  });
}

export function cloneModal(args: {
  card: SessionCard;
  start: { date: string; time: string };
  end: { date: string; time: string };
  timeZone: string;
  meta: string;
}): ModalView {
  const zone = esc(args.timeZone);
  return modal({
    callbackId: View.CloneSession,
    title: 'Book the next one',
    submit: 'Clone',
    privateMetadata: args.meta,
    blocks: [
      section(
        `A new *${esc(args.card.title)}* with the same details; everyone who took part is invited.`,
      ),
      input(Field.StartDate, 'Start date', datePicker(args.start.date)),
      input(Field.StartTime, `Start time (${zone})`, timePicker(args.start.time)),
      input(Field.EndDate, 'End date', datePicker(args.end.date)),
      input(Field.EndTime, `End time (${zone})`, timePicker(args.end.time)),
    ],
  });
}

const LIST_ROWS = 80;

export function menteeListModal(list: MenteeList, sessionId: string): ModalView {
  const rows = list.mentees
    .slice(0, LIST_ROWS)
    .map((m) => `${who({ id: m.id, name: m.name })} · ${m.status}`);
  const blocks: Block[] = [
    section(
      `*${esc(list.session.title)}*\n${list.session.menteeCount} of ${list.session.seatLimit} seats taken`,
    ),
    ...actions([button('Download CSV', Action.DownloadCsv, sessionId)]),
  ];
  // Several names per block keep long lists within the 100-block limit.
  for (let i = 0; i < rows.length; i += 20) blocks.push(section(rows.slice(i, i + 20).join('\n')));
  if (rows.length === 0) blocks.push(context('Nobody is invited or enrolled yet.'));
  if (list.mentees.length > LIST_ROWS)
    blocks.push(context(`${list.mentees.length - LIST_ROWS} more in the CSV.`));
  return modal({
    callbackId: View.MenteeList,
    title: 'Mentee list',
    blocks,
    privateMetadata: sessionId,
  });
}

export const mentorProfileModal = (p: MentorProfileView): ModalView =>
  modal({
    callbackId: View.MentorProfile,
    title: 'Mentor profile',
    blocks: mentorProfileBlocks(p),
  });

export function menteeProfileModal(p: MenteeProfile): ModalView {
  return modal({
    callbackId: View.MenteeProfileForm,
    title: 'Mentee profile',
    submit: 'Save',
    blocks: [
      input(Field.Interests, 'Interests', textInput({ initial: p.interests.join(', ') }), {
        optional: true,
        hint: 'Comma-separated; mentors search by these.',
      }),
      input(
        Field.LookingForMentor,
        'Mentor',
        checkboxes([option('I am looking for a mentor', 'yes')], p.lookingForMentor ? ['yes'] : []),
        { optional: true },
      ),
    ],
  });
}

const DAY_ABBREVIATIONS = [1, 2, 3, 4, 5, 6, 7].map((d) => weekdayName(d).slice(0, 3));
export const availabilityText = (profile?: MentorProfile) =>
  (profile?.availability ?? [])
    .map((s) => `${DAY_ABBREVIATIONS[s.weekday - 1]} ${s.start}-${s.end}`)
    .join('\n');

export function mentorProfileFormModal(args: {
  profile?: MentorProfile;
  timeZone: string;
  defaultPlatform: MeetingPlatform;
}): ModalView {
  const p = args.profile;
  return modal({
    callbackId: View.MentorProfileForm,
    title: 'Mentor profile',
    submit: 'Save',
    blocks: [
      input(Field.Headline, 'Headline', textInput({ initial: p?.headline ?? '', max: 120 })),
      input(Field.Bio, 'Bio', textInput({ initial: p?.bio ?? '', multiline: true, max: 2000 }), {
        optional: true,
      }),
      input(Field.Expertise, 'Expertise', textInput({ initial: p?.expertise.join(', ') ?? '' }), {
        optional: true,
        hint: 'Comma-separated.',
      }),
      input(
        Field.Availability,
        `Weekly availability (${esc(args.timeZone)})`,
        textInput({ initial: availabilityText(p), multiline: true }),
        {
          optional: true,
          hint: 'One per line, like: Tue 14:00-16:00',
        },
      ),
      input(
        Field.ProfileMeetingPlatform,
        'Meeting platform for booked sessions',
        staticSelect(platformOptions(), p?.meetingPlatform ?? args.defaultPlatform),
      ),
      input(
        Field.ProfileMeetingUrl,
        'Your meeting room link',
        textInput({ initial: p?.meetingUrl ?? '' }),
        { optional: true },
      ),
    ],
  });
}

export function settingsModal(c: WorkspaceConfig): ModalView {
  const features = [
    option('Mentees may request sessions', 'menteeRequests'),
    option('Mentors may send "I want to mentor you!"', 'mentorRequests'),
    option('Anyone may become a mentor', 'selfServeMentors'),
  ];
  const on = (['menteeRequests', 'mentorRequests', 'selfServeMentors'] as const).filter(
    (k) => c[k],
  );
  const vocab = (name: VocabularyName, block: string, label: string) =>
    input(block, label, textInput({ initial: c.vocabularies[name].join('\n'), multiline: true }), {
      optional: true,
      hint: 'One per line.',
    });
  return modal({
    callbackId: View.Settings,
    title: 'Workspace settings',
    submit: 'Save',
    blocks: [
      input(Field.Features, 'Features', checkboxes(features, on), { optional: true }),
      input(
        Field.ReminderOffsets,
        'Reminders (minutes before start)',
        textInput({ initial: c.reminderOffsetsMinutes.join(', ') }),
        { optional: true },
      ),
      input(
        Field.MinSessionMinutes,
        'Minimum session length (minutes)',
        textInput({ initial: String(c.minSessionMinutes) }),
      ),
      input(
        Field.DefaultSeatLimit,
        'Default seat limit',
        textInput({ initial: String(c.defaultSeatLimit) }),
      ),
      input(
        Field.DefaultMeetingPlatform,
        'Default meeting platform',
        staticSelect(platformOptions(), c.defaultMeetingPlatform),
      ),
      input(
        Field.RequestExpiryDays,
        'Requests expire after (days)',
        textInput({ initial: String(c.requestExpiryDays) }),
      ),
      vocab('recommendedFor', Field.VocabRecommendedFor, 'Recommended for'),
      vocab('categories', Field.VocabCategories, 'Categories'),
      vocab('medium', Field.VocabMedium, 'Medium'),
    ],
  });
}

export function rolesModal(): ModalView {
  return modal({
    callbackId: View.Roles,
    title: 'Manage roles',
    submit: 'Apply',
    blocks: [
      input(Field.RolePerson, 'Person', userSelect()),
      input(
        Field.Role,
        'Role',
        staticSelect([
          option('Mentor', 'mentor'),
          option('Session manager', 'sessionManager'),
          option('Admin', 'admin'),
        ]),
      ),
      input(
        Field.RoleChange,
        'Change',
        radios([option('Grant', 'grant'), option('Remove', 'revoke')], 'grant'),
      ),
    ],
  });
}
