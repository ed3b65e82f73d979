import { z } from 'zod';

/** Feedback categories an agent can choose from. */
export const FEEDBACK_CATEGORIES = ['workload', 'tools', 'process', 'health', 'team', 'other'] as const;

/** Lifecycle of a piece of feedback in the agent's own browser. */
export const FEEDBACK_STATUSES = ['draft', 'ready', 'exported', 'delivered'] as const;

/**
 * A piece of feedback as the agent's browser keeps it. `day` is the only time kept (YYYY-MM-DD);
 * `replyToken` is a random value that lets a manager's reply find its way back without naming
 * the writer.
 */
export const feedbackSchema = z.object({
  id: z.string().uuid(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string().trim().min(1).max(5000),
  status: z.enum(FEEDBACK_STATUSES),
  replyToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** A manager's answer to anonymous feedback, matched to it by `replyToken`. */
export const replySchema = z.object({
  id: z.string().min(1).max(64),
  replyToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  body: z.string().trim().min(1).max(10_000),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  read: z.boolean(),
});
export type Reply = z.infer<typeof replySchema>;
