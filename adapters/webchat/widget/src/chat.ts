import { ChannelError, upload, type Limits } from './api.js';
import { Connection } from './connection.js';
import { randomId } from './dom.js';
import { Panel } from './panel.js';
import { WidgetStorage } from './storage.js';
import { Transcript } from './transcript.js';
import type {
  MessageFrame,
  PendingMessage,
  QuickReply,
  ServerFrame,
  WidgetConfig,
} from './types.js';

/** How long a message the server could not store just now waits before it is sent again. */
const RETRY_AFTER_MS = 3000;

/** The visitor's typing is announced at most this often. */
const TYPING_EVERY_MS = 3000;

function pendingView(message: PendingMessage): MessageFrame {
  return {
    type: 'message',
    id: message.clientId,
    origin: 'visitor',
    ...(message.text === undefined ? {} : { text: message.text }),
    attachments: message.files ?? [],
    quickReplies: [],
    at: message.at,
  };
}

/**
 * The chat widget. What the visitor writes is kept in storage until the server acknowledges it,
 * and sent again after any reconnect (the server dedupes on its client id), so nothing is lost or
 * doubled; what arrives is shown once, by id; messages shown while the chat is open and the page
 * visible are reported read.
 */
export class WebchatWidget {
  private readonly storage: WidgetStorage;
  private readonly transcript = new Transcript((reply) => {
    this.quickReply(reply);
  });
  private readonly panel: Panel;
  private readonly connection: Connection;
  private lastServerMessage: string | undefined;
  private unread: string[] = [];
  private lastTyping = 0;
  private limits: Limits | undefined;
  /** Client ids of pending messages waiting to be sent again after a retryable refusal. */
  private readonly retrying = new Set<string>();

  constructor(private readonly config: WidgetConfig) {
    this.storage = new WidgetStorage(`tvox-webchat:${config.base}:`);
    this.panel = new Panel(config.title, this.transcript.element, {
      submit: (text) => {
        this.write({ text });
      },
      attach: (file) => void this.attach(file),
      typing: () => {
        this.typing();
      },
      toggled: () => {
        this.reportRead();
      },
    });
    this.connection = new Connection(
      config,
      this.storage,
      {
        state: (state) => {
          this.panel.showState(state);
        },
        frame: (frame) => {
          this.receive(frame);
        },
        ready: () => {
          this.flush();
        },
        limits: (limits) => {
          this.limits = limits;
          this.panel.applyLimits(limits);
        },
      },
      () => this.lastServerMessage,
    );
    document.addEventListener('visibilitychange', () => {
      this.reportRead();
    });
  }

  /** Puts the widget on the page and connects. */
  mount(): void {
    document.body.append(this.panel.host);
    for (const message of this.storage.pending())
      this.transcript.add(pendingView(message), 'sending');
    if (this.config.startOpen) this.panel.setOpen(true);
    this.connection.start();
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        this.showMessage(frame);
        return;
      case 'ack':
        this.storage.removePending(frame.clientId);
        this.transcript.setStatus(frame.clientId, 'sent');
        return;
      case 'typing':
        this.panel.showTyping(frame.agentName);
        return;
      case 'error':
        if (frame.clientId === undefined) return;
        if (frame.retryable) {
          this.retryLater(frame.clientId, frame.retryAfterMs);
          return;
        }
        // Refused for good (too long, a bad file): sending it again would not help.
        this.storage.removePending(frame.clientId);
        this.transcript.setStatus(frame.clientId, 'failed', frame.message);
        return;
      case 'ready':
        return;
    }
  }

  private showMessage(frame: MessageFrame): void {
    if (frame.origin === 'visitor') {
      // Stored by the server: from another tab, from history, or an ack lost with a connection.
      this.storage.removePending(frame.id);
      this.transcript.add(frame, 'sent');
      return;
    }
    this.lastServerMessage = frame.id;
    if (frame.origin === 'agent') this.panel.hideTyping();
    if (!this.transcript.add(frame)) return;
    this.unread.push(frame.id);
    this.reportRead();
  }

  /** Reports the messages shown since the last report as read, if the visitor can see them. */
  private reportRead(): void {
    const seen = this.panel.isOpen && document.visibilityState === 'visible';
    if (
      seen &&
      this.unread.length > 0 &&
      this.connection.send({ type: 'receipt', status: 'read', ids: this.unread })
    )
      this.unread = [];
    this.panel.setUnread(seen ? 0 : this.unread.length);
  }

  private write(
    content: Pick<PendingMessage, 'text' | 'attachments' | 'files' | 'quickReplyPayload'>,
  ): void {
    const message: PendingMessage = {
      type: 'message',
      clientId: randomId(),
      ...content,
      locale: navigator.language,
      at: Date.now(),
    };
    this.storage.addPending(message);
    this.transcript.add(pendingView(message), 'sending');
    this.sendPending(message);
  }

  private sendPending(message: PendingMessage): void {
    this.connection.send({
      type: 'message',
      clientId: message.clientId,
      ...(message.text === undefined ? {} : { text: message.text }),
      ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
      ...(message.quickReplyPayload === undefined
        ? {}
        : { quickReplyPayload: message.quickReplyPayload }),
      ...(message.locale === undefined ? {} : { locale: message.locale }),
    });
  }

  /** After (re)connecting: sends what is not acknowledged yet, oldest first, and pending reads. */
  private flush(): void {
    for (const message of this.storage.pending()) {
      this.transcript.add(pendingView(message), 'sending');
      this.sendPending(message);
    }
    this.reportRead();
  }

  /** Sends a pending message again after a while (the server could not store it just now). */
  private retryLater(clientId: string, afterMs = RETRY_AFTER_MS): void {
    if (this.retrying.has(clientId)) return;
    this.retrying.add(clientId);
    window.setTimeout(
      () => {
        this.retrying.delete(clientId);
        const message = this.storage.pending().find((m) => m.clientId === clientId);
        if (message) this.sendPending(message);
      },
      Math.max(afterMs, RETRY_AFTER_MS),
    );
  }

  private quickReply(reply: QuickReply): void {
    this.write({ text: reply.title, quickReplyPayload: reply.payload ?? reply.title });
  }

  private typing(): void {
    const now = Date.now();
    if (now - this.lastTyping < TYPING_EVERY_MS) return;
    this.lastTyping = now;
    this.connection.send({ type: 'typing' });
  }

  private async attach(file: File): Promise<void> {
    const token = this.connection.token;
    if (token === undefined) {
      this.panel.showNotice('Files can be sent once the chat is connected.');
      return;
    }
    if (this.limits !== undefined && file.size > this.limits.maxFileBytes) {
      const megabytes = (this.limits.maxFileBytes / (1024 * 1024)).toFixed(1);
      this.panel.showNotice(`${file.name} was not sent: files up to ${megabytes} MB are accepted.`);
      return;
    }
    this.panel.showNotice(`Uploading ${file.name}…`);
    try {
      const uploaded = await upload(this.config, token, file);
      this.panel.showNotice('');
      const { reference, ...shown } = uploaded;
      this.write({ attachments: [reference], files: [shown] });
    } catch (error) {
      this.panel.showNotice(
        error instanceof ChannelError
          ? `${file.name} was not sent: ${error.message}`
          : `${file.name} was not sent.`,
      );
    }
  }
}
