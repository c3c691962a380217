/**
 * Every Slack identifier the adapter owns, shared by the renderers (each feature's views.ts and
 * modals.ts) and the listeners that answer them. Renaming one here renames both sides.
 * Keys are camelCase, values `area.camelCase`, as in the Teams adapter's ids.ts.
 */

export const Command = {
  requestSession: '/request-session',
  createSession: '/create-session',
  mySessions: '/my-sessions',
  findMentor: '/find-mentor',
  findMentees: '/find-mentees',
  mentorbot: '/mentorbot',
} as const;

/** `action_id`s of buttons and selects in messages, App Home and modals. */
export const Action = {
  openCreateSession: 'session.create',
  enrol: 'session.enrol',
  join: 'session.join',
  edit: 'session.edit',
  editMeeting: 'session.editMeeting',
  delete: 'session.delete',
  clone: 'session.clone',
  viewMentees: 'session.mentees',
  removeImage: 'session.removeImage',
  /** *Read more* on a session in a list: the session alone, its whole description. */
  readMore: 'session.more',
  downloadCsv: 'session.csv',
  scheduleRequest: 'request.schedule',
  cloneForRequest: 'request.clone',
  declineRequest: 'request.decline',
  dismissOffer: 'offer.dismiss',
  offerMentoring: 'offer.open',
  openRequestSession: 'request.open',
  viewMentorProfile: 'mentor.profile',
  /** *Book* on a free time; the n-th in a row of them is `mentor.book.n` (ids differ per block). */
  bookSlot: 'mentor.book',
  /** Paging a mentor's free times in the profile modal (values: mentor, page, unit). */
  freeTimesNext: 'mentor.times.next',
  freeTimesPrevious: 'mentor.times.previous',
  editMenteeProfile: 'profile.mentee',
  editMentorProfile: 'profile.mentor',
  openSettings: 'admin.settings',
  openRoles: 'admin.roles',
  findMentor: 'home.findMentor',
  findMentees: 'home.findMentees',
  /** Paging the App Home's lists and `/my-sessions` (values: the pages to show). */
  homeNext: 'home.next',
  homePrevious: 'home.previous',
  mySessionsNext: 'mySessions.next',
  findMentorNext: 'findMentor.next',
  findMentorPrevious: 'findMentor.previous',
  mySessionsPrevious: 'mySessions.previous',
  /** The external select of mentors in the request modal (options served by us). */
  mentorPicker: 'mentor.pick',
  /** Every input element in a modal uses this id; its block id names the field. */
  input: 'value',
} as const;

/** Slack wants the buttons of one actions block to differ in `action_id`: Book number `n`. */
export const bookSlotAction = (n: number) =>
  n === 0 ? Action.bookSlot : `${Action.bookSlot}.${n}`;
/** Every `action_id` a *Book* button may have (a row holds at most 25 buttons). */
export const BOOK_SLOT_ACTIONS = Array.from({ length: 25 }, (_, n) => bookSlotAction(n));

/** `callback_id`s of modals. */
export const View = {
  loading: 'loading',
  notice: 'notice',
  requestSession: 'request.session',
  sendOffer: 'offer.send',
  sessionDetails: 'session.details',
  sessionMeeting: 'session.meeting',
  deleteSession: 'session.delete',
  cloneSession: 'session.clone',
  menteeList: 'session.mentees',
  mentorProfile: 'mentor.profile',
  menteeProfileForm: 'profile.mentee',
  mentorProfileForm: 'profile.mentor',
  settings: 'settings.workspace',
  roles: 'settings.roles',
} as const;

/**
 * Input block ids: the core's field names wherever one exists, so a core field error
 * (`title`, `meeting.url`, `recommendedFor.other`) lands on the block of the same name.
 */
export const Field = {
  title: 'title',
  description: 'description',
  imageUrl: 'imageUrl',
  imageFile: 'imageFile',
  type: 'type',
  startDate: 'start',
  startTime: 'start.time',
  endDate: 'end',
  endTime: 'end.time',
  seatLimit: 'seatLimit',
  recommendedFor: 'recommendedFor',
  recommendedForOther: 'recommendedFor.other',
  categories: 'categories',
  categoriesOther: 'categories.other',
  medium: 'medium',
  mediumOther: 'medium.other',
  mentees: 'menteeIds',
  mentors: 'mentorIds',
  meetingPlatform: 'meeting.platform',
  meetingUrl: 'meeting.url',
  meetingId: 'meeting.meetingId',
  meetingPasscode: 'meeting.passcode',
  mentor: 'mentorId',
  message: 'message',
  headline: 'headline',
  bio: 'bio',
  expertise: 'expertise',
  availability: 'availability',
  profileMeetingPlatform: 'meetingPlatform',
  profileMeetingUrl: 'meetingUrl',
  slotMinutes: 'slotMinutes',
  interests: 'interests',
  lookingForMentor: 'lookingForMentor',
  features: 'features',
  reminderOffsets: 'reminderOffsetsMinutes',
  minSessionMinutes: 'minSessionMinutes',
  defaultSeatLimit: 'defaultSeatLimit',
  defaultMeetingPlatform: 'defaultMeetingPlatform',
  requestExpiryDays: 'requestExpiryDays',
  defaultTimeZone: 'defaultTimeZone',
  vocabRecommendedFor: 'vocabularies.recommendedFor',
  vocabCategories: 'vocabularies.categories',
  vocabMedium: 'vocabularies.medium',
  rolePerson: 'personId',
  role: 'role',
  roleChange: 'change',
} as const;
