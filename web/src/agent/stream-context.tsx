/**
 * One event-stream connection for the desktop. Events invalidate the reads they change, batched
 * so a burst (the backlog replayed on connect) costs one refetch per read; pushes that are not
 * events (a chat visitor typing) go to whoever listens.
 */
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Stream } from '../api/stream.ts';
import { staleKeys } from './live-updates.ts';

type PushListener = (message: Record<string, unknown>) => void;

const Ctx = createContext<Stream | null>(null);

export function StreamProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [stream, setStream] = useState<Stream | null>(null);
  useEffect(() => {
    const s = new Stream(false);
    const pending = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      for (const key of pending.values()) void client.invalidateQueries({ queryKey: key });
      pending.clear();
    };
    const off = s.on((item) => {
      if (item.kind !== 'event') return;
      for (const key of staleKeys(item.event)) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, 150);
    });
    s.open();
    setStream(s);
    return () => {
      off();
      if (timer) clearTimeout(timer);
      s.close();
    };
  }, [client]);
  return <Ctx.Provider value={stream}>{children}</Ctx.Provider>;
}

/** Calls `listener` with every non-event push (e.g. `{kind:'chat', type:'typing', contactId}`). */
export function useStreamPush(listener: PushListener): void {
  const stream = useContext(Ctx);
  useEffect(() => {
    if (!stream) return;
    return stream.on((item) => {
      if (item.kind === 'push') listener(item.message);
    });
  }, [stream, listener]);
}
