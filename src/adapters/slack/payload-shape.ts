import { z } from 'zod';

/**
 * The fields Bolt's routing and our listeners read without checking, with the types Slack
 * gives them. A signed body that breaks these (an `event` that is not an object, a `user`
 * that is null) is not one Slack sends: 400, before Bolt can throw on it. Other fields pass
 * through as they are, so payload kinds we do not list still reach Bolt.
 */
const text = z.string().optional();
const ref = z.looseObject({ id: z.string() });

const payloadShape = z.looseObject({
  type: text,
  token: text,
  team_id: text,
  enterprise_id: text,
  api_app_id: text,
  user_id: text,
  channel_id: text,
  command: text,
  text: text,
  trigger_id: text,
  response_url: text,
  callback_id: text,
  team: ref.nullable().optional(),
  enterprise: ref.nullable().optional(),
  user: ref.optional(),
  channel: ref.optional(),
  event: z
    .looseObject({
      type: z.string(),
      // A user id in most events, a user object in some (user_change, team_join).
      user: z.union([z.string(), z.looseObject({})]).optional(),
      channel: z.union([z.string(), z.looseObject({})]).optional(),
      tab: text,
    })
    .optional(),
  actions: z.array(z.looseObject({ action_id: z.string() })).optional(),
  view: z
    .looseObject({
      id: text,
      callback_id: text,
      private_metadata: text,
      hash: text,
      state: z.looseObject({ values: z.record(z.string(), z.looseObject({})) }).optional(),
    })
    .optional(),
  container: z.looseObject({}).optional(),
  message: z.looseObject({}).optional(),
});

export const isSlackShaped = (body: unknown) => payloadShape.safeParse(body).success;
