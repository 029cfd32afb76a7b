import { StoreError } from '../errors/store-error.js';

/**
 * Whether a store takes an operation: only once `migrate()` opened it, and never after `close()`
 * was called (the work already called still finishes). It holds what the store opened (its
 * database, or nothing), so that an operation gets it only through the check.
 */
export class StoreGate<T = void> {
  private resource: { readonly value: T } | undefined;
  private closing: Promise<void> | undefined;

  /** Notes that `migrate()` opened the store with `resource`; a second open keeps the first. */
  open(resource: T): void {
    this.resource ??= { value: resource };
  }

  /** What the store opened, for `operation`; a `StoreError` when it is not open or is closed. */
  opened(operation: string): T {
    this.assertNotClosed(operation);
    if (this.resource === undefined) {
      throw new StoreError(operation, 'the store is not open: call migrate() first', {
        retryable: false,
      });
    }
    return this.resource.value;
  }

  /** A `StoreError` for `operation` once `close()` was called (`migrate()` may run before open). */
  assertNotClosed(operation: string): void {
    if (this.closing !== undefined) {
      throw new StoreError(operation, 'the store is closed', { retryable: false });
    }
  }

  /**
   * Closes the gate and runs `shutDown` once, however often it is called: every call resolves
   * when that shut-down did.
   */
  close(shutDown: () => Promise<void>): Promise<void> {
    this.closing ??= shutDown();
    return this.closing;
  }
}
