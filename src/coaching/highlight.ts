import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';

// Only Python is registered: answers are Python, and the full bundle would load 190 grammars.
hljs.registerLanguage('python', python);

/** Highlighted HTML for a submitted answer; highlight.js escapes the source itself. */
export function highlightPython(code: string): string {
  return hljs.highlight(code, { language: 'python', ignoreIllegals: true }).value;
}
