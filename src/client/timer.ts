function formatClock(seconds: number): string {
  const a = Math.abs(seconds);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const mm = `${h ? String(m).padStart(2, '0') : String(m)}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mm}` : mm;
}

/**
 * Counts down from the seconds the server computed when it rendered the page (the server's clock
 * decides the duration; this only shows it). Amber in the last fifth of the budget, red after.
 */
export function startCountdown(timer: HTMLElement, clock: HTMLElement) {
  const started = performance.now();
  const remaining0 = Number(timer.dataset.remaining);
  const budget = Number(timer.dataset.budget);
  const tick = () => {
    const left = Math.round(remaining0 - (performance.now() - started) / 1000);
    clock.textContent = left >= 0 ? formatClock(left) : `+${formatClock(left)} over`;
    timer.classList.toggle('over', left < 0);
    timer.classList.toggle('warn', left >= 0 && left <= budget * 0.2);
  };
  tick();
  setInterval(tick, 1000);
}
