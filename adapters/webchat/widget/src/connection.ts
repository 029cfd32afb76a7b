import { ChannelError, identify, type Limits } from './api.js';
import type { WidgetStorage } from './storage.js';
import type { ClientFrame, ServerFrame, WidgetConfig } from './types.js';

/** What the visitor is told about the connection. */
export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'online' }
  | { readonly kind: 'offline'; readonly retryAt: number }
  | { readonly kind: 'refused'; readonly message: string };

/** What the connection reports to the widget. */
export interface ConnectionEvents {
  state(state: ConnectionState): void;
  frame(frame: ServerFrame): void;
  /** The replay after (re)connecting is complete: pending messages can go now. */
  ready(): void;
  /** What the channel accepts, once it said. */
  limits(limits: Limits): void;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** Heartbeats missed before a silent socket is given up for a new one. */
const MISSED_HEARTBEATS = 2.5;
/** The server refused the visitor token: get a new one. */
const TOKEN_REFUSED = 4401;

/**
 * The widget's socket: gets a token, connects, says hello with the last message the page showed,
 * and reconnects with exponential back-off (with jitter, at once when the browser comes back
 * online) for as long as the page is open.
 */
export class Connection {
  private socket: WebSocket | undefined;
  private ready = false;
  private attempt = 0;
  private timer: number | undefined;
  private watchdog: number | undefined;
  private heartbeatMs = 25_000;
  /** The host identity is presented once; the token carries it afterwards. */
  private identityPresented = false;

  constructor(
    private readonly config: WidgetConfig,
    private readonly storage: WidgetStorage,
    private readonly events: ConnectionEvents,
    /** The id of the last server message the page showed, for the replay. */
    private readonly lastShown: () => string | undefined,
  ) {
    window.addEventListener('online', () => {
      if (this.socket === undefined) this.connectNow();
    });
  }

  /** The visitor token, once the channel gave one. */
  get token(): string | undefined {
    return this.storage.token;
  }

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    this.connectNow();
  }

  /** Sends a frame if the socket is ready; false when it is not (the caller keeps it). */
  send(frame: ClientFrame): boolean {
    if (!this.ready || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private connectNow(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.events.state({ kind: 'connecting' });
    const config = this.identityPresented ? { ...this.config, identity: undefined } : this.config;
    let socketUrl: string;
    try {
      const identified = await identify(config, this.storage.token);
      this.storage.token = identified.token;
      this.identityPresented = true;
      socketUrl = identified.socketUrl;
      this.heartbeatMs = identified.heartbeatSeconds * 1000;
      this.events.limits(identified.limits);
    } catch (error) {
      if (error instanceof ChannelError && error.status >= 400 && error.status < 500) {
        this.events.state({ kind: 'refused', message: error.message });
        return;
      }
      this.retryLater();
      return;
    }
    const socket = new WebSocket(socketUrl);
    this.socket = socket;
    socket.addEventListener('open', () => {
      const after = this.lastShown();
      socket.send(
        JSON.stringify({
          type: 'hello',
          token: this.storage.token ?? '',
          ...(after === undefined ? {} : { after }),
        }),
      );
    });
    socket.addEventListener('message', (event) => {
      this.watch(socket);
      this.receive(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      if (event.code === TOKEN_REFUSED) this.storage.token = undefined;
      this.abandon(socket);
    });
    this.watch(socket);
  }

  /** Gives up on `socket` if nothing arrives on it for a while (a connection that died silently). */
  private watch(socket: WebSocket): void {
    window.clearTimeout(this.watchdog);
    this.watchdog = window.setTimeout(() => {
      if (this.socket === socket) this.abandon(socket);
    }, this.heartbeatMs * MISSED_HEARTBEATS);
  }

  /** Drops the socket (closing it, in case it still works) and reconnects after a back-off. */
  private abandon(socket: WebSocket): void {
    window.clearTimeout(this.watchdog);
    this.socket = undefined;
    this.ready = false;
    socket.close();
    this.retryLater();
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'heartbeat') return;
    if (frame.type === 'ready') {
      this.ready = true;
      this.attempt = 0;
      this.events.state({ kind: 'online' });
      this.events.ready();
      return;
    }
    this.events.frame(frame);
  }

  private retryLater(): void {
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.attempt += 1;
    this.events.state({ kind: 'offline', retryAt: Date.now() + delay });
    this.timer = window.setTimeout(() => {
      this.connectNow();
    }, delay);
  }
}
