import { createHmac } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { TvoxEvent } from '@tvox-connector/core';
import { Agent, request } from 'undici';
import type { Faults } from '../engine/faults.js';
import type { ConnectorRecord } from '../engine/records.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import { soapMessage } from '../soap/envelope.js';
import { WIRE_OPERATIONS, withWireEvents } from '../wire/wire-events.js';

/** Push retry and time-out settings. */
export interface PushOptions {
  /** First pause after a failed push; doubles up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Time allowed for one push, answer included. */
  readonly timeoutMs: number;
}

const DEFAULT_PUSH_OPTIONS: PushOptions = { retryBaseMs: 100, retryMaxMs: 5_000, timeoutMs: 5_000 };

type PushConnector = ConnectorRecord & {
  events: Extract<ConnectorRecord['events'], { mode: 'push' }>;
};

function isPush(connector: ConnectorRecord | undefined): connector is PushConnector {
  return connector?.events.mode === 'push';
}

/**
 * Delivers each push connector's events to its callback, in sequence order, batch by batch, and
 * acknowledges a batch only when the callback answered 2xx with `result: SUCCESS`; otherwise it
 * retries with exponential back-off, for ever (at least once). Injected faults deliver a push
 * twice, or split it and deliver the later half first.
 */
export class PushDispatcher {
  private readonly draining = new Set<string>();
  private readonly http = new Agent({ keepAliveTimeout: 10_000 });
  private readonly stopping = new AbortController();
  private readonly options: PushOptions;

  constructor(
    private readonly state: SimulatorState,
    private readonly faults: Faults,
    options: Partial<PushOptions> = {},
  ) {
    this.options = { ...DEFAULT_PUSH_OPTIONS, ...options };
    state.on('issued', (connectorCode) => {
      this.kick(connectorCode);
    });
  }

  /** Starts delivering a connector's pending events, unless a delivery loop already runs. */
  kick(connectorCode: string): void {
    if (this.stopping.signal.aborted || this.draining.has(connectorCode)) return;
    if (!isPush(this.state.connectors.get(connectorCode))) return;
    this.draining.add(connectorCode);
    // Start on the next turn, so that events issued together (QUEUED then BOOKED) go in one push.
    setImmediate(() => {
      void this.drain(connectorCode).finally(() => this.draining.delete(connectorCode));
    });
  }

  /** Stops every delivery loop and closes connections. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.http.close();
  }

  private async drain(connectorCode: string): Promise<void> {
    let failures = 0;
    for (;;) {
      const connector = this.state.connectors.get(connectorCode);
      if (this.stopping.signal.aborted || !isPush(connector)) return;
      const batch = connector.pending.slice(0, connector.events.batchSize);
      const last = batch.at(-1);
      if (last === undefined) return;
      if (await this.deliverBatch(connector, batch)) {
        failures = 0;
        this.state.acknowledge(connectorCode, last.sequence);
      } else {
        failures += 1;
        const pause = Math.min(
          this.options.retryMaxMs,
          this.options.retryBaseMs * 2 ** (failures - 1),
        );
        try {
          await delay(pause, undefined, { signal: this.stopping.signal });
        } catch {
          return;
        }
      }
    }
  }

  private async deliverBatch(connector: PushConnector, batch: TvoxEvent[]): Promise<boolean> {
    const half = Math.ceil(batch.length / 2);
    const parts =
      batch.length >= 2 && this.faults.takeReorderPush()
        ? [batch.slice(half), batch.slice(0, half)]
        : [batch];
    for (const part of parts) {
      if (!(await this.deliver(connector, part))) return false;
      if (this.faults.takeDuplicatePush() && !(await this.deliver(connector, part))) return false;
    }
    return true;
  }

  /** One push; true when the callback took it. */
  private async deliver(connector: PushConnector, events: TvoxEvent[]): Promise<boolean> {
    const { url, technology, auth } = connector.events;
    const payload = withWireEvents({ connectorCode: connector.code, events });
    const body =
      technology === 'rest'
        ? JSON.stringify(payload)
        : soapMessage('notifyEvents', WIRE_OPERATIONS.notifyEvents.input, payload, false);
    const headers: Record<string, string> = {
      'content-type': technology === 'rest' ? 'application/json' : 'text/xml; charset=utf-8',
    };
    if (auth.kind === 'basic') {
      headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    } else {
      headers[auth.header] = createHmac('sha256', auth.secret).update(body).digest('hex');
    }
    try {
      const response = await request(
        technology === 'rest' ? `${url.replace(/\/$/, '')}/events` : url,
        {
          method: 'POST',
          body,
          headers,
          dispatcher: this.http,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
          signal: this.stopping.signal,
        },
      );
      const text = await response.body.text();
      if (response.statusCode < 200 || response.statusCode >= 300) return false;
      return technology === 'rest'
        ? isJsonSuccess(text)
        : /<result>\s*SUCCESS\s*<\/result>/.test(text);
    } catch {
      return false;
    }
  }
}

function isJsonSuccess(text: string): boolean {
  try {
    return (JSON.parse(text) as { result?: unknown }).result === 'SUCCESS';
  } catch {
    return false;
  }
}
