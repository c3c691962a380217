import type { Result } from '../core/errors.js';
import { type Person, workspaceIdOf } from '../core/people/person.js';
import { saveMenteeProfile } from '../core/people/save-mentee-profile.js';
import { type MentorProfileInput, saveMentorProfile } from '../core/people/save-mentor-profile.js';
import { requestSession } from '../core/requests/request-session.js';
import { sendMentorOffer } from '../core/requests/send-mentor-offer.js';
import { type CreateAndPublishInput, createAndPublishSession } from '../core/sessions/create.js';
import { enrol } from '../core/sessions/enrol.js';
import type { CoreDeps } from '../core/usecase.js';
import { identify, installWorkspace } from '../core/workspaces/install.js';
import {
  ADMIN,
  DEMO_PEOPLE,
  DEMO_TENANT,
  DEMO_WORKSPACE_NAME,
  MENTEES,
  MENTORS,
} from './people.js';

/**
 * The demo workspace (`npm start` with the embedded database): an admin, three mentors in
 * three zones, five mentees, published sessions (one starting within the hour, one full),
 * an open request and a pending offer. Everything goes through the same use cases a person's
 * clicks reach, so the demo data obeys every rule real data does. The composition root
 * decides when it runs (never in production, never into MONGODB_URI).
 */

