import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CodeSnapshot,
  createLiveHub,
  DEFAULT_LIVE_LIMITS,
  type LiveEvent,
  type LiveLimits,
  type LiveStore,
  type Sink,
} from '../../src/mocks/live.hub.js';

/** What a browser's EventSource would parse out of the stream. */
type Parsed = { id?: number; event: string; data: unknown };

function parseStream(text: string): Parsed[] {
  const out: Parsed[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l !== '' && !l.startsWith(':') && !l.startsWith('retry:'));
    if (lines.length === 0) continue;
    const parsed: Parsed = { event: 'message', data: undefined };
    for (const line of lines) {
      const [field, ...rest] = line.split(': ');
      const value = rest.join(': ');
      if (field === 'id') parsed.id = Number(value);
      if (field === 'event') parsed.event = value;
      if (field === 'data') parsed.data = JSON.parse(value);
    }
    out.push(parsed);
  }
  return out;
}

function fakeSink() {
  let text = '';
  let closed = false;
  let buffered = 0;
  const sink: Sink = {
    write: (chunk) => {
      if (closed) throw new Error('write after close');
      text += chunk;
    },
    bufferedBytes: () => buffered,
    close: () => {
      closed = true;
    },
  };
  return {
    sink,
    text: () => text,
    events: () => parseStream(text),
    closed: () => closed,
    stall: (bytes: number) => {
      buffered = bytes;
    },
  };
}

/** mock_events as a list: ids shared by every mock, as the autoincrement column is. */
function fakeStore() {
  const rows: (LiveEvent & { mockId: number })[] = [];
  const drafts = new Map<number, CodeSnapshot[]>();
  let nextId = 1;
  let reads = 0;
  const store: LiveStore = {
    lastEventId: (mockId) => rows.filter((r) => r.mockId === mockId).at(-1)?.id ?? 0,
    eventsAfter: (mockId, afterId) => {
      reads++;
      return rows.filter((r) => r.mockId === mockId && r.id > afterId).map(({ mockId: _, ...e }) => e);
    },
    snapshots: (mockId) => drafts.get(mockId) ?? [],
  };
  return {
    store,
    /** Stores an event as the service does, and returns it for publishing. */
    insert(mockId: number, kind: string, data: unknown = {}): LiveEvent {
      const event = { id: nextId++, kind, data };
      rows.push({ ...event, mockId });
      return event;
    },
    setDrafts: (mockId: number, list: CodeSnapshot[]) => drafts.set(mockId, list),
    reads: () => reads,
  };
}

const hubs: { close(): void }[] = [];
function makeHub(store: LiveStore, limits: Partial<LiveLimits> = {}) {
  const hub = createLiveHub({ store, limits: { ...DEFAULT_LIVE_LIMITS, ...limits } });
  hubs.push(hub);
  return hub;
}

afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
  vi.useRealTimers();
});

