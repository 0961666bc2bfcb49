import { errorOf, postForm } from './http';

/**
 * "Reveal hint" without a reload: the server records the hint (and saves the code and notes posted
 * with it) and answers with the hints revealed so far; the new one is added and focused. The code,
 * the chosen outcome and the scroll position stay as they are.
 */
export function setUpHints({
  root,
  fields,
  onSaved,
}: {
  root: HTMLElement;
  fields: () => { _csrf: string; code: string; notes: string };
  /** The hint request saved the code and notes it carried. */
  onSaved: (sent: { code: string; notes: string }) => void;
}) {
  const list = document.getElementById('hint-list');
  const used = document.getElementById('hints-used');
  const total = Number(root.dataset.hintsTotal);
  const status = document.getElementById('draft-status');

  async function reveal(button: HTMLButtonElement) {
    if (!list || button.disabled) return;
    button.disabled = true;
    try {
      const sent = fields();
      const res = await postForm(`/attempts/${root.dataset.attempt}/hint`, sent);
      const body = res.body as { hintsUsed?: unknown; hintsHtml?: unknown } | null;
      if (!res.ok || typeof body?.hintsUsed !== 'number' || !Array.isArray(body.hintsHtml)) {
        if (status) status.textContent = errorOf(res.body)?.message || `The hint could not be shown (${res.status}).`;
        button.disabled = false;
        return;
      }
      onSaved(sent);
      const hintsHtml = body.hintsHtml.filter((h): h is string => typeof h === 'string');
      let last: HTMLElement | null = null;
      for (let i = list.children.length; i < hintsHtml.length; i++) {
        const item = document.createElement('li');
        item.className = 'md';
        item.id = `hint-${i + 1}`;
        item.tabIndex = -1;
        // Rendered by the server from the question's Markdown with raw HTML disabled, as on the page.
        item.innerHTML = hintsHtml[i] ?? '';
        list.append(item);
        last = item;
      }
      if (used) used.textContent = `${body.hintsUsed} of ${total} used`;
      if (body.hintsUsed >= total) button.remove();
      else {
        button.textContent = `Reveal hint ${body.hintsUsed + 1}`;
        button.disabled = false;
      }
      last?.focus();
    } catch {
      if (status) status.textContent = 'Could not reach the server: no hint was revealed. Try again.';
      button.disabled = false;
    }
  }

  return { reveal };
}