export interface DemoSummary {
  readonly workspaceId: string;
  readonly people: number;
  readonly sessions: number;
  readonly requests: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// The demo runs without a BigBlueButton server: booked and published sessions meet on
// Google Meet.
const DEMO_MEETING = { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' } as const;

const MENTOR_PROFILES: ReadonlyArray<{ handle: string; profile: MentorProfileInput }> = [
  {
    handle: MENTORS.james.handle,
    profile: {
      headline: 'Engineering manager, ex-startup founder',
      bio: 'Fifteen years of shipping web products in New York. Happy to talk careers, first management roles and interviews.',
      expertise: ['Career', 'Leadership', 'Interviews'],
      availability: [
        { weekday: 1, start: '09:00', end: '11:00' },
        { weekday: 3, start: '16:00', end: '18:00' },
      ],
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/jmc-prof-one',
    },
  },
  {
    handle: MENTORS.olivia.handle,
    profile: {
      headline: 'Product designer, accessibility lead',
      bio: 'I design for people who use screen readers and small phones. Portfolio reviews welcome.',
      expertise: ['Design', 'Accessibility', 'Portfolio'],
      availability: [
        { weekday: 2, start: '13:00', end: '15:00' },
        { weekday: 5, start: '10:00', end: '12:00' },
      ],
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    },
  },
  {
    handle: MENTORS.priya.handle,
    profile: {
      headline: 'Staff engineer, distributed systems',
      bio: 'Backend and data infrastructure in Bengaluru. I like system design questions and code reviews.',
      expertise: ['Engineering', 'System design', 'Databases'],
      availability: [
        { weekday: 2, start: '14:00', end: '16:00' },
        { weekday: 4, start: '14:00', end: '16:00' },
      ],
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/prr-prof-two',
    },
  },
];

/** Handle, interests, looking for a mentor. */
const MENTEE_PROFILES: ReadonlyArray<readonly [string, string[], boolean]> = [
  [MENTEES.megan.handle, ['Design', 'Career'], true],
  [MENTEES.diego.handle, ['Engineering', 'Databases'], true],
  [MENTEES.lee.handle, ['System design'], false],
  [MENTEES.isaiah.handle, ['Leadership'], false],
  [MENTEES.nestor.handle, ['Interviews'], false],
];

/** A demo session: who publishes it, when it starts (from now), how long, who enrols. */
interface DemoSession extends Omit<CreateAndPublishInput, 'start' | 'end'> {
  readonly mentor: string;
  readonly startsIn: number;
  readonly minutes: number;
  readonly enrolled: readonly string[];
}

/** One starting within the hour, one full (two seats, two enrolled), one next week. */
const SESSIONS: readonly DemoSession[] = [
  {
    mentor: MENTORS.james.handle,
    startsIn: 40 * MINUTE,
    minutes: 45,
    enrolled: [MENTEES.megan.handle, MENTEES.nestor.handle],
    title: 'Your first year as an engineer',
    description:
      'An open Q&A: what to learn first, how to ask for feedback, and how to read a performance review.',
    seatLimit: 10,
    categories: { selected: ['Career', 'Engineering'], other: [] },
    recommendedFor: { selected: ['Beginners'], other: [] },
  },
  {
    mentor: MENTORS.priya.handle,
    startsIn: 2 * DAY,
    minutes: 60,
    enrolled: [MENTEES.lee.handle, MENTEES.isaiah.handle],
    title: 'System design office hours',
    description: 'Bring a design you are working on; we review it together. Two seats only.',
    seatLimit: 2,
    categories: { selected: ['Engineering'], other: ['System design'] },
    recommendedFor: { selected: ['Intermediate', 'Advanced'], other: [] },
  },
  {
    mentor: MENTORS.olivia.handle,
    startsIn: 6 * DAY,
    minutes: 60,
    enrolled: [MENTEES.megan.handle],
    title: 'Portfolio reviews',
    description: 'Share one project; get concrete feedback on story, craft and accessibility.',
    seatLimit: 6,
    categories: { selected: ['Design'], other: [] },
  },
];

/** A use case's result, or a thrown error naming the step: demo data that breaks a rule is a bug. */
function must<T>(result: Result<T>, step: string): T {
  if (!result.ok) {
    throw new Error(`demo seed: ${step} failed: ${result.error.code} ${result.error.message}`);
  }
  return result.value;
}

/** `at` rounded up to the next multiple of five minutes, as an ISO instant. */
function fiveMinuteMark(at: number): string {
  const step = 5 * MINUTE;
  return new Date(Math.ceil(at / step) * step).toISOString();
}

export async function seedDemoWorkspace(deps: CoreDeps): Promise<DemoSummary | undefined> {
  const workspaceId = workspaceIdOf('teams', DEMO_TENANT);
  if (await deps.workspaces.get(workspaceId)) return undefined; // seeded already

  // The first person to install the app is the workspace's admin
  // (docs/product.md#installation).
  const installed = must(
    await installWorkspace(deps, { installer: ADMIN.identity, workspaceName: DEMO_WORKSPACE_NAME }),
    'install',
  );
  const people = new Map<string, Person>([[ADMIN.handle, installed.installer]]);
  await Promise.all(
    DEMO_PEOPLE.filter((demo) => demo !== ADMIN).map(async (demo) =>
      people.set(demo.handle, must(await identify(deps, demo.identity), `identify ${demo.handle}`)),
    ),
  );
  const actor = (handle: string) => ({ personId: (people.get(handle) as Person).id });
  const id = (handle: string) => (people.get(handle) as Person).id;

  // Mentor profiles: availability is weekly, in each mentor's own zone
  // (docs/product.md#mentor-profile, #booking).
  // Each step's commands are about different people or sessions: they run side by side
  // (the seed is part of every development start).
  await Promise.all(
    MENTOR_PROFILES.map(async ({ handle, profile }) =>
      must(
        await saveMentorProfile(deps, { actor: actor(handle), input: profile }),
        `mentor profile ${handle}`,
      ),
    ),
  );
  // Mentee profiles: two of them are looking for a mentor, so mentors find them
  // (docs/product.md#mentee-profile-and-search).
  await Promise.all(
    MENTEE_PROFILES.map(async ([handle, interests, lookingForMentor]) =>
      must(
        await saveMenteeProfile(deps, {
          actor: actor(handle),
          input: { interests, lookingForMentor },
        }),
        `mentee profile ${handle}`,
      ),
    ),
  );
  // Published sessions, each with its enrolled mentees.
  const now = deps.clock.now().getTime();
  await Promise.all(
    SESSIONS.map(async ({ mentor, startsIn, minutes, enrolled, ...details }) => {
      const start = fiveMinuteMark(now + startsIn);
      const { session } = must(
        await createAndPublishSession(deps, {
          actor: actor(mentor),
          input: {
            ...details,
            meeting: DEMO_MEETING,
            start,
            end: new Date(Date.parse(start) + minutes * MINUTE).toISOString(),
          },
        }),
        `session ${details.title}`,
      );
      for (const handle of enrolled) {
        must(
          await enrol(deps, { actor: actor(handle), input: { sessionId: session.id } }),
          `enrol ${handle}`,
        );
      }
    }),
  );

  // An open request (mentee -> mentor) and a pending offer (mentor -> mentee):
  // docs/product.md#mentorship-requests.
  must(
    await requestSession(deps, {
      actor: actor(MENTEES.diego.handle),
      input: {
        mentorId: id(MENTORS.priya.handle),
        message: 'Could we talk about moving from frontend into backend work?',
      },
    }),
    'request diego -> priya',
  );
  must(
    await sendMentorOffer(deps, {
      actor: actor(MENTORS.olivia.handle),
      input: {
        menteeId: id(MENTEES.megan.handle),
        message: 'I saw you are interested in design careers. Happy to help!',
      },
    }),
    'offer olivia -> megan',
  );

  return {
    workspaceId: installed.workspace.id,
    people: people.size,
    sessions: SESSIONS.length,
    requests: 2,
  };
}
