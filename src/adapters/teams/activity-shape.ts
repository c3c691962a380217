import { z } from 'zod';

/**
 * The fields botbuilder and teams-ai read without checking, with the types the Bot Framework
 * schema gives them. An activity that breaks these is not one Teams sends: 400, before
 * authentication or the turn can trip over it. Other fields pass through as they are.
 */
const text = z.string().optional();
const account = z.looseObject({ id: text, name: text, aadObjectId: text }).optional();

const activityShape = z.looseObject({
  type: z.string().min(1),
  id: text,
  name: text,
  text: text,
  locale: text,
  localTimezone: text,
  replyToId: text,
  channelId: text,
  serviceUrl: text,
  deliveryMode: text,
  from: account,
  recipient: account,
  conversation: z.looseObject({ id: z.string().optional(), tenantId: text }).optional(),
  channelData: z.looseObject({}).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  entities: z.array(z.looseObject({})).optional(),
  membersAdded: z.array(z.looseObject({})).optional(),
  membersRemoved: z.array(z.looseObject({})).optional(),
});

export const isActivityShaped = (body: unknown) => activityShape.safeParse(body).success;
