import type { Agenda } from 'agenda';
import { createExpressMiddleware } from 'agendash';
import express from 'express';
import { basicAuthOk } from '../http-auth.js';
import type { RouteHandler } from '../server.js';

export const JOBS_DASHBOARD_PATH = '/admin/jobs';

/**
 * Agendash (the Agenda dashboard) at /admin/jobs, behind HTTP basic auth. Agendash ships
 * middleware for Express, Koa, Fastify and hapi; Express is already installed (Bolt uses
 * it), and an Express app is itself a plain `(req, res)` handler, so it sits behind our HTTP
 * server's mount without changing the server. Loaded only when ADMIN_USERNAME and
 * ADMIN_PASSWORD are set.
 */
export function jobsDashboard(
  agenda: Agenda,
  credentials: { username: string; password: string },
): RouteHandler {
  const app = express();
  app.disable('x-powered-by');
  app.use(JOBS_DASHBOARD_PATH, createExpressMiddleware(agenda));
  return (req, res) => {
    if (!basicAuthOk(req, credentials.username, credentials.password)) {
      res.writeHead(401, {
        'www-authenticate': 'Basic realm="mentorbot jobs", charset="UTF-8"',
        'content-type': 'text/plain; charset=utf-8',
      });
      res.end('Sign in with ADMIN_USERNAME and ADMIN_PASSWORD.\n');
      return;
    }
    app(req, res);
  };
}
