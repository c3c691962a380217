import type { Mentorship } from '../../../../core/api.js';
import type { SessionFormView } from '../../../../core/sessions/form.js';
import type { Actor } from '../../../../core/usecase.js';
import type { Values } from '../../form-input.js';
import type { SessionFormContext } from './forms.js';

/** People listed in a session form's invite picker (a card stays small enough to send). */
const INVITE_CHOICES = 100;

/**
 * Who may be invited: those invited already (kept selected), then mentees looking for a
 * mentor, then anyone else of the workspace by name: one list the mentor filters by typing.
 */
async function inviteChoices(mentorship: Mentorship, actor: Actor, sessionId?: string) {
  const [looking, invited, everyone] = await Promise.all([
    mentorship.searchMentees({ actor, input: { limit: 50 } }),
    sessionId ? mentorship.menteeList({ actor, input: { sessionId } }) : undefined,
    mentorship.findPeople({ actor, input: { limit: INVITE_CHOICES } }),
  ]);
  const choices = new Map<string, string>();
  if (invited?.ok) {
    for (const m of invited.value.mentees) if (m.status === 'invited') choices.set(m.id, m.name);
  }
  if (looking.ok) for (const r of looking.value.results) choices.set(r.mentee.id, r.mentee.name);
  if (everyone.ok)
    for (const p of everyone.value.people)
      if (choices.size < INVITE_CHOICES) choices.set(p.id, p.name);
  return [...choices].map(([value, title]) => ({ title, value }));
}

/** Who may mentor it (session managers pick): its mentors now, then the workspace's mentors. */
async function mentorChoices(mentorship: Mentorship, actor: Actor, view: SessionFormView) {
  const found = await mentorship.findMentors({ actor, input: { limit: INVITE_CHOICES } });
  const choices = new Map<string, string>();
  for (const m of view.session?.mentors ?? []) choices.set(m.id, m.name);
  for (const id of view.values.mentorIds) if (id === actor.personId) choices.set(id, 'You');
  if (found.ok) for (const m of found.value.mentors) choices.set(m.mentor.id, m.mentor.name);
  return [...choices].map(([value, title]) => ({ title, value }));
}

/** The core's session form (create or edit) as the dialog draws it. */
export async function formContext(
  mentorship: Mentorship,
  actor: Actor,
  view: SessionFormView,
  hidden: Record<string, string | number>,
): Promise<SessionFormContext> {
  return {
    mode: view.mode === 'create' ? 'create' : 'edit',
    vocabularies: view.vocabularies,
    canChooseType: view.editable.includes('type') && view.choices.types.length > 1,
    hidden,
    timeZone: view.timeZone,
    forMentee: view.request?.mentee.name,
    defaultSeatLimit: view.defaults.seatLimit,
    meetingPlatforms: view.choices.meetingPlatforms,
    menteeChoices: view.editable.includes('menteeIds')
      ? await inviteChoices(mentorship, actor, view.session?.id)
      : [],
    mentorChoices: view.editable.includes('mentorIds')
      ? await mentorChoices(mentorship, actor, view)
      : [],
  };
}

/** The meeting of the form's values as the meeting inputs show it. */
export const meetingValuesOf = (view: SessionFormView): Values => {
  const m = view.values.meeting;
  return {
    meetingPlatform: m.platform,
    meetingUrl: m.url ?? '',
    meetingId: m.meetingId ?? '',
    passcode: m.passcode ?? '',
  };
};

/**
 * The form with nothing from the core but the person's zone: how a refused submission is
 * sent back when the core's form cannot be had either (the person may not create sessions
 * at all), so they still see what they typed and why it was refused.
 */
export const bareFormContext = (
  mode: 'create' | 'edit',
  hidden: Record<string, string | number>,
  timeZone: string,
): SessionFormContext => ({
  mode,
  vocabularies: { recommendedFor: [], categories: [], medium: [] },
  canChooseType: false,
  hidden,
  timeZone,
  meetingPlatforms: [],
  menteeChoices: [],
});
