import type { Register } from '../../context.js';
import {
  cloneForm,
  createSessionForm,
  deleteForm,
  editSessionForm,
  meetingForm,
  menteeListForm,
} from '../../flows/forms.js';
import { Action } from '../../ids.js';
import { onPressOpen } from '../run.js';

/** The session buttons that open a form: create, edit, meeting link, delete, clone, list. */
export const registerSessionForms: Register = (app, ctx) => {
  app.action(
    Action.OpenCreateSession,
    onPressOpen(ctx, 'Create session', (person, _v, src) =>
      createSessionForm(ctx, person, { src }),
    ),
  );
  app.action(
    Action.Edit,
    onPressOpen(ctx, 'Edit session', (person, id, src) => editSessionForm(ctx, person, id, src)),
  );
  app.action(
    Action.EditMeeting,
    onPressOpen(ctx, 'Meeting link', (person, id, src) => meetingForm(ctx, person, id, src)),
  );
  app.action(
    Action.Delete,
    onPressOpen(ctx, 'Delete session', (person, id, src) => deleteForm(ctx, person, id, src)),
  );
  app.action(
    Action.Clone,
    onPressOpen(ctx, 'Book the next one', (person, id, src) => cloneForm(ctx, person, id, src)),
  );
  app.action(
    Action.ViewMentees,
    onPressOpen(ctx, 'Mentee list', (person, id) => menteeListForm(ctx, person, id)),
  );
};
