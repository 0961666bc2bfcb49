import renderRunResults from '../../views/drills/_run-results.ejs';
import { lineDiff } from '../shared/line-diff';
import { errorOf, postForm } from './http';

type Run = { passed: number; total: number; cases: unknown[] };

const UNAVAILABLE = 'Running code is unavailable on this server; mark your outcome yourself.';

function isRun(value: unknown): value is Run {
  if (typeof value !== 'object' || value === null) return false;
  const run = value as Record<string, unknown>;
  return typeof run.passed === 'number' && typeof run.total === 'number' && Array.isArray(run.cases);
}

/**
 * "Run examples" without a reload: posts the code, then renders the results with the page's own
 * template (views/drills/_run-results.ejs) in place. The code, the chosen outcome and the scroll
 * position stay as they are; the summary is announced by the status line.
 */
export function setUpRunner({
  root,
  button,
  fields,
}: {
  root: HTMLElement;
  button: HTMLButtonElement | null;
  fields: () => { _csrf: string; code: string; notes: string };
}) {
  const status = document.getElementById('run-status');
  const results = document.getElementById('run-results');
  const off = document.getElementById('runner-off');
  if (!status || !results) return { run: async () => {} };
  const panel: HTMLElement = results;

  // The summary is announced here and shown by the results themselves: visible only to screen readers.
  const say = (message: string, kind: 'info' | 'error' | 'summary' = 'info') => {
    status.textContent = message;
    status.classList.toggle('error', kind === 'error');
    status.classList.toggle('visually-hidden', kind === 'summary');
  };
  const unavailable = () => {
    if (button) {
      button.disabled = true;
      button.hidden = true;
    }
    if (off) {
      off.hidden = false;
      say('');
    } else say(UNAVAILABLE);
  };

  async function run() {
    if (!button || button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    say('Running your code against the examples…');
    try {
      const res = await postForm(`/attempts/${root.dataset.attempt}/run`, { ...fields(), scope: 'examples' });
      const body = res.body as { run?: unknown } | null;
      if (res.ok && isRun(body?.run)) {
        panel.innerHTML = renderRunResults({ run: body.run, lineDiff });
        say(panel.querySelector('.run-summary')?.textContent?.trim() ?? '', 'summary');
        return;
      }
      const error = errorOf(res.body);
      if (error?.code === 'runner.unavailable') return unavailable();
      if (error?.code === 'runner.busy' || res.status === 503) {
        const seconds = error?.retryAfterSeconds ?? (Number(res.headers.get('retry-after')) || 5);
        return say(`Busy, try again in ${seconds} s`, 'error');
      }
      if (res.status === 429) return say(error?.message || 'Too many runs: wait a moment, then try again.', 'error');
      say(error?.message || `The run failed (${res.status}). Your code is unchanged.`, 'error');
    } catch {
      say('Could not reach the server. Your code is unchanged; try again.', 'error');
    } finally {
      if (!button.hidden) button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  return { run };
}
