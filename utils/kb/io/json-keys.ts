/**
 * Duplicate keys in JSON: `JSON.parse` silently keeps the last of `{"title": "A", "title": "B"}`,
 * so a file can say two things and be read as one of them. This scanner finds them, with where
 * they are, so importers can say so (or refuse). Linear, iterative (no recursion, whatever the
 * nesting), for text that `JSON.parse` has already accepted.
 */

/** A key that appears more than once in one object. */
export interface DuplicateKey {
  /** Path of the object holding it: `['articles', 3]` for `articles[3]`. */
  path: (string | number)[];
  key: string;
  /** 1-based line of the repeated occurrence. */
  line: number;
}

interface Frame {
  kind: 'object' | 'array';
  /** Keys seen so far (objects only). */
  keys: Set<string> | null;
  /** Object: the key whose value comes next; array: the index of the next item. */
  key: string | null;
  index: number;
  expectKey: boolean;
}

/** A path as text: `articles[3].title`. */
export function jsonPathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Finds repeated keys (at most `max`) in valid JSON `text`, in the order they appear. */
export function findDuplicateKeys(text: string, max = 20): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let line = 1;
  // A frame's path is its ancestors' current keys and indices: built only when a duplicate is
  // found, so deep nesting costs memory in proportion to its depth, not its square.
  const pathOf = (depth: number): (string | number)[] =>
    stack.slice(0, depth).map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index));
  for (let i = 0; i < text.length && found.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      continue;
    }
    const top = stack[stack.length - 1];
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        stack.push({
          kind: c === 0x7b ? 'object' : 'array',
          keys: c === 0x7b ? new Set() : null,
          key: null,
          index: 0,
          expectKey: c === 0x7b,
        });
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: // ,
        if (top?.kind === 'object') top.expectKey = true;
        else if (top) top.index++;
        break;
      case 0x22: {
        // "…": find the closing quote, skipping escapes.
        let end = i + 1;
        let escaped = false;
        while (end < text.length) {
          const d = text.charCodeAt(end);
          if (escaped) escaped = false;
          else if (d === 0x5c) escaped = true;
          else if (d === 0x22) break;
          end++;
        }
        if (top?.kind === 'object' && top.expectKey) {
          const raw = text.slice(i, end + 1);
          const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          if (top.keys!.has(key)) found.push({ path: pathOf(stack.length - 1), key, line });
          top.keys!.add(key);
          top.key = key;
          top.expectKey = false;
        }
        i = end;
        break;
      }
      default:
        break;
    }
  }
  return found;
}
