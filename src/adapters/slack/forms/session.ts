import type { VocabularyName } from '../../../core/workspaces/workspace.js';
import { Field } from '../ids.js';
import { commaList, type FormState } from './state.js';

const TAG_BLOCKS: Record<VocabularyName, { select: string; other: string }> = {
  recommendedFor: { select: Field.RecommendedFor, other: Field.RecommendedForOther },
  categories: { select: Field.Categories, other: Field.CategoriesOther },
  medium: { select: Field.Medium, other: Field.MediumOther },
};

const moment = (state: FormState, dateBlock: string, timeBlock: string) => ({
  date: state.date(dateBlock),
  time: state.time(timeBlock),
});

/** Start and end as wall-clock date and time; the core reads them in the actor's zone. */
export const timesOf = (state: FormState) => ({
  start: moment(state, Field.StartDate, Field.StartTime),
  end: moment(state, Field.EndDate, Field.EndTime),
});

/**
 * The session form's values in the core's input shape (docs/product.md#session-fields). People
 * are Slack user ids here; the listener turns them into person ids. The core validates
 * everything.
 */
export function sessionFormOf(state: FormState) {
  const tags = (name: VocabularyName) => ({
    selected: state.selectedMany(TAG_BLOCKS[name].select),
    other: commaList(state.text(TAG_BLOCKS[name].other)),
  });
  return {
    input: {
      title: state.text(Field.Title),
      description: state.text(Field.Description),
      imageUrl: state.text(Field.ImageUrl),
      ...(state.has(Field.Type) ? { type: state.selected(Field.Type) ?? 'public' } : {}),
      ...timesOf(state),
      seatLimit: state.text(Field.SeatLimit).trim(),
      recommendedFor: tags('recommendedFor'),
      categories: tags('categories'),
      medium: tags('medium'),
    },
    menteeUsers: state.users(Field.Mentees),
    mentorUsers: state.has(Field.Mentors) ? state.users(Field.Mentors) : undefined,
  };
}

/** The meeting form: only the fields the chosen platform uses are sent. */
export function meetingOf(state: FormState) {
  const platform = state.selected(Field.MeetingPlatform) ?? 'bigbluebutton';
  const url = state.text(Field.MeetingUrl).trim();
  if (platform === 'bigbluebutton') return { platform };
  if (platform === 'zoom') {
    return {
      platform,
      url,
      meetingId: state.text(Field.MeetingId),
      passcode: state.text(Field.MeetingPasscode),
    };
  }
  return { platform, url };
}
