/**
 * The live center for the supervisor: the realtime snapshot (pushed about once a second on the
 * stream, also read over HTTP at once and after routing events) and, from the logged events, a
 * nudge to refetch what snapshots do not carry (agents' away requests, calls, cases).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { get } from '../api/client.ts';
import { Stream } from '../api/stream.ts';
import type { Realtime } from './types.ts';

/** Which query each event family makes stale. */
const staleBy: Record<string, readonly string[]> = {
  agent: ['sup-agents'],
  task: ['sup-agents'],
  call: ['sup-calls'],
  case: ['sup-cases'],
};

export interface LiveCenter {
  snapshot: Realtime | null;
  /** When the last snapshot arrived (ms), to show that the board is live. */
  receivedAt: number | null;
}

export function useLiveCenter(): LiveCenter {
  const qc = useQueryClient();
  const [live, setLive] = useState<LiveCenter>({ snapshot: null, receivedAt: null });
  useEffect(() => {
    let latest: Realtime | null = null;
    // The stream replays the log from the start on connect: only events after the first
    // snapshot matter here (measured on the server's clock, which stamps both).
    let since = Number.POSITIVE_INFINITY;
    const accept = (s: Realtime) => {
      if (latest === null) since = Date.parse(s.at) - 2_000;
      // Versions grow with every snapshot; a late, older one is dropped. A restarted server
      // starts its versions again, so a newer `at` wins too.
      if (latest && s.version <= latest.version && Date.parse(s.at) <= Date.parse(latest.at))
        return;
      latest = s;
      setLive({ snapshot: s, receivedAt: Date.now() });
    };
    // Snapshots are pushed once a second; a routing event (a task queued or taken, an agent's
    // state) fetches one at once, so the board moves within a fraction of a second. One read
    // at a time, and one more after it if events came in meanwhile.
    let reading = false;
    let again = false;
    let closed = false;
    const read = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      get<Realtime>('/api/realtime')
        .then((s) => !closed && accept(s))
        .catch(() => undefined)
        .finally(() => {
          reading = false;
          if (again && !closed) {
            again = false;
            setTimeout(read, 200);
          }
        });
    };
    read();

    // A burst of events refetches each query once.
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      for (const key of pending) void qc.invalidateQueries({ queryKey: [key] });
      pending.clear();
    };
    const stream = new Stream(true);
    const off = stream.on((item) => {
      if (item.kind === 'realtime') accept(item.snapshot);
      else if (item.kind === 'event' && Date.parse(item.event.at) >= since) {
        const family = item.event.type.split('.')[0] ?? '';
        if (family === 'task' || family === 'agent') read();
        for (const key of staleBy[family] ?? []) pending.add(key);
        if (pending.size > 0 && !timer) timer = setTimeout(flush, 300);
      }
    });
    stream.open();
    return () => {
      closed = true;
      off();
      stream.close();
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
  return live;
}
