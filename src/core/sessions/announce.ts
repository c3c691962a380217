import type { Notification } from '../notifications.js';
import type { Person, PersonId } from '../people/person.js';
import { formatRange, timeView, type Zoned } from '../time.js';
import type { CommandContext, CoreDeps } from '../usecase.js';
import type { PersonSummary, SessionCard } from '../views.js';
import { listText, plural } from '../words.js';
import { sessionCard } from './card.js';
import { platformName, zoomIdText } from './meeting.js';
import { peopleFor } from './notify.js';
import type { MeetingInfo, Session } from './session.js';

/**
 * Changes are announced (docs/product.md#changes-are-announced): moving a published or live
 * session, changing its meeting, its mentors or its seats tells every invited and enrolled
 * mentee and every other mentor, once, what changed (before -> after, in their zone).
 * Mentors added or removed are told so instead, and nobody hears of their own change.
 */

/** One line of a change, written for its reader: "Time: Tue ... -> Wed ...". */
export interface SessionChange {
  readonly what: 'time' | 'meeting' | 'mentors' | 'seats';
  /** "Time", "Meeting", "Mentors", "Seats". */
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

const LABELS: Record<SessionChange['what'], string> = {
  time: 'Time',
  meeting: 'Meeting',
  mentors: 'Mentors',
  seats: 'Seats',
};

/**
 * The meeting as a participant reads it: the platform, and Zoom's id and passcode. The link
 * itself stays behind *Join*, which shows from shortly before the start.
 */
function meetingText(meeting: MeetingInfo | undefined): string {
  if (!meeting) return 'not chosen yet';
  const parts = [platformName(meeting.platform)];
  if (meeting.meetingId) parts.push(`meeting ID ${zoomIdText(meeting.meetingId)}`);
  if (meeting.passcode) parts.push(`passcode ${meeting.passcode}`);
  return parts.join(', ');
}

const sameMeeting = (a: MeetingInfo | undefined, b: MeetingInfo | undefined) =>
  (a?.platform ?? '') === (b?.platform ?? '') &&
  (a?.url ?? '') === (b?.url ?? '') &&
  (a?.meetingId ?? '') === (b?.meetingId ?? '') &&
  (a?.passcode ?? '') === (b?.passcode ?? '');

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** What changed between two versions of a session, for a reader in `zone`. */
export function sessionChanges(
  before: Session,
  after: Session,
  zone: Zoned,
  names: ReadonlyMap<PersonId, Pick<Person, 'displayName'>>,
): SessionChange[] {
  const changes: SessionChange[] = [];
  const add = (what: SessionChange['what'], b: string, a: string) =>
    changes.push({ what, label: LABELS[what], before: b, after: a });
  if (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime()
  ) {
    const range = (s: Session) => formatRange(timeView(s.startsAt, zone), timeView(s.endsAt, zone));
    add('time', range(before), range(after));
  }
  if (!sameMeeting(before.meeting, after.meeting)) {
    const was = meetingText(before.meeting);
    const now = meetingText(after.meeting);
    add('meeting', was, now === was ? `${now}, with a new link` : now);
  }
  if (!sameSet(before.mentorIds, after.mentorIds)) {
    const mentors = (s: Session) =>
      listText(s.mentorIds.map((id) => names.get(id)?.displayName ?? 'a former member'));
    add('mentors', mentors(before), mentors(after));
  }
  if (before.seatLimit !== after.seatLimit) {
    add('seats', plural(before.seatLimit, 'seat'), plural(after.seatLimit, 'seat'));
  }
  return changes;
}

type Ctx = Pick<CommandContext<unknown>, 'actor' | 'now' | 'effects' | 'workspace'>;

/**
 * Tells everyone concerned about a change of a published or live session, after commit.
 * `toldAlready` are people the command told another way (newly invited mentees got the
 * invitation with the new details).
 */
export async function announceChanges(
  deps: CoreDeps,
  ctx: Ctx,
  before: Session,
  after: Session,
  toldAlready: readonly PersonId[] = [],
): Promise<void> {
  if (after.status !== 'published' && after.status !== 'live') return;
  const actorId = ctx.actor.id;
  const added = after.mentorIds.filter((id) => !before.mentorIds.includes(id) && id !== actorId);
  const removed = before.mentorIds.filter((id) => !after.mentorIds.includes(id) && id !== actorId);
  const stayed = after.mentorIds.filter((id) => before.mentorIds.includes(id));
  const mentees = [...after.invitedIds, ...after.enrolledIds];
  const skip = new Set([actorId, ...toldAlready, ...added, ...removed]);
  const changed = [...new Set([...mentees, ...stayed])].filter((id) => !skip.has(id));
  const everyone = [...new Set([...changed, ...added, ...removed, ...before.mentorIds])];
  if (changed.length + added.length + removed.length === 0) return;
  const people = await peopleFor(deps, after, everyone);
  const by: PersonSummary = { id: actorId, name: ctx.actor.displayName };
  const card = (reader: Person): SessionCard =>
    sessionCard(after, reader, people, ctx.now, ctx.workspace.config, deps);
  const tell = (ids: readonly PersonId[], build: (reader: Person) => Notification | undefined) => {
    for (const id of ids) {
      const reader = people.get(id);
      const notification = reader && build(reader);
      if (notification) ctx.effects.notify(notification);
    }
  };
  const base = (reader: Person) => ({ recipient: reader.id, workspaceId: after.workspaceId });
  tell(changed, (reader) => {
    const changes = sessionChanges(before, after, reader, people);
    return changes.length === 0
      ? undefined
      : { ...base(reader), kind: 'sessionChanged', session: card(reader), changes, by };
  });
  tell(added, (reader) => ({ ...base(reader), kind: 'mentorAdded', session: card(reader), by }));
  tell(removed, (reader) => ({
    ...base(reader),
    kind: 'mentorRemoved',
    session: card(reader),
    by,
  }));
}
