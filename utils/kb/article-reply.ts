/**
 * Reply and notes: what goes to the customer and what only the agent reads are different things.
 * An article carries `replies` (one or more variants: short for chat, full for e-mail…) and
 * `notes` (eligibility, steps, don'ts). Insert, copy and text expansion use a reply only; the
 * palette shows the notes beside it. An article written before this split has neither; its whole
 * body is inserted, as before, and the KB page marks it so an author can split it.
 *
 * The Markdown convention (Markdown files, and bodies migrated from older versions): a level-2
 * heading `## Reply` (`## 回复`, `## 答复`, `## 客户回复`), optionally with a label
 * (`## Reply: Email`, `## 回复：短`), starts a reply variant; `## Notes` (`## 备注`, `## 内部说明`,
 * `## Internal notes`, `## For the agent`, `## 坐席须知`) starts the notes. Text outside a reply
 * section goes to the notes. A body with no reply heading is left as it is. Pure.
 */

/** One version of the reply (its label may be empty: the only or the default variant). */
export interface ReplyVariant {
  label: string;
  text: string;
}

/** What the agent may send a customer, and what they read for themselves. */
export interface ReplyAndNotes {
  replies: ReplyVariant[];
  notes: string;
}

const REPLY_WORDS = ['reply', 'replies', 'customer reply', 'answer', '回复', '答复', '客户回复', '回复客户'];
const NOTES_WORDS = [
  'notes',
  'note',
  'internal',
  'internal notes',
  'for the agent',
  'agent notes',
  '备注',
  '内部说明',
  '内部备注',
  '坐席须知',
  '坐席说明',
];

/** A `## …` heading of the convention: a reply (with its label) or the notes; null for any other. */
export function conventionHeading(line: string): { kind: 'reply'; label: string } | { kind: 'notes' } | null {
  const m = /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/.exec(line);
  if (!m) return null;
  const [word, ...rest] = m[1]!.split(/[:：]/);
  const name = word!.trim().toLowerCase();
  if (REPLY_WORDS.includes(name)) return { kind: 'reply', label: rest.join(':').trim().slice(0, 40) };
  if (NOTES_WORDS.includes(name) && rest.join('').trim() === '') return { kind: 'notes' };
  return null;
}

/**
 * Splits a Markdown body by the convention. Returns null when the body has no reply heading (an
 * old article: it stays whole). Fenced code blocks are not searched for headings.
 */
export function splitBody(body: string): ReplyAndNotes | null {
  const variants: { label: string; lines: string[] }[] = [];
  // The notes may come in several sections (before, between and after the replies).
  const notes: string[][] = [[]];
  let current = notes[0]!;
  let fenced = false;
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : conventionHeading(line);
    if (heading?.kind === 'reply') {
      const variant = { label: heading.label, lines: [] as string[] };
      variants.push(variant);
      current = variant.lines;
    } else if (heading?.kind === 'notes') {
      current = [];
      notes.push(current);
    } else current.push(line);
  }
  const replies = variants
    .map((v) => ({ label: v.label, text: trimBlock(v.lines.join('\n')) }))
    .filter((v) => v.text.length > 0);
  const noteText = notes
    .map((n) => trimBlock(n.join('\n')))
    .filter(Boolean)
    .join('\n\n');
  return replies.length > 0 ? { replies, notes: noteText } : null;
}

function trimBlock(text: string): string {
  return text.replace(/^\s*\n/, '').replace(/\s+$/, '');
}

/** Writes replies and notes as Markdown by the convention (for Markdown export), headings in `lang`. */
export function joinBody(parts: ReplyAndNotes, lang: string): string {
  const zh = lang.startsWith('zh');
  const blocks = parts.replies.map((v) => {
    const word = zh ? '回复' : 'Reply';
    const head = v.label ? `## ${word}${zh ? '：' : ': '}${v.label}` : `## ${word}`;
    return `${head}\n\n${v.text}`;
  });
  if (parts.notes) blocks.push(`## ${zh ? '备注' : 'Notes'}\n\n${parts.notes}`);
  return blocks.join('\n\n');
}

/** The text an insert of `article` sends (a reply variant, or the whole body of an old article). */
export function insertableText(
  article: { replies: readonly ReplyVariant[]; body: string },
  variant = 0,
): { text: string; whole: boolean } {
  const reply = article.replies[Math.min(Math.max(0, variant), article.replies.length - 1)];
  return reply ? { text: reply.text, whole: false } : { text: article.body, whole: true };
}

/** True for an article whose whole body is inserted (no reply marked yet). */
export function insertsWholeBody(article: { replies: readonly unknown[] }): boolean {
  return article.replies.length === 0;
}

/** A part of a reply an agent can insert on its own: a whole variant, or one of its paragraphs. */
export interface ReplyPart {
  /** The variant it belongs to. */
  variant: number;
  /** `whole` for the variant itself, else the paragraph's position in it. */
  paragraph: number | 'whole';
  text: string;
}

/**
 * The parts the preview offers, in order: each variant as a whole, then its paragraphs (when it
 * has more than one). A list counts as one paragraph with its items.
 */
export function replyParts(replies: readonly ReplyVariant[]): ReplyPart[] {
  const out: ReplyPart[] = [];
  replies.forEach((v, variant) => {
    out.push({ variant, paragraph: 'whole', text: v.text });
    const paragraphs = v.text
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paragraphs.length > 1) paragraphs.forEach((text, paragraph) => out.push({ variant, paragraph, text }));
  });
  return out;
}

/** What the preview pane offers to insert on its own, in order. */
export interface InsertablePart {
  /** `reply`: a whole variant; `paragraph`: one paragraph of it; `line`: a script line. */
  kind: 'reply' | 'paragraph' | 'line';
  /** The variant's label, or the step's title for a script line. */
  label: string;
  text: string;
}

/**
 * Every part of `article` an agent may insert by itself: each reply variant, its paragraphs
 * (when it has more than one), then each script line. An older article with no marked reply
 * offers its whole body and its paragraphs instead. Notes are never offered.
 */
export function insertableParts(article: {
  replies: readonly ReplyVariant[];
  body: string;
  steps: readonly { title: string; lines: readonly { text: string }[] }[];
}): InsertablePart[] {
  const variants: ReplyVariant[] =
    article.replies.length > 0 ? [...article.replies] : article.body ? [{ label: '', text: article.body }] : [];
  const out: InsertablePart[] = replyParts(variants).map((p) => ({
    kind: p.paragraph === 'whole' ? 'reply' : 'paragraph',
    label: variants[p.variant]!.label,
    text: p.text,
  }));
  for (const step of article.steps)
    for (const line of step.lines) out.push({ kind: 'line', label: step.title, text: line.text });
  return out;
}
