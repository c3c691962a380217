/**
 * The session use cases (docs/product.md#sessions, #mentee-asks-a-mentor), for the Slack and
 * Teams adapters: each takes `(deps, { actor, input, idempotencyKey? })` and returns a
 * `Result`; inputs are validated here, so adapters pass the form's values as they are.
 */
export { type CloneSessionInput, cloneSession } from './clone.js';
export {
  type CreateAndPublishInput,
  type CreateSessionInput,
  createAndPublishSession,
  createSession,
} from './create.js';
export { type DeleteSessionInput, deleteSession } from './delete.js';
export {
  type GetSessionDetailsInput,
  getSessionDetails,
  type SessionDetails,
  type SessionForm,
} from './details.js';
export { type EditSessionDetailsInput, editSessionDetails } from './edit.js';
export { type EditMeetingInput, editMeeting } from './edit-meeting.js';
export { type EnrolInput, enrol, leaveSession } from './enrol.js';
export { type InviteMenteesInput, inviteMentees } from './invite.js';
export type { CommandRequest, QueryRequest } from './load.js';
export type { MeetingInput } from './meeting.js';
export {
  type MenteeList,
  type MenteeListInput,
  type MenteeRow,
  menteeCsv,
  menteeList,
  menteeListCsv,
} from './mentee-list.js';
export { type MySessions, type MySessionsInput, mySessions } from './my-sessions.js';
export { type PublishSessionInput, publishSession } from './publish.js';
export type { SessionResult } from './results.js';
