import {
  InvalidInputError,
  NetworkApiError,
  SignatureError,
  safeEqual,
  type Capabilities,
  type ChannelAdapter,
  type InboundMessage,
  type OutboundActivity,
  type ParseResult,
  type SendReceipt,
  type WebhookRequest,
} from '@tvox-connector/core';

/** A failure the fake network answers a send with. */
export type SendFault =
  /** This send goes through: lets a test make a later send fail. */
  | { readonly status: 200 }
  | { readonly status: 500 }
  | { readonly status: 429; readonly retryAfterMs: number }
  | { readonly status: 403 }
  /** The call was made and no answer came back: it may have reached the customer. */
  | { readonly status: 'no answer' };

/** A webhook body of the fake network. */
export interface FakeUpdate {
  readonly id: string;
  readonly chat: string;
  readonly from: string;
  readonly text: string;
  readonly locale?: string;
}

/**
 * A small but real channel adapter for relay tests: webhooks carry a shared token header and a
 * JSON update; sends are recorded, and can be made to fail as a network would (5xx, 429 with a
 * retry-after, 403 for a blocked user).
 */
export class FakeChannel implements ChannelAdapter {
  readonly network = 'fake';
  readonly capabilities: Capabilities = { maxTextLength: 1000, typing: true, readReceipts: true };
  readonly sent: OutboundActivity[] = [];
  /** Whether the network tells a repeated send from a new message; a test may change it. */
  idempotentSend = false;
  private faults: SendFault[] = [];
  private nextId = 0;

  constructor(
    readonly channel: string,
    private readonly token = 'fake-token',
  ) {}

  /** The next sends fail with these faults, in order. */
  failNext(...faults: SendFault[]): void {
    this.faults.push(...faults);
  }

  /** Texts of the messages sent to one chat, in order. */
  textsTo(chat: string): string[] {
    return this.sent.flatMap((a) =>
      a.kind === 'message' && a.conversation.id === chat ? [a.text ?? ''] : [],
    );
  }

  verify(request: WebhookRequest): void {
    if (!safeEqual(request.headers['x-fake-token'] ?? '', this.token))
      throw new SignatureError('wrong x-fake-token');
  }

  parse(request: WebhookRequest): ParseResult {
    let update: FakeUpdate;
    try {
      update = JSON.parse(request.rawBody.toString('utf8')) as FakeUpdate;
    } catch {
      throw new InvalidInputError('fake update', [{ path: '', message: 'not JSON' }]);
    }
    if (update.text === '') return { kind: 'ignored', reason: 'empty update' };
    return { kind: 'activities', activities: [this.message(update)] };
  }

  /** The inbound message an update becomes. */
  message(update: FakeUpdate): InboundMessage {
    return {
      kind: 'message',
      networkMessageId: update.id,
      conversation: { channel: this.channel, id: update.chat },
      sender: {
        id: update.from,
        displayName: `Customer ${update.from}`,
        ...(update.locale ? { locale: update.locale } : {}),
      },
      text: update.text,
      attachments: [],
      sentAt: new Date().toISOString(),
    };
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    const fault = this.faults.shift();
    if (fault?.status === 'no answer') {
      throw new NetworkApiError('fake', 'send', 'no answer within the time-out', {
        outcomeUnknown: true,
      });
    }
    if (fault && fault.status !== 200) {
      throw new NetworkApiError('fake', 'send', `HTTP ${fault.status}`, {
        status: fault.status,
        ...(fault.status === 429 ? { retryAfterMs: fault.retryAfterMs } : {}),
      });
    }
    this.sent.push(activity);
    return { networkMessageIds: activity.kind === 'message' ? [`net-${++this.nextId}`] : [] };
  }
}
