import type { Logger } from '@tvox-connector/core';
import type { Sql } from './pool.js';
import { postgresFailure } from './postgres-errors.js';

/**
 * Sends the store's work notification after commits that enqueued work. It is sent on its own,
 * after the commit, not inside the transaction: a NOTIFY makes PostgreSQL serialise the commits
 * of every notifying transaction, which would take group commit away from accepts. Requests made
 * while one is being sent are coalesced into one more, so a busy instance sends about one per
 * round trip. A lost notification only delays other instances until their next idle look.
 */
export class WorkNotifier {
  private sending: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly sql: Sql,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** Asks for a notification to be sent soon. */
  notify(): void {
    if (this.sending !== undefined) {
      this.again = true;
      return;
    }
    this.sending = this.send();
  }

  /** Resolves once the notifications asked for so far were sent (or failed). */
  async drain(): Promise<void> {
    await this.sending;
  }

  private async send(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.sql.query(`NOTIFY ${this.channel}`);
      } catch (error) {
        this.logger.warn(
          { err: postgresFailure(error) },
          'notifying other instances of new work failed',
        );
      }
    } while (this.askedAgain());
    this.sending = undefined;
  }

  /** A call, so that the check after an `await` is not narrowed away by the compiler. */
  private askedAgain(): boolean {
    return this.again;
  }
}
