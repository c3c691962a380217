import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { ActionKind } from '../actions.js';
import { ok, type Result } from '../errors.js';
import type { PersonId } from '../people/person.js';
import { type CoreDeps, runQuery } from '../usecase.js';
import type { SessionCard } from '../views.js';
import { sessionCard } from './card.js';
import { sessionIdSchema } from './fields.js';
import { managedSession, type QueryRequest } from './load.js';
import { peopleFor } from './notify.js';

export interface MenteeRow {
  readonly id: PersonId;
  readonly name: string;
  readonly email?: string;
  readonly status: 'enrolled' | 'invited';
}

export interface MenteeList {
  readonly session: SessionCard;
  /** Enrolled first, then invited; by name within each. */
  readonly mentees: readonly MenteeRow[];
  /** `downloadMentees`: the list as CSV (only the session's managers see the list). */
  readonly actions: readonly ActionKind[];
}

const menteeListSchema = z.object({ sessionId: sessionIdSchema });

const byName = (a: MenteeRow, b: MenteeRow) =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * *Mentee list* (docs/product.md#mentee-list): who is enrolled and who is invited; for the
 * session's managers.
 */
export function menteeList(deps: CoreDeps, request: QueryRequest): Promise<Result<MenteeList>> {
  return runQuery(deps, request, menteeListSchema, async ({ actor, workspace, input, now }) => {
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    const people = await peopleFor(deps, session, [...session.enrolledIds, ...session.invitedIds]);
    const row = (id: PersonId, status: MenteeRow['status']): MenteeRow => {
      const person = people.get(id);
      return {
        id,
        name: person?.displayName ?? 'A former member',
        ...(person?.email ? { email: person.email } : {}),
        status,
      };
    };
    return ok({
      session: sessionCard(session, actor, people, now, workspace.config, deps),
      mentees: [
        ...session.enrolledIds.map((id) => row(id, 'enrolled')).sort(byName),
        ...session.invitedIds.map((id) => row(id, 'invited')).sort(byName),
      ],
      actions: ['downloadMentees'],
    });
  });
}

/**
 * Spreadsheets run a cell starting with one of these as a formula (CSV injection); a leading
 * apostrophe makes it plain text (the OWASP advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutralizeFormula = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/**
 * The columns of the mentee list's CSV (docs/product.md#mentee-list): the e-mail column only
 * when someone on the list has an e-mail known (a platform that does not tell them, or
 * people not looked up yet, would make it a column of blanks).
 */
export const menteeCsvColumns = (mentees: readonly MenteeRow[]) =>
  mentees.some((m) => m.email)
    ? (['Name', 'Email', 'Status'] as const)
    : (['Name', 'Status'] as const);

/** RFC 4180 text (CRLF, quotes where needed) of the mentee list, formula-safe. */
export function menteeCsv(mentees: readonly MenteeRow[]): string {
  const columns = menteeCsvColumns(mentees);
  const cell: Record<(typeof columns)[number], (m: MenteeRow) => string> = {
    Name: (m) => m.name,
    Email: (m) => m.email ?? '',
    Status: (m) => m.status,
  };
  return stringify(
    mentees.map((m) => columns.map((c) => cell[c](m))),
    {
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      // The library quotes only the whole CRLF delimiter; a lone CR or LF must be quoted too
      // (RFC 4180 line breaks), or spreadsheets split the row there.
      quoted_match: /[\r\n]/,
      // Excel reads a CSV without a byte-order mark as ANSI and garbles non-ASCII names.
      bom: true,
      cast: { string: neutralizeFormula },
    },
  );
}

/** The mentee list as a CSV download (UTF-8 text; the adapter uploads it as a file). */
export function menteeListCsv(
  deps: CoreDeps,
  request: QueryRequest,
): Promise<Result<{ filename: string; csv: string }>> {
  return menteeList(deps, request).then((list) => {
    if (!list.ok) return list;
    const slug = list.value.session.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
    return ok({ filename: `mentees-${slug || 'session'}.csv`, csv: menteeCsv(list.value.mentees) });
  });
}
