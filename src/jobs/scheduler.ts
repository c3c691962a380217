import type { Agenda } from 'agenda';
import type { Scheduler } from '../core/ports.js';
import type { Session, SessionId } from '../core/sessions/session.js';
import { JobName, SESSION_JOBS } from './names.js';

/**
 * The core's Scheduler on Agenda. Each (session, kind, offset) has exactly one job: jobs are
 * saved with `unique()` on those fields (and a unique index backs it), so publishing creates
 * them, a new time moves them, and cancelling removes them.
 */
export class AgendaScheduler implements Scheduler {
  constructor(private readonly agenda: Agenda) {}

  async sessionScheduled(
    session: Pick<Session, 'id' | 'startsAt' | 'endsAt'>,
    reminderOffsetsMinutes: readonly number[],
  ): Promise<void> {
    const offsets = [...new Set(reminderOffsetsMinutes)];
    // Reminders for offsets no longer configured go; the others are moved below.
    const existing = await this.agenda.queryJobs({
      name: JobName.reminder,
      data: { sessionId: session.id },
    } as never);
    for (const job of existing.jobs) {
      const minutes = (job.data as { minutesBefore?: number } | undefined)?.minutesBefore;
      if (minutes === undefined || !offsets.includes(minutes)) {
        await this.agenda.cancel({
          name: JobName.reminder,
          data: { sessionId: session.id, minutesBefore: minutes },
        });
      }
    }
    for (const minutesBefore of offsets) {
      await this.save(
        JobName.reminder,
        { sessionId: session.id, minutesBefore },
        new Date(session.startsAt.getTime() - minutesBefore * 60_000),
      );
    }
    await this.save(JobName.live, { sessionId: session.id, minutesBefore: 0 }, session.startsAt);
    await this.save(JobName.completed, { sessionId: session.id, minutesBefore: 0 }, session.endsAt);
  }

  async sessionCancelled(sessionId: SessionId): Promise<void> {
    await this.agenda.cancel({ names: SESSION_JOBS, data: { sessionId } });
  }

  private async save(
    name: string,
    data: { sessionId: SessionId; minutesBefore: number },
    at: Date,
  ): Promise<void> {
    await this.agenda
      // dueAt: when it should run, for mentorbot_job_lag_seconds (Agenda moves nextRunAt on).
      .create(name, { ...data, dueAt: at.toISOString() })
      .unique({ 'data.sessionId': data.sessionId, 'data.minutesBefore': data.minutesBefore })
      .schedule(at)
      .save();
  }
}
