import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Renders an article body (Markdown) to sanitised HTML for display in extension pages. Article
 * bodies can come from packs and imports, so everything passes through DOMPurify: no scripts, no
 * event handlers, no forms.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] });
}
