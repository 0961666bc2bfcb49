import MarkdownIt from 'markdown-it';

// Raw HTML is off: question files and feedback are Markdown only, so a file or a
// comment can never inject script into a page.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && /^https?:/i.test(String(token.attrGet('href') ?? ''))) {
    token.attrSet('rel', 'noopener noreferrer');
    token.attrSet('target', '_blank');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

let renders = 0;

/**
 * How many times Markdown has been rendered in this process. Feedback is rendered once when it is
 * written; tests read this to prove a thread page renders none (200 long replies rendered on
 * every view once stalled the whole server).
 */
export function markdownRenderCount(): number {
  return renders;
}

// Code blocks scroll sideways on narrow screens: make them focusable so keyboard users can scroll.
export function renderMarkdown(source: string): string {
  renders++;
  return md.render(source).replaceAll('<pre>', '<pre tabindex="0">');
}

export function renderMarkdownInline(source: string): string {
  return md.renderInline(source);
}
