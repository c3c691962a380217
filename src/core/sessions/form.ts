import { z } from 'zod';
import { mayCreateSessions } from '../actions.js';
import { fail, ok, type Result } from '../errors.js';
import { isSessionManager, type MeetingPlatform } from '../people/person.js';
import { type CoreDeps, runQuery } from '../usecase.js';
import type { PersonSummary, SessionCard } from '../views.js';
import { VOCABULARY_NAMES, type VocabularyName } from '../workspaces/workspace.js';
import { detailsEditable, meetingEditable } from './access.js';
import { sessionCard, summaryOf } from './card.js';
import type { TagPick } from './fields.js';
import { schedulableRequest } from './from-request.js';
import {
  alreadyStarted,
  draftNotClonable,
  managedSession,
  meetingEnded,
  onlyMentorsCreate,
  type QueryRequest,
  sessionCancelled,
} from './load.js';
import { offeredMeetingPlatforms, usablePlatform } from './meeting.js';
import { peopleFor } from './notify.js';
import type { MeetingInfo, Session, SessionType } from './session.js';
import { tagPickOf } from './vocabulary.js';
import { localMomentOf, nextWeekly } from './when.js';

/**
 * The session forms (docs/product.md#sessions), prepared by the core so both platforms show the same rules:
 * `create` (optionally answering a request), `edit` (the details), `clone` (*Book the next
 * one*: only the new times) and `meeting` (the meeting link; saving it publishes a draft).
 */
export type SessionFormMode = 'create' | 'edit' | 'clone' | 'meeting';

export type SessionField =
  | 'title'
  | 'description'
  | 'imageUrl'
  | 'imageFile'
  | 'type'
  | 'start'
  | 'end'
  | 'seatLimit'
  | 'recommendedFor'
  | 'categories'
  | 'medium'
  | 'mentorIds'
  | 'menteeIds'
  | 'meeting';

/** A wall-clock moment in the reader's zone, as date and time pickers show it. */
export interface LocalMoment {
  readonly date: string;
  readonly time: string;
}

export interface SessionFormValues {
  readonly title: string;
  readonly description: string;
  readonly imageUrl: string;
  /** The name of the session's image file, when its image is a file. */
  readonly imageName?: string;
  readonly type: SessionType;
  /** Absent on a new session: the person picks the times. */
  readonly start?: LocalMoment;
  readonly end?: LocalMoment;
  readonly seatLimit: number;
  readonly recommendedFor: TagPick;
  readonly categories: TagPick;
  readonly medium: TagPick;
  readonly mentorIds: readonly string[];
  /** Invited mentees (enrolled ones keep their seat and are not listed). */
  readonly menteeIds: readonly string[];
  readonly meeting: MeetingInfo;
}

export interface SessionFormView {
  readonly mode: SessionFormMode;
  /** The session edited, cloned or whose meeting changes, as the reader sees it. */
  readonly session?: SessionCard;
  /** Carried back with the form, so a form opened before another change is refused. */
  readonly version?: number;
  /** A new session answering a mentee's request: that mentee is invited. */
  readonly request?: { readonly id: string; readonly mentee: PersonSummary };
  /** The reader's zone: the form's dates and times are in it. */
  readonly timeZone: string;
  /** Exactly the fields this person may change in this form. */
  readonly editable: readonly SessionField[];
  /** What the form starts with: the session's values, or the workspace defaults. */
  readonly values: SessionFormValues;
  readonly vocabularies: Readonly<Record<VocabularyName, readonly string[]>>;
  readonly choices: {
    readonly types: readonly SessionType[];
    readonly meetingPlatforms: readonly MeetingPlatform[];
  };
  readonly defaults: {
    readonly seatLimit: number;
    /** The workspace's default meeting platform (docs/product.md#workspace-settings). */
    readonly meetingPlatform: MeetingPlatform;
  };
  /** Saving publishes: the create form's *Publish*, a draft's meeting form, a clone. */
  readonly publishes: boolean;
}

const schema = z
  .object({
    mode: z.enum(['create', 'edit', 'clone', 'meeting'], { error: 'Pick a form.' }),
    sessionId: z.string().trim().min(1).optional(),
    requestId: z.string().trim().min(1).optional(),
  })
  .refine((i) => i.mode === 'create' || i.sessionId !== undefined, {
    error: 'Pick a session.',
    path: ['sessionId'],
  });

/** Which form to prepare: a new session, or the edit, clone or meeting form of one. */
export type SessionFormInput = z.input<typeof schema>;

const DETAILS: readonly SessionField[] = [
  'title',
  'description',
  'imageUrl',
  'imageFile',
  'start',
  'end',
  'seatLimit',
  'recommendedFor',
  'categories',
  'medium',
  'menteeIds',
];

const noTags: TagPick = { selected: [], other: [] };

