/**
 * The one object adapters call: every command and query of the product, bound to the
 * core's dependencies once by the composition root (`createMentorship(deps)` in app.ts).
 *
 * How an adapter uses it:
 * 1. **Arrive first.** Turn the platform's payload into an identity (platform, workspace
 *    id, user id, display name, zone and email when known) and call `arrive` (through the
 *    recently-seen cache in `src/adapters/arrival.ts`). It answers the `Person` and the
 *    `Workspace`, or `installed: false`. Pass `install` where the platform installs on
 *    first sight (Teams personal bots, single-workspace Slack).
 * 2. **Call one method per interaction** with `{ actor: { personId }, input,
 *    idempotencyKey? }`. `input` is the form's or button's values as they came; the core
 *    validates them. The key is the platform's delivery id, so a retried delivery changes
 *    nothing. Every method answers a `Result`: `ok` with a view model, or a `DomainError`
 *    whose `message` is written for the person and whose `fields` name form fields.
 * 3. **Open forms from the form queries** (`sessionForm`, `mentorProfileForm`,
 *    `menteeProfileForm`, `requestForm`, `settingsForm`): they check permissions and
 *    feature switches before anything is filled in, and give the values, defaults
 *    (workspace vocabularies, seat limit, meeting platform, the clone's next-week times),
 *    the fields the person may change, and the choices to offer.
 * 4. **Draw buttons from `actions`.** Every view model carries the `ActionKind`s its reader
 *    may take now (`src/core/actions.ts`); map each kind to a button, show nothing else,
 *    and never look at roles or switches yourself.
 * 5. **Show what a command returns.** Commands answer what comes next: a session command
 *    the session as the actor sees it, with its version and (for managers) its meeting;
 *    a request command the request; a profile save the profile.
 *
 * Adapters import from `src/core` only types, this API, pure formatting helpers
 * (`time.ts`) and errors; never a repository. The time adapters stamp their own records with
 * is `AdapterContext.clock` (the core's clock).
 */

import { bookSlot } from './booking/book-slot.js';
import type { Result } from './errors.js';
import { type HelpView, type HomeView, help, home } from './home.js';
import { findMentors, type MentorPage } from './people/find-mentors.js';
import { findPeople } from './people/find-people.js';
import { getMentorProfile } from './people/mentor-profile.js';
import { getMyProfile } from './people/my-profile.js';
import type { Person } from './people/person.js';
import type { MentorProfileView, MyProfileView } from './people/profile.views.js';
import {
  type MenteeProfileFormView,
  type MentorProfileFormView,
  menteeProfileForm,
  mentorProfileForm,
} from './people/profile-forms.js';
import { saveMenteeProfile } from './people/save-mentee-profile.js';
import { saveMentorProfile } from './people/save-mentor-profile.js';
import { type MenteeSearchView, searchMentees } from './people/search-mentees.js';
import { setMyTimeZone, type TimeZoneFormView, timeZoneForm } from './people/time-zone.js';
import { declineRequest } from './requests/decline-request.js';
import { dismissOffer } from './requests/dismiss-offer.js';
import { type RequestFormView, requestForm } from './requests/form.js';
import {
  incomingRequests,
  myMentorshipRequests,
  type RequestPage,
} from './requests/list-requests.js';
import type { IncomingRequestItem, MyRequestItem } from './requests/request.view.js';
import { type RequestSessionOutcome, requestSession } from './requests/request-session.js';
import { sendMentorOffer } from './requests/send-mentor-offer.js';
import { type SessionFormView, sessionForm } from './sessions/form.js';
import { changeSessionImage } from './sessions/image.js';
import {
  cloneSession,
  createAndPublishSession,
  createSession,
  deleteForm,
  deleteSession,
  editMeeting,
  editSessionDetails,
  enrol,
  getSessionDetails,
  inviteMentees,
  leaveSession,
  type MenteeList,
  type MySessions,
  menteeList,
  menteeListCsv,
  mySessions,
  publishSession,
  type SessionDetails,
  type SessionResult,
} from './sessions/index.js';
import type { Actor, CoreDeps } from './usecase.js';
import type { PersonSummary, RequestView, SessionCard } from './views.js';
import { type Arrival, type ArriveInput, arrive } from './workspaces/arrive.js';
import { type IdentityInput, identify, installWorkspace } from './workspaces/install.js';
import {
  getRolesForm,
  getWorkspaceSettings,
  grantRole,
  type RolesFormView,
  revokeRole,
  updateWorkspaceSettings,
  type WorkspaceSettingsView,
} from './workspaces/settings.js';
import type { Workspace, WorkspaceConfig } from './workspaces/workspace.js';

