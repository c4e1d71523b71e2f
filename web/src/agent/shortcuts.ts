/**
 * Keyboard shortcuts for the frequent actions. Alt+letter, so they work while typing a reply
 * and do not clash with the browser's own Ctrl shortcuts; the help popover lists the same data.
 */
import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** The letter pressed with Alt (matched by physical key, so layouts and IMEs agree). */
  readonly key: string;
  /** i18n key (agent namespace) of what it does. */
  readonly label: string;
  readonly run: () => void;
}

export function useShortcuts(list: readonly Shortcut[]): void {
  // The handlers change every render; the listener reads the latest without re-subscribing.
  const latest = useRef(list);
  useEffect(() => {
    latest.current = list;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const s = latest.current.find((x) => e.code === `Key${x.key.toUpperCase()}`);
      if (!s) return;
      e.preventDefault();
      s.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
