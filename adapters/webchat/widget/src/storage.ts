import type { PendingMessage } from './types.js';

/**
 * What the widget keeps in the browser, per channel: the visitor token (so a returning visitor
 * finds their conversation) and the messages not yet acknowledged (so none is lost to a reload or
 * a dropped connection). Pages where storage is blocked keep them in memory for the visit.
 */
export class WidgetStorage {
  private readonly memory = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  get token(): string | undefined {
    return this.read('token') ?? undefined;
  }

  set token(value: string | undefined) {
    this.write('token', value);
  }

  /** Messages written and not yet acknowledged, oldest first. */
  pending(): PendingMessage[] {
    try {
      const value: unknown = JSON.parse(this.read('outbox') ?? '[]');
      return Array.isArray(value) ? (value as PendingMessage[]) : [];
    } catch {
      return [];
    }
  }

  addPending(message: PendingMessage): void {
    this.write('outbox', JSON.stringify([...this.pending(), message]));
  }

  removePending(clientId: string): void {
    this.write('outbox', JSON.stringify(this.pending().filter((m) => m.clientId !== clientId)));
  }

  private read(key: string): string | null {
    try {
      return localStorage.getItem(this.prefix + key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  }

  private write(key: string, value: string | undefined): void {
    try {
      if (value === undefined) localStorage.removeItem(this.prefix + key);
      else localStorage.setItem(this.prefix + key, value);
    } catch {
      if (value === undefined) this.memory.delete(key);
      else this.memory.set(key, value);
    }
  }
}