/** A command: who acts, the raw input, and the platform's delivery id. */
export interface CommandArgs {
  readonly actor: Actor;
  readonly input: unknown;
  readonly idempotencyKey?: string | undefined;
}

/** A query: who reads, and the raw input (absent when the query takes none). */
export interface QueryArgs {
  readonly actor: Actor;
  readonly input?: unknown;
}

export type Command<T> = (args: CommandArgs) => Promise<Result<T>>;
export type Query<T> = (args: QueryArgs) => Promise<Result<T>>;

export interface Mentorship {
  // Arrival and installation (docs/product.md#people-and-workspaces)
  /** Who is acting and whether their workspace is installed; see `ArriveInput`. */
  arrive(input: ArriveInput): Promise<Result<Arrival>>;
  /** The app was installed (Slack OAuth, Teams installationUpdate); the installer is admin. */
  install(input: {
    installer: IdentityInput;
    workspaceName: string;
  }): Promise<Result<{ workspace: Workspace; installer: Person; created: boolean }>>;
  /** Someone picked in a form (a Slack user select) becomes known to the core. */
  identify(identity: IdentityInput): Promise<Result<Person>>;

  // Home and lists (docs/product.md#chat-surfaces)
  home: Query<HomeView>;
  /** The home's actions only: the help and welcome cards. */
  help: Query<HelpView>;
  mySessions: Query<MySessions>;
  myRequests: Query<RequestPage<MyRequestItem>>;
  incomingRequests: Query<RequestPage<IncomingRequestItem>>;

  // Sessions (docs/product.md#sessions)
  sessionForm: Query<SessionFormView>;
  sessionDetails: Query<SessionDetails>;
  createSession: Command<SessionResult>;
  createAndPublishSession: Command<SessionResult>;
  editSession: Command<SessionResult>;
  editMeeting: Command<SessionResult>;
  /** Adds, replaces (an image file) or removes (`image: null`) a session's image. */
  changeSessionImage: Command<SessionResult>;
  publishSession: Command<SessionResult>;
  /** The delete confirmation: the session, or why it cannot be deleted (before any dialog). */
  deleteForm: Query<SessionDetails>;
  deleteSession: Command<{ sessionId: string }>;
  cloneSession: Command<SessionResult>;
  enrol: Command<SessionResult>;
  leaveSession: Command<SessionResult>;
  inviteMentees: Command<SessionResult>;
  menteeList: Query<MenteeList>;
  menteeListCsv: Query<{ filename: string; csv: string }>;

  // People and profiles (docs/product.md#profiles, #booking)
  myProfile: Query<MyProfileView>;
  mentorProfile: Query<MentorProfileView>;
  mentorProfileForm: Query<MentorProfileFormView>;
  menteeProfileForm: Query<MenteeProfileFormView>;
  saveMentorProfile: Command<MyProfileView>;
  saveMenteeProfile: Command<MyProfileView>;
  /** *Set my time zone* (docs/product.md#time). */
  timeZoneForm: Query<TimeZoneFormView>;
  setMyTimeZone: Command<MyProfileView>;
  findMentors: Query<MentorPage>;
  searchMentees: Query<MenteeSearchView>;
  /** People to invite, by name (mentors and session managers). */
  findPeople: Query<{ people: PersonSummary[] }>;
  bookSlot: Command<{ session: SessionCard; acceptedOfferId?: string }>;

  // Requests (docs/product.md#mentorship-requests)
  requestForm: Query<RequestFormView>;
  requestSession: Command<RequestSessionOutcome>;
  sendMentorOffer: Command<{ request: RequestView }>;
  declineRequest: Command<{ request: RequestView }>;
  dismissOffer: Command<{ request: RequestView }>;

