import { z } from 'zod';
import { Abilities, RequiredText } from '../../platform/http/fields.js';

/** Messages between the family and its contact (issue 5 item 3). */

export const ThreadInput = z.object({ subject: RequiredText(200), body: RequiredText(8000) });
export type ThreadInput = z.infer<typeof ThreadInput>;

export const MessageInput = z.object({ body: RequiredText(8000) });
export type MessageInput = z.infer<typeof MessageInput>;

export const MessageView = z.object({
  id: z.string(),
  body: z.string(),
  sentAt: z.string(),
  /** Who wrote it: a family member (person) or staff; `mine` is true for the caller's own messages. */
  author: z.object({ side: z.enum(['family', 'staff']), name: z.string() }),
  mine: z.boolean(),
});
export type MessageView = z.infer<typeof MessageView>;

export const ThreadSummary = z.object({
  id: z.string(),
  familyId: z.string(),
  subject: z.string(),
  lastMessageAt: z.string(),
  /** Messages from the other side the caller's side has not read. */
  unread: z.number().int(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const ThreadView = ThreadSummary.extend({
  messages: z.array(MessageView),
  abilities: Abilities,
});
export type ThreadView = z.infer<typeof ThreadView>;

export const ThreadList = z.object({ threads: z.array(ThreadSummary), abilities: Abilities });
export type ThreadList = z.infer<typeof ThreadList>;

/** The staff member's notification: unread family messages in the families they are the contact of. */
export const UnreadFamilyMessages = z.object({
  count: z.number().int(),
  threads: z.array(ThreadSummary.extend({ familyName: z.string() })),
});
export type UnreadFamilyMessages = z.infer<typeof UnreadFamilyMessages>;
