import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';

export type CodeEditor = {
  view: EditorView;
  /** Replaces the whole text as one undoable change. */
  replace: (text: string) => void;
};

const theme = EditorView.theme({
  '&': {
    border: '1px solid #b7c0cc',
    borderRadius: '6px',
    background: '#fbfcfe',
    fontSize: '.9rem',
    // Grows with the code up to most of the screen, then scrolls inside (as do long lines).
    maxHeight: '70vh',
  },
  '&.cm-focused': { outline: '3px solid #7fb0ff', outlineOffset: '2px' },
  '.cm-scroller': {
    overflow: 'auto',
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    lineHeight: '1.5',
  },
  '.cm-content, .cm-gutter': { minHeight: '18em' },
  // The default grey line numbers fail the contrast check.
  '.cm-gutters': { background: '#f1f4f8', color: '#4b5563', borderRight: '1px solid #d9dee5' },
  '.cm-activeLine': { background: '#eef4ff' },
  '.cm-activeLineGutter': { background: '#dfe8f7', color: '#1b1f24' },
});

/**
 * A CodeMirror editor in place of the answer textarea. The textarea stays in the form (hidden)
 * and gets every change, so posting, drafts and autosave read it exactly as without JavaScript.
 */
export function createCodeEditor({
  textarea,
  labelId,
  describedById,
  maxLength,
  onChange,
}: {
  textarea: HTMLTextAreaElement;
  labelId: string;
  describedById: string;
  maxLength: number;
  onChange: () => void;
}): CodeEditor {
  const host = document.createElement('div');
  host.className = 'code-editor';
  textarea.insertAdjacentElement('afterend', host);
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        // Tab indents; Esc then Tab still leaves the editor (CodeMirror's built-in tab-focus mode).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // As the textarea's maxlength: the server refuses longer code.
        EditorState.transactionFilter.of((tr) => (tr.docChanged && tr.newDoc.length > maxLength ? [] : tr)),
        EditorView.contentAttributes.of({
          'aria-labelledby': labelId,
          'aria-describedby': describedById,
          spellcheck: 'false',
          autocapitalize: 'off',
          autocorrect: 'off',
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          onChange();
        }),
        theme,
      ],
    }),
  });
  textarea.hidden = true;
  // The label points at the hidden textarea: send its clicks to the editor.
  document.getElementById(labelId)?.addEventListener('click', (event) => {
    event.preventDefault();
    view.focus();
  });
  return {
    view,
    replace(text: string) {
      // Its own undo step, even right after typing (history would otherwise merge them).
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: 0 },
        annotations: isolateHistory.of('full'),
      });
      view.focus();
    },
  };
}
