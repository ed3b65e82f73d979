import * as v from 'valibot';
import { z } from 'zod';

/**
 * Lets a zod schema embed a valibot one. The schemas the console content script shares with the
 * rest of the extension are defined once in valibot (utils/console/: page rules, the hotkey, the
 * console messages and replies, the console settings fields; zod would not fit the content
 * script's size bar); the zod schemas that contain them (settings, team packs, messages) embed
 * them with {@link fromValibot}.
 *
 * Issues come back as zod issues with the same path, code and wording zod itself would give for
 * the same rule (`Too small: expected string to have >=1 characters`, …), and a schema's own
 * message where it has one, so errors that name the bad field (pack import, settings) read as
 * before.
 */
export function fromValibot<S extends v.GenericSchema>(schema: S) {
  // `optional()` only so that zod hands a missing key to the valibot schema, which decides
  // (a fallback fills it in, a required field reports it).
  return z
    .unknown()
    .optional()
    .transform((input, ctx): v.InferOutput<S> => {
      const r = v.safeParse(schema, input);
      if (r.success) return r.output;
      for (const issue of r.issues) ctx.addIssue(zodIssue(schema, issue));
      return z.NEVER;
    });
}

type RawIssue = Parameters<z.RefinementCtx['addIssue']>[0] & object;

/** Valibot's default messages start so; a message of our own never does. */
const DEFAULT_MESSAGE = /^Invalid [a-z ]+: (Expected|Received) /;

/** A schema's parts, as far as finding the schema of a field needs them. */
interface Parts {
  type: string;
  entries?: Record<string, Parts>;
  item?: Parts;
  wrapped?: Parts;
  options?: readonly unknown[];
  key?: string;
}

/** The schema at `path` below `root` (through objects, lists, optionals and variants), if found. */
function schemaAt(root: v.GenericSchema, path: readonly v.IssuePathItem[]): Parts | undefined {
  let at: Parts | undefined = root as unknown as Parts;
  for (const item of path) {
    while (at?.wrapped) at = at.wrapped;
    if (at?.type === 'variant') {
      const key: string = at.key ?? '';
      const value = (item.input as Record<string, unknown>)[key];
      const options = (at.options ?? []) as Parts[];
      at = options.find((o) => (o.entries?.[key] as { literal?: unknown } | undefined)?.literal === value);
    }
    at = at?.type === 'array' ? at.item : at?.entries?.[String(item.key)];
  }
  while (at?.wrapped) at = at.wrapped;
  return at;
}

/** `("a" | "b")` or `"a" | "b"` (valibot's wording of allowed values) as the values. */
function listed(expected: string | null): string[] {
  return (expected ?? '')
    .replace(/^\((.*)\)$/, '$1')
    .split(' | ')
    .map((s): string => {
      try {
        return String(JSON.parse(s));
      } catch {
        return s;
      }
    });
}

/** The zod issue for a valibot issue (zod words the message, unless the schema gave its own). */
function zodIssue(root: v.GenericSchema, issue: v.BaseIssue<unknown>): RawIssue {
  const path = (issue.path ?? []).map((item) => item.key as PropertyKey);
  const input = issue.input;
  const base = { path, input };
  // A missing key: zod names what the field expects.
  if (issue.type === 'object' && input === undefined && issue.path?.length) {
    const field = schemaAt(root, issue.path);
    if (field?.type === 'picklist') return { ...base, code: 'invalid_value', values: field.options as string[] };
    return { ...base, code: 'invalid_type', expected: (field?.type ?? 'unknown') as 'string' };
  }
  const custom = (): RawIssue => ({ ...base, code: 'custom', message: issue.message });
  if (issue.type === 'runnable_pattern') return { ...custom(), params: { refusal: issue.requirement } };
  if (!DEFAULT_MESSAGE.test(issue.message)) return custom();
  const origin = Array.isArray(input) ? 'array' : typeof input === 'number' ? 'number' : 'string';
  const limit = Number(issue.requirement);
  switch (issue.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'object':
    case 'array':
      return { ...base, code: 'invalid_type', expected: issue.type };
    case 'integer':
      return { ...base, code: 'invalid_type', expected: 'int' };
    case 'min_length':
    case 'min_value':
      return { ...base, code: 'too_small', origin, minimum: limit, inclusive: true };
    case 'max_length':
    case 'max_value':
      return { ...base, code: 'too_big', origin, maximum: limit, inclusive: true };
    case 'regex':
      return {
        path,
        input: String(input),
        code: 'invalid_format',
        format: 'regex',
        pattern: String(issue.requirement),
      };
    case 'picklist':
    case 'literal':
      return { ...base, code: 'invalid_value', values: listed(issue.expected) };
    case 'variant':
      return { ...base, code: 'invalid_union', errors: [[]], options: listed(issue.expected) };
    default:
      return custom();
  }
}
