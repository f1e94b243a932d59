import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

// GitHub renders comments as GitHub Flavored Markdown: raw HTML, autolinked URLs and www. addresses, plus
// its own mentions (@user, @org/team, @everyone-like names) and references (#1, GH-1, owner/repo#1).
const gfm = new MarkdownIt({ html: true, linkify: true });
// GFM autolinks `www.` and scheme URLs, not bare names such as AGENTS.md.
gfm.linkify.set({ fuzzyLink: false });

/** What in `markdown` GitHub would render live — outside code spans and code blocks. Empty when nothing. */
export function liveMarkup(markdown: string, allow: { links?: RegExp; html?: RegExp } = {}): string[] {
  const found: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.children) visit(t.children);
      if (t.type === 'code_inline' || t.type === 'fence' || t.type === 'code_block') continue;
      if (t.type === 'link_open' && !allow.links?.test(t.attrGet('href') ?? ''))
        found.push(`link ${t.attrGet('href')}`);
      if (t.type === 'image') found.push(`image ${t.attrGet('src')}`);
      if ((t.type === 'html_inline' || t.type === 'html_block') && !allow.html?.test(t.content))
        found.push(`html ${t.content.trim()}`);
      if (t.type === 'text') {
        for (const m of t.content.matchAll(/(?<![\w`])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g))
          found.push(`mention ${m[0]}`);
        for (const m of t.content.matchAll(/(?:\b[\w.-]+\/[\w.-]+)?#\d+|\bGH-\d+/gi))
          found.push(`reference ${m[0]}`);
      }
    }
  };
  visit(gfm.parse(markdown, {}));
  return found;
}
