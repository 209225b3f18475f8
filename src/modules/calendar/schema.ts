import { z } from 'zod';

/** The user's calendar subscription. `url` is only present in the answer that created it: afterwards only its hash exists. */
export const FeedSubscription = z.object({
  active: z.boolean(),
  url: z.string().nullable(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type FeedSubscription = z.infer<typeof FeedSubscription>;

export const FeedParams = z.object({ file: z.string().max(200) });
