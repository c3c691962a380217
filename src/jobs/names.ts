/** Job names, stored in the jobs collection: changing one orphans the jobs already stored. */
export const JobName = {
  reminder: 'session-reminder',
  live: 'session-live',
  completed: 'session-completed',
  expireRequests: 'expire-requests',
} as const;

export const SESSION_JOBS = [JobName.reminder, JobName.live, JobName.completed];

export const JOBS_COLLECTION = 'jobs';
