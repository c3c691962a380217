import type { VocabularyName } from '../../../../core/workspaces/workspace.js';
import { commaList } from '../../../forms/index.js';
import type { FormState } from '../../form-state.js';
import { Field } from '../../ids.js';

const TAG_BLOCKS: Record<VocabularyName, { select: string; other: string }> = {
  recommendedFor: { select: Field.recommendedFor, other: Field.recommendedForOther },
  categories: { select: Field.categories, other: Field.categoriesOther },
  medium: { select: Field.medium, other: Field.mediumOther },
};

const moment = (state: FormState, dateBlock: string, timeBlock: string) => ({
  date: state.date(dateBlock),
  time: state.time(timeBlock),
});

/** Start and end as wall-clock date and time; the core reads them in the actor's zone. */
export const timesOf = (state: FormState) => ({
  start: moment(state, Field.startDate, Field.startTime),
  end: moment(state, Field.endDate, Field.endTime),
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
      title: state.text(Field.title),
      description: state.text(Field.description),
      imageUrl: state.text(Field.imageUrl),
      ...(state.has(Field.type) ? { type: state.selected(Field.type) ?? 'public' } : {}),
      ...timesOf(state),
      seatLimit: state.text(Field.seatLimit).trim(),
      recommendedFor: tags('recommendedFor'),
      categories: tags('categories'),
      medium: tags('medium'),
    },
    /** The Slack file picked as the image, if any (its facts come from `files.info`). */
    imageFileId: state.files(Field.imageFile)[0],
    menteeUsers: state.users(Field.mentees),
    mentorUsers: state.has(Field.mentors) ? state.users(Field.mentors) : undefined,
  };
}

/**
 * The meeting form: only the fields the chosen platform uses are sent; nothing when no
 * platform was chosen, so the core decides.
 */
export function meetingOf(state: FormState) {
  const platform = state.selected(Field.meetingPlatform);
  if (!platform) return undefined;
  const url = state.text(Field.meetingUrl).trim();
  if (platform === 'bigbluebutton') return { platform };
  if (platform === 'zoom') {
    return {
      platform,
      url,
      meetingId: state.text(Field.meetingId),
      passcode: state.text(Field.meetingPasscode),
    };
  }
  return { platform, url };
}
