import type { WebSocket } from 'ws';
import type { ServerFrame } from './server-frame.js';

/**
 * One open widget socket. Until its replay from the ledger is sent, live frames wait, so that
 * the widget gets history first and live messages after, in order.
 */
export class VisitorConnection {
  private waiting: ServerFrame[] | undefined = [];

  constructor(
    readonly visitorId: string,
    private readonly socket: WebSocket,
  ) {}

  /** Sends at once, even during the replay (the replay itself, acks, errors). */
  sendNow(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Sends a live frame, after the replay when one is under way. */
  deliver(frame: ServerFrame): void {
    if (this.waiting) this.waiting.push(frame);
    else this.sendNow(frame);
  }

  /** Ends the replay: sends the live frames that waited for it. */
  replayed(): void {
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (const frame of waiting) this.sendNow(frame);
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
}

/** The open widget sockets of each visitor (a visitor may have several tabs open). */
export class VisitorSockets {
  private readonly byVisitor = new Map<string, Set<VisitorConnection>>();

  add(connection: VisitorConnection): void {
    const set = this.byVisitor.get(connection.visitorId) ?? new Set();
    set.add(connection);
    this.byVisitor.set(connection.visitorId, set);
  }

  remove(connection: VisitorConnection): void {
    const set = this.byVisitor.get(connection.visitorId);
    set?.delete(connection);
    if (set?.size === 0) this.byVisitor.delete(connection.visitorId);
  }

  /** Delivers a live frame to every open socket of the visitor but `except`; returns how many. */
  push(visitorId: string, frame: ServerFrame, except?: VisitorConnection): number {
    let count = 0;
    for (const connection of this.byVisitor.get(visitorId) ?? []) {
      if (connection === except) continue;
      connection.deliver(frame);
      count += 1;
    }
    return count;
  }

  /** Closes every socket (the channel is stopping); widgets reconnect to another instance. */
  closeAll(code: number, reason: string): void {
    for (const set of this.byVisitor.values()) for (const c of set) c.close(code, reason);
    this.byVisitor.clear();
  }
}
