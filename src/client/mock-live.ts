// The coach's live view of a running mock. Without JavaScript the page shows the code and events
// as they were when it loaded (reload for more); this follows them over server-sent events.
import { startCountdown } from './timer';

const DESCRIBE: Record<string, (d: Record<string, unknown>) => string> = {
  start: () => 'Started the mock',
  switch: () => 'Switched question',
  run: (d) =>
    typeof d.passed === 'number' && typeof d.total === 'number'
      ? `Ran the examples: ${d.passed} of ${d.total} passed`
      : 'Ran the examples',
  submit: (d) =>
    typeof d.passed === 'number' && typeof d.total === 'number'
      ? `Submitted: ${d.passed} of ${d.total} tests passed`
      : 'Submitted',
  timeout: () => 'Time ran out: submitted as it stood',
  finish: () => 'Finished the mock',
  note: () => 'Updated their notes',
  released: () => 'Interviewer scorecard released',
};

function clockLabel(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

function main() {
  const root = document.querySelector<HTMLElement>('.mock-live');
  if (!root) return;
  if (root.dataset.status !== 'running' || typeof EventSource === 'undefined') return;
  const timer = root.querySelector<HTMLElement>('.timer');
  const clock = document.getElementById('mock-clock');
  if (timer && clock) startCountdown(timer, clock);
  const status = document.getElementById('live-status');
  const events = document.getElementById('events');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  // `after`: the events this page already shows; the browser sends Last-Event-ID on reconnects.
  const source = new EventSource(`/mocks/${root.dataset.mock}/live?after=${root.dataset.lastEvent ?? '0'}`);
  source.addEventListener('open', () => say('Live: following the candidate.'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) say('The live view stopped. Reload the page to see the latest.');
    else say('Connection lost: reconnecting…');
  });
  source.addEventListener('code', (message) => {
    const data = JSON.parse((message as MessageEvent<string>).data) as { position: number; code: string; at: number };
    const pre = document.getElementById(`code-${data.position}`);
    if (pre && pre.textContent !== data.code) pre.textContent = data.code;
    const line = document.getElementById(`code-${data.position}-status`);
    if (line) line.textContent = `Updated ${new Date(data.at).toLocaleTimeString()}`;
  });
  for (const kind of Object.keys(DESCRIBE)) {
    source.addEventListener(kind, (message) => {
      const m = message as MessageEvent<string>;
      if (events?.querySelector(`li[data-id="${m.lastEventId}"]`)) return;
      const data = JSON.parse(m.data) as {
        clockSeconds: number;
        position: number | null;
        detail: Record<string, unknown>;
      };
      const li = document.createElement('li');
      li.dataset.id = m.lastEventId;
      const stamp = document.createElement('span');
      stamp.className = 'muted';
      stamp.textContent = clockLabel(data.clockSeconds);
      const what = DESCRIBE[kind]?.(data.detail ?? {}) ?? kind;
      li.append(stamp, ` ${what}${data.position === null ? '' : ` (question ${data.position + 1})`}`);
      events?.append(li);
      document.getElementById('no-events')?.remove();
      if (kind === 'submit' && data.position !== null) {
        const line = document.getElementById(`code-${data.position}-status`);
        if (line) line.textContent = 'Submitted.';
      }
    });
  }
  source.addEventListener('end', () => {
    source.close();
    say('The mock has ended. Reload the page for the final code and results.');
    if (timer) timer.hidden = true;
  });
}

main();