  // Workspace settings and roles (docs/product.md#workspace-settings)
  settingsForm: Query<WorkspaceSettingsView>;
  /** People and their roles, for a roles form without a people picker of its own (Teams). */
  rolesForm: Query<RolesFormView>;
  updateSettings: Command<WorkspaceConfig>;
  grantRole: Command<Person>;
  revokeRole: Command<Person>;
}

/** Binds every use case to `deps`; built once by the composition root. */
export function createMentorship(deps: CoreDeps): Mentorship {
  return {
    arrive: (input) => arrive(deps, input),
    install: (input) => installWorkspace(deps, input),
    identify: (identity) => identify(deps, identity),

    home: (args) => home(deps, args),
    help: (args) => help(deps, args),
    mySessions: (args) => mySessions(deps, { actor: args.actor, input: args.input ?? {} }),
    myRequests: (args) => myMentorshipRequests(deps, args),
    incomingRequests: (args) => incomingRequests(deps, args),

    sessionForm: (args) => sessionForm(deps, { actor: args.actor, input: args.input }),
    sessionDetails: (args) => getSessionDetails(deps, { actor: args.actor, input: args.input }),
    createSession: (args) => createSession(deps, args),
    createAndPublishSession: (args) => createAndPublishSession(deps, args),
    editSession: (args) => editSessionDetails(deps, args),
    editMeeting: (args) => editMeeting(deps, args),
    changeSessionImage: (args) => changeSessionImage(deps, args),
    publishSession: (args) => publishSession(deps, args),
    deleteForm: (args) => deleteForm(deps, { actor: args.actor, input: args.input }),
    deleteSession: (args) => deleteSession(deps, args),
    cloneSession: (args) => cloneSession(deps, args),
    enrol: (args) => enrol(deps, args),
    leaveSession: (args) => leaveSession(deps, args),
    inviteMentees: (args) => inviteMentees(deps, args),
    menteeList: (args) => menteeList(deps, { actor: args.actor, input: args.input }),
    menteeListCsv: (args) => menteeListCsv(deps, { actor: args.actor, input: args.input }),

    myProfile: (args) => getMyProfile(deps, args),
    mentorProfile: (args) => getMentorProfile(deps, { actor: args.actor, input: args.input }),
    mentorProfileForm: (args) => mentorProfileForm(deps, args),
    menteeProfileForm: (args) => menteeProfileForm(deps, args),
    saveMentorProfile: (args) => saveMentorProfile(deps, withKey(args)),
    saveMenteeProfile: (args) => saveMenteeProfile(deps, withKey(args)),
    timeZoneForm: (args) => timeZoneForm(deps, args),
    setMyTimeZone: (args) => setMyTimeZone(deps, withKey(args)),
    findMentors: (args) => findMentors(deps, args),
    searchMentees: (args) => searchMentees(deps, args),
    findPeople: (args) => findPeople(deps, args),
    bookSlot: (args) => bookSlot(deps, withKey(args)),

    requestForm: (args) => requestForm(deps, { actor: args.actor, input: args.input }),
    requestSession: (args) => requestSession(deps, withKey(args)),
    sendMentorOffer: (args) => sendMentorOffer(deps, withKey(args)),
    declineRequest: (args) => declineRequest(deps, withKey(args)),
    dismissOffer: (args) => dismissOffer(deps, withKey(args)),

    settingsForm: (args) => getWorkspaceSettings(deps, args),
    rolesForm: (args) => getRolesForm(deps, args),
    updateSettings: (args) => updateWorkspaceSettings(deps, withKey(args)),
    grantRole: (args) => grantRole(deps, withKey(args)),
    revokeRole: (args) => revokeRole(deps, withKey(args)),
  };
}

/** Use cases typed with an optional key take `string`, not `string | undefined`. */
function withKey(args: CommandArgs): { actor: Actor; input: unknown; idempotencyKey?: string } {
  return {
    actor: args.actor,
    input: args.input,
    ...(args.idempotencyKey ? { idempotencyKey: args.idempotencyKey } : {}),
  };
}
