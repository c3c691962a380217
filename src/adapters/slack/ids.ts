/**
 * Every Slack identifier the adapter owns, shared by the renderers (blocks/) and the
 * listeners that answer them. Renaming one here renames both sides.
 */

export const Command = {
  RequestSession: '/request-session',
  CreateSession: '/create-session',
  MySessions: '/my-sessions',
  FindMentor: '/find-mentor',
  FindMentees: '/find-mentees',
  Mentorbot: '/mentorbot',
} as const;

/** `action_id`s of buttons and selects in messages, App Home and modals. */
export const Action = {
  OpenCreateSession: 'session.create',
  Enrol: 'session.enrol',
  Join: 'session.join',
  Edit: 'session.edit',
  EditMeeting: 'session.edit_meeting',
  Delete: 'session.delete',
  Clone: 'session.clone',
  ViewMentees: 'session.mentees',
  DownloadCsv: 'session.csv',
  ScheduleRequest: 'request.schedule',
  DeclineRequest: 'request.decline',
  DismissOffer: 'offer.dismiss',
  OfferMentoring: 'offer.open',
  OpenRequestSession: 'request.open',
  ViewMentorProfile: 'mentor.profile',
  BookSlot: 'mentor.book',
  EditMenteeProfile: 'profile.mentee',
  EditMentorProfile: 'profile.mentor',
  OpenSettings: 'admin.settings',
  OpenRoles: 'admin.roles',
  FindMentor: 'home.find_mentor',
  FindMentees: 'home.find_mentees',
  /** The external select of mentors in the request modal (options served by us). */
  MentorPicker: 'mentor.pick',
  /** Every input element in a modal uses this id; its block id names the field. */
  Input: 'value',
} as const;

export type ActionId = (typeof Action)[keyof typeof Action];

/** `callback_id`s of modals. */
export const View = {
  Loading: 'loading',
  Notice: 'notice',
  RequestSession: 'request_session',
  SendOffer: 'send_offer',
  SessionDetails: 'session_details',
  SessionMeeting: 'session_meeting',
  DeleteSession: 'delete_session',
  CloneSession: 'clone_session',
  MenteeList: 'mentee_list',
  MentorProfile: 'mentor_profile',
  MenteeProfileForm: 'mentee_profile_form',
  MentorProfileForm: 'mentor_profile_form',
  Settings: 'workspace_settings',
  Roles: 'workspace_roles',
} as const;

export type ViewId = (typeof View)[keyof typeof View];

/**
 * Input block ids: the core's field names wherever one exists, so a core field error
 * (`title`, `meeting.url`, `recommendedFor.other`) lands on the block of the same name.
 */
export const Field = {
  Title: 'title',
  Description: 'description',
  ImageUrl: 'imageUrl',
  Type: 'type',
  StartDate: 'start',
  StartTime: 'start.time',
  EndDate: 'end',
  EndTime: 'end.time',
  SeatLimit: 'seatLimit',
  RecommendedFor: 'recommendedFor',
  RecommendedForOther: 'recommendedFor.other',
  Categories: 'categories',
  CategoriesOther: 'categories.other',
  Medium: 'medium',
  MediumOther: 'medium.other',
  Mentees: 'menteeIds',
  Mentors: 'mentorIds',
  MeetingPlatform: 'meeting.platform',
  MeetingUrl: 'meeting.url',
  MeetingId: 'meeting.meetingId',
  MeetingPasscode: 'meeting.passcode',
  Mentor: 'mentorId',
  Message: 'message',
  Headline: 'headline',
  Bio: 'bio',
  Expertise: 'expertise',
  Availability: 'availability',
  ProfileMeetingPlatform: 'meetingPlatform',
  ProfileMeetingUrl: 'meetingUrl',
  Interests: 'interests',
  LookingForMentor: 'lookingForMentor',
  Features: 'features',
  ReminderOffsets: 'reminderOffsetsMinutes',
  MinSessionMinutes: 'minSessionMinutes',
  DefaultSeatLimit: 'defaultSeatLimit',
  DefaultMeetingPlatform: 'defaultMeetingPlatform',
  RequestExpiryDays: 'requestExpiryDays',
  VocabRecommendedFor: 'vocabularies.recommendedFor',
  VocabCategories: 'vocabularies.categories',
  VocabMedium: 'vocabularies.medium',
  RolePerson: 'personId',
  Role: 'role',
  RoleChange: 'change',
} as const;
