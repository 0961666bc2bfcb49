// The live hub: coaches watching a running mock over server-sent events.
//
// One channel per watched mock, in memory only. What a viewer needs comes in two kinds:
// - events (start, run, submit, note...): stored in mock_events first, then published here with
//   their row id as the SSE id, kept in a ring so a reconnect with Last-Event-ID replays what it
//   missed; older than the ring, the replay reads the table (`store.eventsAfter`);
// - code snapshots: the candidate's draft per question, posted every couple of seconds. Only the
//   latest per question matters (the draft itself lives in the attempt), so they carry no id, are
//   never replayed, and the latest of each is sent to every viewer when it connects.
// The hub knows nothing of HTTP: a viewer is a Sink (the SSE route wraps its response in one).

export type LiveEvent = {
  /** mock_events.id: unique and increasing across all mocks (not contiguous within one). */
  id: number;
  kind: string;
  /** What the viewer shows; serialised as JSON on the event's data line. */
  data: unknown;
};

export type CodeSnapshot = { position: number; code: string; at: number };

export type Sink = {
  write(chunk: string): void;
  /** Bytes written but not yet taken by the network: a viewer that stops reading is dropped. */
  bufferedBytes(): number;
  close(): void;
};

export type LiveStore = {
  /** The newest event id stored for the mock (0 if none): where the ring starts when a channel opens. */
  lastEventId(mockId: number): number;
  /** Stored events of the mock with id > afterId, oldest first. */
  eventsAfter(mockId: number, afterId: number): LiveEvent[];
  /** The drafts as they stand, one per question: sent to the first viewers of a channel. */
  snapshots(mockId: number): CodeSnapshot[];
};

export type LiveLimits = {
  /** Streams one viewer (coach) may hold on one mock: a few tabs, not a fan-out. */
  perViewer: number;
  /** Streams on one mock, all viewers together. */
  perMock: number;
  /** Events kept in memory per mock for reconnects. */
  ringSize: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** A viewer with more than this waiting in its socket is dropped (it reconnects and replays). */
  maxBufferedBytes: number;
};

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  perViewer: 3,
  perMock: 250,
  ringSize: 256,
  heartbeatMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
};

export type SubscribeResult =
  | { ok: true; unsubscribe: () => void }
  | { ok: false; reason: 'viewer_limit' | 'mock_limit' };

type Subscriber = { viewerId: number; sink: Sink };

type Channel = {
  subscribers: Set<Subscriber>;
  ring: LiveEvent[];
  /** Every event of this mock with an id above this is in the ring. */
  coveredAfter: number;
  snapshots: Map<number, CodeSnapshot>;
};

/** The reconnect delay browsers use, sent first on every stream. */
const RETRY_MS = 2000;

