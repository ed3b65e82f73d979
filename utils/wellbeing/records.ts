import { z } from 'zod';

/** The kinds of wellbeing prompt Seatmate can show. */
export const WELLBEING_KINDS = ['eyes', 'posture', 'hydration', 'voice', 'movement'] as const;

/** What became of a prompt. */
export const WELLBEING_OUTCOMES = ['shown', 'done', 'snoozed', 'skipped'] as const;

/** One row of the `wellbeingEvents` table. */
export const wellbeingEventSchema = z.object({
  id: z.number().int().positive().optional(),
  at: z.number().int().nonnegative(),
  kind: z.enum(WELLBEING_KINDS),
  outcome: z.enum(WELLBEING_OUTCOMES),
});
export type WellbeingEvent = z.infer<typeof wellbeingEventSchema>;
