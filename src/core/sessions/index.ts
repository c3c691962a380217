/**
 * The session use cases (docs/product.md#sessions, #mentee-asks-a-mentor), for the Slack and
 * Teams adapters: each takes `(deps, { actor, input, idempotencyKey? })` and returns a
 * `Result`; inputs are validated here, so adapters pass the form's values as they are.
 */
export { cloneSession } from './clone.js';
export {
  type CreateAndPublishInput,
  createAndPublishSession,
  createSession,
} from './create.js';
export { deleteForm, deleteSession } from './delete.js';
export {
  getSessionDetails,
  type SessionDetails,
} from './details.js';
export { editSessionDetails } from './edit.js';
export { editMeeting } from './edit-meeting.js';
export { enrol, leaveSession } from './enrol.js';
export { inviteMentees } from './invite.js';
export {
  type MenteeList,
  menteeCsv,
  menteeList,
  menteeListCsv,
} from './mentee-list.js';
export { type MySessions, mySessions } from './my-sessions.js';
export { publishSession } from './publish.js';
export type { SessionResult } from './results.js';
