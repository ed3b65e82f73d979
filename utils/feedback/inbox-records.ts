import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { isoDateSchema } from '../kb/article';
import { exportItemSchema, kbGapShareSchema, moodShareSchema } from './export-format';
import type { ReplyStatus } from './records';
import { answerIdSchema } from './replies-format';

/**
 * What the manager's inbox keeps (the `inboxItems` and `inboxShares` tables): the imported items
 * as they came, plus the manager's own workflow (status, answers). Nothing records which file an
 * item came from: once merged, items from different agents' files are indistinguishable.
 */

/** The manager's status for an item. */
export const INBOX_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Labels of the manager's statuses. */
export const INBOX_STATUS_LABELS: Record<InboxStatus, MessageKey> = {
  new: 'feedback.inboxStatuses.new',
  in_progress: 'feedback.inboxStatuses.inProgress',
  answered: 'feedback.inboxStatuses.answered',
  closed: 'feedback.inboxStatuses.closed',
};

/** Labels of the statuses the agent sees. */
export const REPLY_STATUS_LABELS: Record<ReplyStatus, MessageKey> = {
  received: 'feedback.replyStatuses.received',
  in_progress: 'feedback.replyStatuses.inProgress',
  answered: 'feedback.replyStatuses.answered',
  closed: 'feedback.replyStatuses.closed',
};

/** What the agent is told for each manager status. */
export const AGENT_STATUS: Record<InboxStatus, ReplyStatus> = {
  new: 'received',
  in_progress: 'in_progress',
  answered: 'answered',
  closed: 'closed',
};

/** One written answer, with the manager's own time (for the loop figures; never exported as such). */
export const inboxAnswerSchema = z.object({
  id: answerIdSchema,
  body: z.string().trim().min(1).max(10_000),
  /** The manager's local day it was written (published). */
  day: isoDateSchema,
  /** ms since epoch it was first written. */
  at: z.number().int().nonnegative(),
});
export type InboxAnswer = z.infer<typeof inboxAnswerSchema>;

/** An imported item with the manager's workflow. */
export const inboxItemSchema = exportItemSchema.extend({
  status: z.enum(INBOX_STATUSES),
  /** When the manager imported it (ms; the start of "days to answer"). */
  receivedAt: z.number().int().nonnegative(),
  /** When the status last changed (ms). */
  statusAt: z.number().int().nonnegative(),
  /** The manager's local day of that change, published with the status. */
  statusDay: isoDateSchema,
  answers: z.array(inboxAnswerSchema).max(50),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

/** An imported optional section (one agent's week of mood counts or KB gaps). */
export const inboxShareSchema = z.discriminatedUnion('kind', [
  moodShareSchema.extend({ kind: z.literal('mood') }),
  kbGapShareSchema.extend({ kind: z.literal('kbGaps') }),
]);
export type InboxShare = z.infer<typeof inboxShareSchema>;
