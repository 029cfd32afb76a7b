import { setTimeout as delay } from 'node:timers/promises';
import { injectable } from 'inversify';
import type { Clock } from '../interfaces/clock.js';

/** The real clock: wall time and timers. */
@injectable()
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await delay(ms, undefined, signal ? { signal } : {});
    } catch (error) {
      // Node rejects with a generic AbortError; callers expect the reason they aborted with.
      throw signal?.aborted ? (signal.reason as unknown) : error;
    }
  }
}
