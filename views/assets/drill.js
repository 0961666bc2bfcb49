// Progressive enhancement for the drill page: a live countdown and draft autosave. Without
// JavaScript the page still works: the deadline is printed and "Save draft" posts the form.
(function () {
  const root = document.querySelector('.drill');
  if (!root) return;
  const timer = root.querySelector('.timer');
  const clock = document.getElementById('clock');
  const started = performance.now();
  const remaining0 = Number(timer.dataset.remaining);
  const budget = Number(timer.dataset.budget);
  const fmt = (s) => {
    const a = Math.abs(s);
    const h = Math.floor(a / 3600), m = Math.floor((a % 3600) / 60), sec = a % 60;
    const mm = (h ? String(m).padStart(2, '0') : String(m)) + ':' + String(sec).padStart(2, '0');
    return (h ? h + ':' : '') + mm;
  };
  function tick() {
    const left = Math.round(remaining0 - (performance.now() - started) / 1000);
    clock.textContent = left >= 0 ? fmt(left) : '+' + fmt(left) + ' over';
    timer.classList.toggle('over', left < 0);
    timer.classList.toggle('warn', left >= 0 && left <= budget * 0.2);
  }
  tick();
  setInterval(tick, 1000);

  const form = document.getElementById('answer-form');
  const status = document.getElementById('draft-status');
  const code = document.getElementById('code');
  const notes = document.getElementById('notes');
  const id = root.dataset.attempt;
  const key = 'opsdrill-draft-' + id;
  let dirty = false, saving = false;
  // A local copy survives a crash of the tab before the next autosave reaches the server.
  try {
    const local = JSON.parse(localStorage.getItem(key) || 'null');
    if (local && local.code && local.code.length > code.value.length && code.value === '') { code.value = local.code; notes.value = local.notes || notes.value; dirty = true; }
  } catch (e) { /* storage unavailable: the server draft is enough */ }
  function markDirty() {
    dirty = true;
    try { localStorage.setItem(key, JSON.stringify({ code: code.value, notes: notes.value })); } catch (e) { /* ignore */ }
  }
  code.addEventListener('input', markDirty);
  notes.addEventListener('input', markDirty);
  async function save() {
    if (!dirty || saving) return;
    saving = true; dirty = false;
    const body = new URLSearchParams({ _csrf: root.dataset.csrf, code: code.value, notes: notes.value });
    try {
      const res = await fetch('/attempts/' + id + '/draft', { method: 'POST', body, headers: { accept: 'application/json' }, credentials: 'same-origin' });
      status.textContent = res.ok ? 'Draft saved at ' + new Date().toLocaleTimeString() : 'Draft not saved (' + res.status + ')';
      if (!res.ok) dirty = true;
    } catch (e) { dirty = true; status.textContent = 'Offline: draft kept in this browser, will retry'; }
    saving = false;
  }
  setInterval(save, 5000);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') save(); });
  form.addEventListener('submit', () => { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } });
})();
