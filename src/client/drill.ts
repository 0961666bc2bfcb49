// The drill page's script. Everything here is an enhancement: without JavaScript the page shows
// the deadline, posts the plain textarea and reloads for hints, drafts and runs.
import { readLocalDraft, removeLocalDraft, writeLocalDraft } from './drafts';
import { type CodeEditor, createCodeEditor } from './editor';
import { setUpHints } from './hints';
import { postForm } from './http';
import { setUpRunner } from './run';
import { startCountdown } from './timer';

const MAX_CODE_LENGTH = 100_000;
const AUTOSAVE_MS = 5000;

function main() {
  const root = document.querySelector<HTMLElement>('.drill');
  const form = document.getElementById('answer-form') as HTMLFormElement | null;
  const code = document.getElementById('code') as HTMLTextAreaElement | null;
  const notes = document.getElementById('notes') as HTMLTextAreaElement | null;
  if (!root || !form || !code || !notes) return;
  const attemptId = root.dataset.attempt ?? '';

  const timer = root.querySelector<HTMLElement>('.timer');
  const clock = document.getElementById('clock');
  if (timer && clock) startCountdown(timer, clock);

  const status = document.getElementById('draft-status');
  // A local copy keeps what was typed since the last autosave (a closed tab, a reload, a lost
  // connection): when the server never confirmed it, it wins over the server's older draft.
  let dirty = false;
  const local = readLocalDraft(attemptId);
  if (local && !local.synced && (local.code !== code.value || local.notes !== notes.value)) {
    code.value = local.code;
    notes.value = local.notes;
    dirty = true;
    if (status) status.textContent = 'Restored the changes this browser had not saved yet; they are saved in a moment.';
  }

  const fields = () => ({ _csrf: root.dataset.csrf ?? '', code: code.value, notes: notes.value });
  const markDirty = () => {
    dirty = true;
    writeLocalDraft(attemptId, { code: code.value, notes: notes.value, synced: false });
  };
  /** The server stored `sent`: still dirty if something was typed while it was on its way. */
  const savedNow = (sent: { code: string; notes: string }) => {
    dirty = sent.code !== code.value || sent.notes !== notes.value;
    if (!dirty) writeLocalDraft(attemptId, { ...sent, synced: true });
    if (status) status.textContent = `Draft saved at ${new Date().toLocaleTimeString()}`;
  };

  let saving = false;
  async function save(force = false) {
    if ((!dirty && !force) || saving) return;
    saving = true;
    dirty = false;
    const sent = fields();
    try {
      const res = await postForm(`/attempts/${attemptId}/draft`, sent);
      if (res.ok) savedNow(sent);
      else {
        dirty = true;
        if (status) status.textContent = `Draft not saved (${res.status})`;
      }
    } catch {
      dirty = true;
      if (status) status.textContent = 'Offline: draft kept in this browser, will retry';
    }
    saving = false;
  }
  setInterval(save, AUTOSAVE_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void save();
  });
  notes.addEventListener('input', markDirty);

  const editor: CodeEditor = createCodeEditor({
    textarea: code,
    labelId: 'code-label',
    describedById: 'editor-help',
    maxLength: MAX_CODE_LENGTH,
    onChange: markDirty,
  });
  const help = document.getElementById('editor-help');
  if (help) help.hidden = false;

  const reset = document.getElementById('reset-starter') as HTMLButtonElement | null;
  const starter = (document.getElementById('starter-code') as HTMLTemplateElement | null)?.content.textContent ?? '';
  if (reset) {
    reset.hidden = false;
    reset.addEventListener('click', () => {
      const current = editor.view.state.doc.toString();
      if (current === starter) return editor.view.focus();
      if (
        current.trim() !== '' &&
        !window.confirm('Replace your code with the starter code? Undo (Ctrl+Z) brings it back.')
      )
        return;
      editor.replace(starter);
    });
  }

  // Enter in the notes submits the answer, as in every other field of the form (Shift+Enter adds a line).
  const notesHelp = document.getElementById('notes-help');
  if (notesHelp) {
    notesHelp.hidden = false;
    notes.setAttribute('aria-describedby', notesHelp.id);
  }
  const submitButton = document.getElementById('submit-answer') as HTMLButtonElement | null;
  notes.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing)
      return;
    event.preventDefault();
    form.requestSubmit(submitButton ?? undefined);
  });

  const hints = setUpHints({ root, fields, onSaved: savedNow });
  const runButton = document.getElementById('run-examples') as HTMLButtonElement | null;
  const runner = setUpRunner({ root, button: runButton, fields });

  form.addEventListener('submit', (event) => {
    const submitter = event.submitter;
    if (submitter?.id === 'reveal-hint') {
      event.preventDefault();
      void hints.reveal(submitter as HTMLButtonElement);
    } else if (submitter?.id === 'run-examples') {
      event.preventDefault();
      void runner.run();
    } else if (submitter?.id === 'save-draft') {
      event.preventDefault();
      void save(true);
    } else {
      removeLocalDraft(attemptId);
    }
  });
}

main();