/** The form for a session: its values, what may change, the choices and the defaults. */
export function sessionForm(
  deps: CoreDeps,
  request: QueryRequest,
): Promise<Result<SessionFormView>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input, now }) => {
    const config = workspace.config;
    const manager = isSessionManager(actor);
    const platforms = offeredMeetingPlatforms(deps);
    const platform = usablePlatform(config.defaultMeetingPlatform, platforms);
    const common = {
      timeZone: actor.timeZone,
      vocabularies: config.vocabularies,
      choices: {
        types: manager ? (['public', 'private'] as const) : (['public'] as const),
        meetingPlatforms: platforms,
      },
      defaults: {
        seatLimit: config.defaultSeatLimit,
        meetingPlatform: platform,
      },
    };
    const defaultMeeting: MeetingInfo = { platform };

    if (input.mode === 'create') {
      if (!mayCreateSessions(actor)) {
        return fail(onlyMentorsCreate());
      }
      let answering: SessionFormView['request'];
      if (input.requestId) {
        const found = await schedulableRequest(deps, input.requestId, actor, now);
        if (!found.ok) return found;
        const mentee = await deps.people.get(found.value.menteeId);
        answering = {
          id: found.value.id,
          mentee: mentee ? summaryOf(mentee) : { id: found.value.menteeId, name: 'A mentee' },
        };
      }
      return ok({
        mode: 'create',
        ...(answering ? { request: answering } : {}),
        ...common,
        editable: [
          ...DETAILS,
          ...(manager ? (['type', 'mentorIds'] as const) : []),
          'meeting',
        ] as SessionField[],
        values: {
          title: '',
          description: '',
          imageUrl: '',
          // A session answering one mentee's request is theirs (docs/product.md#booking), so private.
          type: answering ? 'private' : 'public',
          seatLimit: config.defaultSeatLimit,
          recommendedFor: noTags,
          categories: noTags,
          medium: noTags,
          mentorIds: [actor.id],
          menteeIds: [],
          meeting: defaultMeeting,
        },
        publishes: true,
      });
    }

    const found = await managedSession(deps, input.sessionId ?? '', actor);
    if (!found.ok) return found;
    const session = found.value;
    const card = sessionCard(session, actor, await peopleFor(deps, session), now, config, deps);
    const values = valuesOf(session, actor.timeZone, defaultMeeting, workspace.config);

    switch (input.mode) {
      case 'edit': {
        if (session.status === 'cancelled') return fail(sessionCancelled());
        if (!detailsEditable(session, now)) return fail(alreadyStarted('its details'));
        const editable: SessionField[] = [...DETAILS];
        if (manager && session.status === 'draft') editable.push('type');
        if (manager) editable.push('mentorIds');
        return ok({
          mode: 'edit',
          session: card,
          version: session.version,
          ...common,
          editable,
          values,
          publishes: false,
        });
      }
      case 'clone': {
        if (session.status === 'draft') {
          return fail(draftNotClonable());
        }
        const next = nextWeekly(session.startsAt, session.endsAt, actor.timeZone, now);
        return ok({
          mode: 'clone',
          session: card,
          version: session.version,
          ...common,
          editable: ['start', 'end'],
          values: { ...values, ...next, menteeIds: cloneInvitees(session) },
          publishes: session.status !== 'cancelled',
        });
      }
      default: {
        if (session.status === 'cancelled') return fail(sessionCancelled());
        if (!meetingEditable(session, now)) {
          return fail(meetingEnded());
        }
        return ok({
          mode: 'meeting',
          session: card,
          version: session.version,
          ...common,
          editable: ['meeting'],
          values,
          publishes: session.status === 'draft',
        });
      }
    }
  });
}

/** Everyone who was invited or enrolled is invited to the clone (docs/product.md#clone). */
const cloneInvitees = (session: Session) => [
  ...new Set([...session.invitedIds, ...session.enrolledIds]),
];

/** A stored session's values as its forms show them, times in `zone`. */
export function valuesOf(
  session: Session,
  zone: string,
  defaultMeeting: MeetingInfo,
  config: Parameters<typeof tagPickOf>[2],
): SessionFormValues & { readonly start: LocalMoment; readonly end: LocalMoment } {
  const tags = Object.fromEntries(
    VOCABULARY_NAMES.map((name) => [name, tagPickOf(name, session[name], config)]),
  ) as Record<VocabularyName, TagPick>;
  return {
    title: session.title,
    description: session.description,
    imageUrl: session.imageUrl ?? '',
    ...(session.imageFile ? { imageName: session.imageFile.name } : {}),
    type: session.type,
    start: localMomentOf(session.startsAt, zone),
    end: localMomentOf(session.endsAt, zone),
    seatLimit: session.seatLimit,
    ...tags,
    mentorIds: session.mentorIds,
    menteeIds: session.invitedIds,
    meeting: session.meeting ?? defaultMeeting,
  };
}
