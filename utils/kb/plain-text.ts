import { Lexer, type Token, type Tokens } from 'marked';

/**
 * The text an agent inserts into a reply field: the article's Markdown with its markup taken out
 * (bold, links, headings), lists kept as `• item` / `1. item`, paragraphs separated by a blank line.
 */
export function markdownToPlainText(markdown: string): string {
  const blocks = new Lexer().lex(markdown);
  return blocks
    .map(blockText)
    .filter((t) => t.length > 0)
    .join('\n\n')
    .trim();
}

function inlineText(tokens: Token[] | undefined, fallback = ''): string {
  if (!tokens) return fallback;
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'br':
          return '\n';
        case 'image':
          return (t as Tokens.Image).text;
        case 'html':
          return '';
        default:
          return 'tokens' in t && t.tokens
            ? inlineText(t.tokens)
            : unescapeEntities('text' in t ? String(t.text) : t.raw);
      }
    })
    .join('');
}

function blockText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'html':
      return '';
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => {
          const body = item.tokens
            .map((t) =>
              t.type === 'text' ? inlineText((t as Tokens.Text).tokens, (t as Tokens.Text).text) : blockText(t),
            )
            .filter(Boolean)
            .join('\n');
          return `${list.ordered ? `${start + i}.` : '•'} ${body}`;
        })
        .join('\n');
    }
    case 'code':
      return (token as Tokens.Code).text;
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(blockText).filter(Boolean).join('\n\n');
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens, c.text)).join('\t');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    default:
      return 'tokens' in token && token.tokens
        ? inlineText(token.tokens)
        : unescapeEntities('text' in token ? String(token.text) : token.raw);
  }
}

function unescapeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