describe('live hub', () => {
  it('fans events and code out to every viewer of the mock, and only of that mock', () => {
    const db = fakeStore();
    const hub = makeHub(db.store);
    const a = fakeSink();
    const b = fakeSink();
    const other = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: a.sink });
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: null, sink: b.sink });
    hub.subscribe({ mockId: 2, viewerId: 10, lastEventId: null, sink: other.sink });

    hub.publish(1, db.insert(1, 'run', { position: 0, passed: 1, total: 3 }));
    hub.snapshot(1, { position: 0, code: 'print(1)', at: 1000 });

    for (const viewer of [a, b]) {
      expect(viewer.events()).toEqual([
        { id: 1, event: 'run', data: { position: 0, passed: 1, total: 3 } },
        { event: 'code', data: { position: 0, code: 'print(1)', at: 1000 } },
      ]);
    }
    expect(other.events()).toEqual([]);
  });

  it('sends the latest code of each question on connect, from the drafts for the first viewer', () => {
    const db = fakeStore();
    db.setDrafts(1, [
      { position: 1, code: 'b = 2', at: 500 },
      { position: 0, code: 'a = 1', at: 400 },
    ]);
    const hub = makeHub(db.store);
    const first = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: first.sink });
    expect(first.events().map((e) => e.data)).toEqual([
      { position: 0, code: 'a = 1', at: 400 },
      { position: 1, code: 'b = 2', at: 500 },
    ]);

    hub.snapshot(1, { position: 0, code: 'a = 10', at: 2400 });
    hub.snapshot(1, { position: 0, code: 'a = 100', at: 4400 });
    const late = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: null, sink: late.sink });
    // Only the newest draft per question: the older ones are history nobody needs.
    expect(late.events().map((e) => e.data)).toEqual([
      { position: 0, code: 'a = 100', at: 4400 },
      { position: 1, code: 'b = 2', at: 500 },
    ]);
  });

  it('does not resend code that has not changed', () => {
    const db = fakeStore();
    const hub = makeHub(db.store);
    const viewer = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: viewer.sink });
    hub.snapshot(1, { position: 0, code: 'x', at: 1 });
    hub.snapshot(1, { position: 0, code: 'x', at: 2 });
    expect(viewer.events()).toHaveLength(1);
  });

  it('replays what a reconnecting viewer missed from memory, without reading the table', () => {
    const db = fakeStore();
    const hub = makeHub(db.store);
    const keep = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: keep.sink });
    const first = fakeSink();
    const sub = hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: null, sink: first.sink });
    hub.publish(1, db.insert(1, 'start'));
    hub.publish(2, db.insert(2, 'start')); // another mock's event takes an id in between
    hub.publish(1, db.insert(1, 'run'));
    expect(first.events().map((e) => e.id)).toEqual([1, 3]);
    if (sub.ok) sub.unsubscribe();

    hub.publish(1, db.insert(1, 'submit'));
    hub.publish(1, db.insert(1, 'switch'));
    const again = fakeSink();
    const readsBefore = db.reads();
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: 3, sink: again.sink });
    expect(again.events().map((e) => [e.id, e.event])).toEqual([
      [4, 'submit'],
      [5, 'switch'],
    ]);
    expect(db.reads()).toBe(readsBefore);
  });

  it('falls back to the table for events older than the ring', () => {
    const db = fakeStore();
    const hub = makeHub(db.store, { ringSize: 3 });
    const watcher = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: watcher.sink });
    for (let i = 0; i < 10; i++) hub.publish(1, db.insert(1, 'run', { i }));

    const late = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: 2, sink: late.sink });
    expect(late.events().map((e) => e.id)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(db.reads()).toBe(1);
  });

  it('replays from the table when the channel opens after events were stored', () => {
    const db = fakeStore();
    db.insert(1, 'start');
    db.insert(1, 'run');
    const hub = makeHub(db.store);
    const viewer = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: 1, sink: viewer.sink });
    expect(viewer.events().map((e) => [e.id, e.event])).toEqual([[2, 'run']]);
    // A viewer already up to date gets nothing again.
    const current = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: 2, sink: current.sink });
    expect(current.events()).toEqual([]);
  });

  it('bounds streams per viewer and per mock, and frees a place when one leaves', () => {
    const db = fakeStore();
    const hub = makeHub(db.store, { perViewer: 2, perMock: 3 });
    const one = hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: fakeSink().sink });
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: fakeSink().sink });
    expect(hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: fakeSink().sink })).toEqual({
      ok: false,
      reason: 'viewer_limit',
    });
    // The same coach on another mock is counted apart.
    expect(hub.subscribe({ mockId: 2, viewerId: 10, lastEventId: null, sink: fakeSink().sink }).ok).toBe(true);
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: null, sink: fakeSink().sink });
    expect(hub.subscribe({ mockId: 1, viewerId: 12, lastEventId: null, sink: fakeSink().sink })).toEqual({
      ok: false,
      reason: 'mock_limit',
    });
    if (one.ok) one.unsubscribe();
    expect(hub.subscribe({ mockId: 1, viewerId: 12, lastEventId: null, sink: fakeSink().sink }).ok).toBe(true);
    expect(hub.stats()).toEqual({ channels: 2, subscribers: 4 });
  });

  it('ends every stream of a mock with an end event, and keeps nothing of it', () => {
    const db = fakeStore();
    const hub = makeHub(db.store);
    const a = fakeSink();
    const b = fakeSink();
    const other = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: a.sink });
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: null, sink: b.sink });
    hub.subscribe({ mockId: 2, viewerId: 11, lastEventId: null, sink: other.sink });
    hub.end(1, { reason: 'timeout' });
    for (const viewer of [a, b]) {
      expect(viewer.events().at(-1)).toEqual({ event: 'end', data: { reason: 'timeout' } });
      expect(viewer.closed()).toBe(true);
    }
    expect(other.closed()).toBe(false);
    // Later publishes to the ended mock go nowhere (and do not throw on the closed sinks).
    hub.publish(1, db.insert(1, 'finish'));
    hub.snapshot(1, { position: 0, code: 'late', at: 1 });
    expect(hub.stats()).toEqual({ channels: 1, subscribers: 1 });
  });

  it('forgets a mock when its last viewer leaves', () => {
    const db = fakeStore();
    const hub = makeHub(db.store);
    const sub = hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: fakeSink().sink });
    hub.snapshot(1, { position: 0, code: 'x', at: 1 });
    if (sub.ok) sub.unsubscribe();
    expect(hub.stats()).toEqual({ channels: 0, subscribers: 0 });
    // Nobody watching: publishing keeps nothing in memory.
    hub.publish(1, db.insert(1, 'run'));
    expect(hub.stats()).toEqual({ channels: 0, subscribers: 0 });
  });

  it('drops a viewer that stops reading instead of buffering for it', () => {
    const db = fakeStore();
    const hub = makeHub(db.store, { maxBufferedBytes: 100 });
    const slow = fakeSink();
    const fast = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: slow.sink });
    hub.subscribe({ mockId: 1, viewerId: 11, lastEventId: null, sink: fast.sink });
    slow.stall(101);
    hub.snapshot(1, { position: 0, code: 'x'.repeat(50), at: 1 });
    expect(slow.closed()).toBe(true);
    expect(slow.events()).toEqual([]);
    expect(fast.events()).toHaveLength(1);
    expect(hub.stats().subscribers).toBe(1);
  });

  it('sends a heartbeat comment to idle streams, and stops on close', () => {
    vi.useFakeTimers();
    const db = fakeStore();
    const hub = makeHub(db.store, { heartbeatMs: 1000 });
    const viewer = fakeSink();
    hub.subscribe({ mockId: 1, viewerId: 10, lastEventId: null, sink: viewer.sink });
    const before = viewer.text();
    vi.advanceTimersByTime(2500);
    expect(viewer.text().slice(before.length)).toBe(': keep-alive\n\n: keep-alive\n\n');
    // A comment is not an event: EventSource ignores it.
    expect(viewer.events()).toEqual([]);
    hub.close();
    expect(viewer.closed()).toBe(true);
    expect(viewer.events()).toEqual([{ event: 'end', data: { reason: 'shutdown' } }]);
  });
});
