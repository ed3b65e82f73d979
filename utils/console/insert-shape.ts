import { Lexer, type Token, type Tokens } from 'marked';
import { fillPlaceholders, fillPlaceholdersHtml, type PlaceholderValues } from '../kb/placeholders';
import { markdownToPlainText } from '../kb/plain-text';

/**
 * What an insert carries: the article's reply as plain text (for native fields, and as the
 * `text/plain` of a paste) and as HTML (for rich-text editors), both made from the Markdown here.
 * Pure; runs in Node.
 *
 * The HTML is tight and small, in the shapes every rich-text editor's paste handling maps onto its
 * own structures: `<p>` paragraphs, `<h1>`–`<h6>`, `<ul>`/`<ol>` with `<li>` that hold inline
 * content directly (no `<p>` inside an item, no whitespace text between tags — Quill dropped list
 * items and ran numbered steps together on looser markup), nested lists inside their item, `<br>`
 * line breaks, `<strong>`, `<em>`, `<s>`, `<code>`, and `<a href>` for http(s), mailto and tel
 * links only. Raw HTML in the Markdown is dropped, text is escaped, tables become one paragraph per
 * row, rules are dropped. The plain text keeps list markers (`• `, `1. `).
 */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescapeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Link targets an inserted reply may carry. */
function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return /^(https?:|mailto:|tel:)/i.test(trimmed) ? trimmed : null;
}

function inline(tokens: readonly Token[] | undefined, fallback = ''): string {
  if (!tokens) return escapeHtml(unescapeEntities(fallback));
  return tokens.map(inlineToken).join('');
}

function inlineToken(t: Token): string {
  switch (t.type) {
    case 'strong':
      return `<strong>${inline((t as Tokens.Strong).tokens)}</strong>`;
    case 'em':
      return `<em>${inline((t as Tokens.Em).tokens)}</em>`;
    case 'del':
      return `<s>${inline((t as Tokens.Del).tokens)}</s>`;
    case 'codespan':
      return `<code>${escapeHtml(unescapeEntities((t as Tokens.Codespan).text))}</code>`;
    case 'br':
      return '<br>';
    case 'link': {
      const link = t as Tokens.Link;
      const href = safeHref(link.href);
      const body = inline(link.tokens, link.text);
      return href ? `<a href="${escapeHtml(href)}">${body}</a>` : body;
    }
    case 'image':
      return escapeHtml((t as Tokens.Image).text);
    case 'html':
      return '';
    default: {
      const withTokens = t as { tokens?: Token[]; text?: string };
      if (withTokens.tokens) return inline(withTokens.tokens);
      return escapeHtml(unescapeEntities(typeof withTokens.text === 'string' ? withTokens.text : t.raw));
    }
  }
}

function listItem(item: Tokens.ListItem): string {
  // A tight item holds `text` tokens; a loose one holds paragraphs: both become inline lines.
  const lines: string[] = [];
  let nested = '';
  for (const t of item.tokens) {
    if (t.type === 'list') nested += block(t);
    else if (t.type === 'text' || t.type === 'paragraph') {
      lines.push(inline((t as Tokens.Text).tokens, (t as Tokens.Text).text));
    } else if (t.type !== 'space') {
      const inner = block(t).replace(/^<p>|<\/p>$/g, '');
      if (inner) lines.push(inner);
    }
  }
  return `<li>${lines.join('<br>')}${nested}</li>`;
}

function block(token: Token): string {
  switch (token.type) {
    case 'paragraph':
      return `<p>${inline((token as Tokens.Paragraph).tokens)}</p>`;
    case 'heading': {
      const h = token as Tokens.Heading;
      const depth = Math.min(6, Math.max(1, h.depth));
      return `<h${depth}>${inline(h.tokens)}</h${depth}>`;
    }
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map(listItem).join('');
      if (!list.ordered) return `<ul>${items}</ul>`;
      const start = typeof list.start === 'number' && list.start !== 1 ? ` start="${list.start}"` : '';
      return `<ol${start}>${items}</ol>`;
    }
    case 'blockquote':
      return `<blockquote>${(token as Tokens.Blockquote).tokens.map(block).join('')}</blockquote>`;
    case 'code':
      return `<pre>${escapeHtml((token as Tokens.Code).text)}</pre>`;
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => `<p>${cells.map((c) => inline(c.tokens, c.text)).join(' | ')}</p>`;
      return [row(table.header), ...table.rows.map(row)].join('');
    }
    case 'text': {
      const text = token as Tokens.Text;
      return `<p>${inline(text.tokens, text.text)}</p>`;
    }
    default:
      // space, hr, html, def: nothing to insert.
      return '';
  }
}

/** The article's Markdown as tight insert HTML (see the module comment). */
export function markdownToInsertHtml(markdown: string): string {
  return new Lexer({ gfm: true, breaks: true })
    .lex(markdown)
    .map(block)
    .filter((html) => html !== '' && html !== '<p></p>')
    .join('');
}

/** The text and HTML to insert for an article body, with its placeholders filled. */
export function shapeInsert(markdown: string, values: PlaceholderValues): { text: string; html: string } {
  return {
    text: fillPlaceholders(markdownToPlainText(markdown), values),
    html: fillPlaceholdersHtml(markdownToInsertHtml(markdown), values),
  };
}