export function formatEvent(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export function formatSnapshot(snapshot: CodeSnapshot): string {
  return `event: code\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

export function createLiveHub({ store, limits = DEFAULT_LIVE_LIMITS }: { store: LiveStore; limits?: LiveLimits }) {
  const channels = new Map<number, Channel>();

  function openChannel(mockId: number): Channel {
    let channel = channels.get(mockId);
    if (!channel) {
      channel = {
        subscribers: new Set(),
        ring: [],
        coveredAfter: store.lastEventId(mockId),
        snapshots: new Map(store.snapshots(mockId).map((s) => [s.position, s])),
      };
      channels.set(mockId, channel);
    }
    return channel;
  }

  /** Writes to one viewer; one that has stopped reading is closed instead (it will replay). */
  function deliver(channel: Channel, subscriber: Subscriber, chunk: string) {
    if (subscriber.sink.bufferedBytes() > limits.maxBufferedBytes) {
      drop(channel, subscriber);
      return;
    }
    subscriber.sink.write(chunk);
  }

  function drop(channel: Channel, subscriber: Subscriber) {
    if (!channel.subscribers.delete(subscriber)) return;
    subscriber.sink.close();
  }

  function fanOut(channel: Channel, chunk: string) {
    // A copy: deliver may drop a subscriber while we walk the set.
    for (const subscriber of [...channel.subscribers]) deliver(channel, subscriber, chunk);
  }

  /** The mock is over: every viewer gets an `end` event and its stream is closed. */
  function end(mockId: number, data: unknown) {
    const channel = channels.get(mockId);
    if (!channel) return;
    channels.delete(mockId);
    const chunk = `event: end\ndata: ${JSON.stringify(data)}\n\n`;
    for (const subscriber of channel.subscribers) {
      subscriber.sink.write(chunk);
      subscriber.sink.close();
    }
    channel.subscribers.clear();
  }

  // One timer for every stream: a per-stream timer would cost a closure and a timer per viewer.
  const heartbeat = setInterval(() => {
    for (const channel of channels.values()) fanOut(channel, ': keep-alive\n\n');
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    /**
     * Adds a viewer to a mock's stream: replays the events after lastEventId (if given), then the
     * latest code of each question. The caller has checked that the viewer may watch and that the
     * mock is running.
     */
    subscribe({
      mockId,
      viewerId,
      lastEventId,
      sink,
    }: {
      mockId: number;
      viewerId: number;
      lastEventId: number | null;
      sink: Sink;
    }): SubscribeResult {
      const existing = channels.get(mockId);
      if (existing) {
        if (existing.subscribers.size >= limits.perMock) return { ok: false, reason: 'mock_limit' };
        let mine = 0;
        for (const s of existing.subscribers) if (s.viewerId === viewerId) mine++;
        if (mine >= limits.perViewer) return { ok: false, reason: 'viewer_limit' };
      }
      const channel = existing ?? openChannel(mockId);
      const subscriber: Subscriber = { viewerId, sink };
      channel.subscribers.add(subscriber);

      let chunk = `retry: ${RETRY_MS}\n\n`;
      if (lastEventId !== null) {
        const missed =
          lastEventId >= channel.coveredAfter
            ? channel.ring.filter((e) => e.id > lastEventId)
            : store.eventsAfter(mockId, lastEventId);
        for (const event of missed) chunk += formatEvent(event);
      }
      for (const snapshot of [...channel.snapshots.values()].sort((a, b) => a.position - b.position)) {
        chunk += formatSnapshot(snapshot);
      }
      sink.write(chunk);

      return {
        ok: true,
        unsubscribe: () => {
          channel.subscribers.delete(subscriber);
          // The ring and snapshots go with the last viewer; the next one rebuilds from the table.
          if (channel.subscribers.size === 0 && channels.get(mockId) === channel) channels.delete(mockId);
        },
      };
    },

    /** Whether anyone watches the mock now (publishing to a mock nobody watches does nothing). */
    watching(mockId: number): boolean {
      return channels.has(mockId);
    },

    /** An event already stored in mock_events; a mock nobody watches keeps nothing in memory. */
    publish(mockId: number, event: LiveEvent) {
      const channel = channels.get(mockId);
      if (!channel) return;
      channel.ring.push(event);
      if (channel.ring.length > limits.ringSize) {
        const evicted = channel.ring.shift();
        if (evicted) channel.coveredAfter = evicted.id;
      }
      fanOut(channel, formatEvent(event));
    },

    /** The candidate's draft of one question, as just saved. */
    snapshot(mockId: number, snapshot: CodeSnapshot) {
      const channel = channels.get(mockId);
      if (!channel) return;
      const previous = channel.snapshots.get(snapshot.position);
      if (previous && previous.code === snapshot.code) return;
      channel.snapshots.set(snapshot.position, snapshot);
      fanOut(channel, formatSnapshot(snapshot));
    },

    end,

    /** Streams open now, for the bench and tests. */
    stats() {
      let subscribers = 0;
      for (const channel of channels.values()) subscribers += channel.subscribers.size;
      return { channels: channels.size, subscribers };
    },

    /** Server shutdown: ends every stream and the heartbeat. */
    close() {
      clearInterval(heartbeat);
      for (const mockId of [...channels.keys()]) end(mockId, { reason: 'shutdown' });
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
