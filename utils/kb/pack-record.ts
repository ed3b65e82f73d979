import { z } from 'zod';

/** A team pack installed in this browser (its articles live in `articles` with `source: 'pack'`). */
export const installedPackSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  version: z.string().min(1).max(40),
  /** The URL it is synced from, or null when it was imported from a file. */
  url: z.string().url().nullable(),
  installedAt: z.number().int().nonnegative(),
});
export type InstalledPack = z.infer<typeof installedPackSchema>;
