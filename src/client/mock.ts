// The mock page's script. Without JavaScript every question shows one after another, each with
// its own form; with it, tabs switch between them, code and notes autosave every 2 s (the coach's
// live view shows what was saved), "Run examples" renders in place, and the page reloads when the
// server's clock runs out (the server then submits everything as it stands).
import renderRunResults from '../../views/drills/_run-results.ejs';
import { lineDiff } from '../shared/line-diff';
import { readLocalDraft, removeLocalDraft, writeLocalDraft } from './drafts';
import { createCodeEditor } from './editor';
import { errorOf, postForm } from './http';
import { startCountdown } from './timer';

const MAX_CODE_LENGTH = 100_000;
const AUTOSAVE_MS = 2000;

type Question = {
  position: number;
  attemptId: string;
  panel: HTMLElement;
  code: HTMLTextAreaElement | null;
  dirty: boolean;
};

function main() {
  const root = document.querySelector<HTMLElement>('.mock-round');
  if (!root) return;
  const mockId = root.dataset.mock ?? '';
  const csrf = root.dataset.csrf ?? '';
  const notes = document.getElementById('mock-notes') as HTMLTextAreaElement | null;
  const status = document.getElementById('draft-status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  const questions: Question[] = [...root.querySelectorAll<HTMLElement>('.mock-question')].map((panel) => ({
    position: Number(panel.dataset.position),
    attemptId: panel.dataset.attempt ?? '',
    panel,
    code: panel.querySelector<HTMLTextAreaElement>('textarea[name="code"]'),
    dirty: false,
  }));
  let active = Number(root.dataset.active ?? 0);
  // The open tab as the server last heard it: a switch is sent even when nothing was typed.
  let sentActive = active;
  let notesDirty = false;
  const notesKey = `mock-${mockId}-notes`;

  // Restore what this browser typed after the server's last confirmed save (a crash, a reload).
  for (const q of questions) {
    if (!q.code) continue;
    const local = readLocalDraft(q.attemptId);
    if (local && !local.synced && local.code !== q.code.value) {
      q.code.value = local.code;
      q.dirty = true;
      say('Restored the changes this browser had not saved yet; they are saved in a moment.');
    }
  }
  if (notes) {
    const local = readLocalDraft(notesKey);
    if (local && !local.synced && local.notes !== notes.value) {
      notes.value = local.notes;
      notesDirty = true;
    }
    notes.addEventListener('input', () => {
      notesDirty = true;
      writeLocalDraft(notesKey, { code: '', notes: notes.value, synced: false });
    });
  }

  for (const q of questions) {
    const textarea = q.code;
    if (!textarea) continue;
    createCodeEditor({
      textarea,
      labelId: `code-label-${q.position}`,
      describedById: `editor-help-${q.position}`,
      maxLength: MAX_CODE_LENGTH,
      onChange: () => {
        q.dirty = true;
        writeLocalDraft(q.attemptId, { code: textarea.value, notes: '', synced: false });
      },
    });
    const help = document.getElementById(`editor-help-${q.position}`);
    if (help) help.hidden = false;
  }

  let saving = false;
  /** Saves every question typed in since the last save, and the notes with the open one. */
  async function save(force = false): Promise<boolean> {
    if (saving) return false;
    saving = true;
    let ok = true;
    try {
      const current = questions.find((q) => q.position === active);
      const batch = questions.filter((q) => q.code && (q.dirty || (force && q === current)));
      if (batch.length === 0 && (notesDirty || force || active !== sentActive) && current) batch.push(current);
      for (const q of batch) {
        const sentCode = q.code?.value ?? '';
        const sentNotes = notes?.value;
        const sentNotesDirty = notesDirty;
        q.dirty = false;
        notesDirty = false;
        const fields: Record<string, string> = {
          _csrf: csrf,
          position: String(q.position),
          active: String(active),
          code: sentCode,
        };
        if (sentNotes !== undefined) fields.notes = sentNotes;
        try {
          const res = await postForm(`/mocks/${mockId}/draft`, fields);
          if (res.ok) {
            sentActive = Number(fields.active);
            if (q.code?.value === sentCode) writeLocalDraft(q.attemptId, { code: sentCode, notes: '', synced: true });
            else q.dirty = true;
            if (notes && notes.value === sentNotes)
              writeLocalDraft(notesKey, { code: '', notes: sentNotes, synced: true });
            else if (sentNotesDirty) notesDirty = true;
            say(`Saved at ${new Date().toLocaleTimeString()}`);
          } else {
            q.dirty = true;
            notesDirty = notesDirty || sentNotesDirty;
            ok = false;
            const error = errorOf(res.body);
            if (error?.code === 'mocks.not_running') {
              say('This mock has ended.');
              window.location.assign(`/mocks/${mockId}`);
              return false;
            }
            say(error?.message || `Not saved (${res.status}); kept in this browser`);
          }
        } catch {
          q.dirty = true;
          notesDirty = notesDirty || sentNotesDirty;
          ok = false;
          say('Offline: kept in this browser, will retry');
        }
      }
    } finally {
      saving = false;
    }
    return ok;
  }
  setInterval(() => void save(), AUTOSAVE_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void save();
  });

  // Tabs (WAI-ARIA tabs pattern: arrow keys move between them, one tab stop).
  const tablist = root.querySelector<HTMLElement>('[role="tablist"]');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const show = (position: number, focus = false) => {
    for (const q of questions) q.panel.hidden = q.position !== position;
    for (const [i, tab] of tabs.entries()) {
      const selected = questions[i]?.position === position;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) tab.focus();
    }
    if (position !== active) {
      active = position;
      // The switch is stamped by the server with the save of the newly open question.
      void save(true);
    }
  };
  if (tablist && questions.length > 1) {
    tablist.hidden = false;
    for (const q of questions) q.panel.setAttribute('aria-labelledby', `tab-${q.position}`);
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => show(questions[i]?.position ?? 0));
      tab.addEventListener('keydown', (event) => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        const next = questions[(i + step + questions.length) % questions.length];
        if (next) show(next.position, true);
      });
    });
    for (const q of questions) q.panel.hidden = q.position !== active;
  }

  // Run examples in place; Save draft without a reload; submit keeps nothing in local storage.
  for (const q of questions) {
    const form = q.panel.querySelector<HTMLFormElement>('form.mock-answer');
    if (!form) continue;
    const runStatus = q.panel.querySelector<HTMLElement>('.run-status');
    const results = q.panel.querySelector<HTMLElement>('.run-results');
    form.addEventListener('submit', (event) => {
      const submitter = event.submitter as HTMLButtonElement | null;
      if (submitter?.classList.contains('run-examples')) {
        event.preventDefault();
        void run(q, submitter, runStatus, results);
      } else if (submitter?.classList.contains('save-draft')) {
        event.preventDefault();
        q.dirty = true;
        void save();
      } else {
        removeLocalDraft(q.attemptId);
      }
    });
  }

  async function run(
    q: Question,
    button: HTMLButtonElement,
    runStatus: HTMLElement | null,
    results: HTMLElement | null,
  ) {
    if (button.disabled || !q.code) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    if (runStatus) runStatus.textContent = 'Running your code against the examples…';
    try {
      const res = await postForm(`/mocks/${mockId}/questions/${q.position}/run`, { _csrf: csrf, code: q.code.value });
      const body = res.body as { run?: { passed: number; total: number; cases: unknown[] } } | null;
      if (res.ok && body?.run && results) {
        results.innerHTML = renderRunResults({ run: body.run, lineDiff });
        if (runStatus) runStatus.textContent = results.querySelector('.run-summary')?.textContent?.trim() ?? '';
        return;
      }
      const error = errorOf(res.body);
      if (runStatus)
        runStatus.textContent = error?.message || `The run failed (${res.status}). Your code is unchanged.`;
    } catch {
      if (runStatus) runStatus.textContent = 'Could not reach the server. Your code is unchanged; try again.';
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  document.getElementById('notes-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    notesDirty = true;
    void save();
  });
  document.getElementById('finish-form')?.addEventListener('submit', (event) => {
    // Everything typed reaches the server before the round ends.
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void save().finally(() => form.submit());
  });

  // When the clock runs out: save what is typed, then reload (the server ends the round).
  const timer = root.querySelector<HTMLElement>('.timer');
  const clock = document.getElementById('clock');
  if (timer && clock) startCountdown(timer, clock);
  const started = performance.now();
  const remaining = Number(timer?.dataset.remaining ?? 'NaN');
  if (Number.isFinite(remaining)) {
    let ending = false;
    const check = async () => {
      const left = remaining - (performance.now() - started) / 1000;
      if (ending || left > 0) return;
      ending = true;
      say('Time is up: saving and submitting…');
      for (const q of questions) if (q.code) q.dirty = true;
      await save();
      // A moment past the end by the server's clock too, then the page shows the scorecard.
      setTimeout(() => window.location.assign(`/mocks/${mockId}`), 1000);
    };
    setInterval(() => void check(), 500);
  }
}

main();
