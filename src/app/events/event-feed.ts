/**
 * Reading the event log as a viewer: pages by sequence for `GET /api/events`, and a live feed
 * for the WebSocket stream that first replays the backlog after a sequence number and then
 * follows commits, with no gap and no duplicate between the two.
 */
import { canSeeEvent, type Viewer } from '../../domain/access/viewer.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import type { Store } from '../ports/store.ts';

export class EventFeed {
  constructor(private readonly store: Store) {}

  /** The newest sequence number: a client that wants only what happens from now on starts here. */
  head(): Promise<number> {
    return this.store.events.lastSeq();
  }

  page(viewer: Viewer, after: number, limit: number): Promise<LoggedEvent[]> {
    return this.store.events.after(after, limit, viewer);
  }

  /**
   * Calls `deliver` with every visible event after `after`, backlog first, then live ones.
   * Returns a function that stops the feed.
   */
  follow(viewer: Viewer, after: number, deliver: (e: LoggedEvent) => void): () => void {
    let last = after;
    let live = false;
    const buffered: LoggedEvent[] = [];
    const send = (e: LoggedEvent) => {
      if (e.seq <= last) return;
      last = e.seq;
      if (canSeeEvent(viewer, e.scope)) deliver(e);
    };
    const stop = this.store.onCommit((events) => {
      if (live) events.forEach(send);
      else buffered.push(...events);
    });
    let stopped = false;
    void (async () => {
      // Subscribe first, then read the backlog, so nothing committed in between is missed.
      for (;;) {
        const page = await this.store.events.after(last, 1000, viewer);
        if (stopped) return;
        page.forEach(send);
        if (page.length < 1000) break;
      }
      live = true;
      buffered.sort((a, b) => a.seq - b.seq).forEach(send);
      buffered.length = 0;
    })().catch((e) => console.error('event feed backlog failed', e));
    return () => {
      stopped = true;
      stop();
    };
  }
}
