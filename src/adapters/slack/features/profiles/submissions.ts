import type { Register } from '../../context.js';
import { View } from '../../ids.js';
import { onSubmit, submitted } from '../../submit.js';
import { closeAndRefreshHome } from '../home/publish.js';
import { menteeProfileOf, mentorProfileOf } from './parse.js';

/** The profile forms (docs/product.md#profiles); each refreshes the Home tab. */
export const registerProfileSubmissions: Register = (app, ctx) => {
  const close = closeAndRefreshHome(ctx);
  app.view(
    View.menteeProfileForm,
    onSubmit(
      ctx,
      submitted(menteeProfileOf, (r) => ctx.mentorship.saveMenteeProfile(r)),
      close,
    ),
  );
  app.view(
    View.mentorProfileForm,
    onSubmit(
      ctx,
      submitted(mentorProfileOf, (r) => ctx.mentorship.saveMentorProfile(r)),
      close,
      'Mentor profile',
    ),
  );
};
