/** Contacts whose chat visitor is typing now (a push lasts a few seconds, never stored). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStreamPush } from './stream-context.tsx';

export function useTyping(): ReadonlySet<string> {
  const [typing, setTyping] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const listener = useCallback((m: Record<string, unknown>) => {
    if (m['kind'] !== 'chat' || m['type'] !== 'typing' || typeof m['contactId'] !== 'string')
      return;
    const id = m['contactId'];
    setTyping((s) => new Set(s).add(id));
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setTyping((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }, 4000),
    );
  }, []);
  useStreamPush(listener);
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => clearTimeout(t));
  }, []);
  return typing;
}
