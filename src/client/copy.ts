// Progressive enhancement for the group page: a Copy button next to the invite link, and the
// link selected when its box gets focus. Without JavaScript the read-only box still holds the
// full link to select and copy by hand.
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-select-on-focus]')) {
  input.addEventListener('focus', () => input.select());
}
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const input = document.getElementById(button.dataset.copy ?? '') as HTMLInputElement | null;
  const status = button.parentElement?.querySelector('.copied') ?? null;
  if (!input) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(input.value);
      ok = true;
    } catch {
      // No clipboard permission (plain HTTP on a LAN): select it for Ctrl+C instead.
      input.focus();
      input.select();
    }
    if (status) status.textContent = ok ? 'Copied.' : 'Selected: press Ctrl+C (⌘C) to copy.';
  });
}
