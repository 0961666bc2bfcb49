// Sign-up: send the browser's time zone so days roll over at the right hour from the first
// drill. Without JavaScript the field stays empty and the server uses UTC (changeable in Settings).
const field = document.querySelector<HTMLInputElement>('input[name=timeZone]');
if (field && !field.value) {
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    // Leave it empty: the server falls back to UTC.
  }
  const shown = document.getElementById('tz-shown');
  if (shown && field.value) {
    shown.textContent = `Your time zone: ${field.value} (change it later in Settings).`;
    shown.hidden = false;
  }
}
