import { z } from 'zod';

/**
 * Faults to inject, as the admin API takes them. Each setting adds to what is already injected;
 * `DELETE /admin/api/faults` clears them all.
 */
export const FaultSettings = z.object({
  /** Delay added before every answer on the TVox endpoints (SOAP, REST, descriptions). */
  latencyMs: z.int().nonnegative().optional(),
  /** The next `count` calls on the TVox endpoints answer `status` (a 5xx) instead of working. */
  failNext: z
    .object({ count: z.int().positive(), status: z.int().min(500).max(599).default(503) })
    .optional(),
  /** A full outage of the TVox endpoints for this many seconds. */
  outage: z
    .object({
      seconds: z.number().positive(),
      /** `unavailable` answers 503; `reset` drops the connection without an answer. */
      mode: z.enum(['unavailable', 'reset']).default('unavailable'),
    })
    .optional(),
  /** The next N pushes are each delivered twice. */
  duplicatePushes: z.int().nonnegative().optional(),
  /** The next N pushes are split in two and the later half is delivered first. */
  reorderPushes: z.int().nonnegative().optional(),
});
/** Faults to inject. */
export type FaultSettings = z.infer<typeof FaultSettings>;
/** Faults as written, before defaults. */
export type FaultSettingsInput = z.input<typeof FaultSettings>;

/** What happens to one call on the TVox endpoints. */
export type CallFate =
  | { readonly kind: 'pass'; readonly latencyMs: number }
  | { readonly kind: 'fail'; readonly latencyMs: number; readonly status: number }
  | { readonly kind: 'reset' };

/** The injected faults now in force, and what is left of them. */
export interface FaultStatus {
  readonly latencyMs: number;
  readonly failNext: number;
  readonly failStatus: number;
  readonly outageUntil?: string;
  readonly outageMode: 'unavailable' | 'reset';
  readonly duplicatePushes: number;
  readonly reorderPushes: number;
}

/** Holds injected faults and decides, call by call, what each one does. */
export class Faults {
  private latencyMs = 0;
  private failNext = 0;
  private failStatus = 503;
  private outageUntil = 0;
  private outageMode: 'unavailable' | 'reset' = 'unavailable';
  private duplicatePushes = 0;
  private reorderPushes = 0;

  constructor(private readonly now: () => number) {}

  inject(settings: FaultSettings): void {
    if (settings.latencyMs !== undefined) this.latencyMs = settings.latencyMs;
    if (settings.failNext) {
      this.failNext += settings.failNext.count;
      this.failStatus = settings.failNext.status;
    }
    if (settings.outage) {
      this.outageUntil = this.now() + settings.outage.seconds * 1000;
      this.outageMode = settings.outage.mode;
    }
    this.duplicatePushes += settings.duplicatePushes ?? 0;
    this.reorderPushes += settings.reorderPushes ?? 0;
  }

  clear(): void {
    this.latencyMs = 0;
    this.failNext = 0;
    this.outageUntil = 0;
    this.duplicatePushes = 0;
    this.reorderPushes = 0;
  }

  /** Decides the fate of one incoming call, consuming a `failNext` if one is left. */
  nextCall(): CallFate {
    if (this.now() < this.outageUntil) {
      return this.outageMode === 'reset'
        ? { kind: 'reset' }
        : { kind: 'fail', latencyMs: this.latencyMs, status: 503 };
    }
    if (this.failNext > 0) {
      this.failNext -= 1;
      return { kind: 'fail', latencyMs: this.latencyMs, status: this.failStatus };
    }
    return { kind: 'pass', latencyMs: this.latencyMs };
  }

  /** Whether the next push is to be delivered twice (consumes one). */
  takeDuplicatePush(): boolean {
    if (this.duplicatePushes === 0) return false;
    this.duplicatePushes -= 1;
    return true;
  }

  /** Whether the next push is to be delivered out of order (consumes one). */
  takeReorderPush(): boolean {
    if (this.reorderPushes === 0) return false;
    this.reorderPushes -= 1;
    return true;
  }

  status(): FaultStatus {
    return {
      latencyMs: this.latencyMs,
      failNext: this.failNext,
      failStatus: this.failStatus,
      ...(this.now() < this.outageUntil
        ? { outageUntil: new Date(this.outageUntil).toISOString() }
        : {}),
      outageMode: this.outageMode,
      duplicatePushes: this.duplicatePushes,
      reorderPushes: this.reorderPushes,
    };
  }
}
