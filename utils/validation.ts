import type { z } from 'zod';

/**
 * Turns zod issues into one readable line that names each bad field by its path, e.g.
 * `articles[3].title: Too small`. Used in every "bad input" error.
 */
export function formatZodIssues(error: z.ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.reduce<string>((acc, key) => {
      if (typeof key === 'number') return `${acc}[${key}]`;
      return acc ? `${acc}.${String(key)}` : String(key);
    }, '');
    return `${path || '(root)'}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
