import {
  startFakeNetwork,
  type ConformanceNetwork,
  type Delivered,
  type FakeCall,
  type FakeNetwork,
  type FakeReply,
  type NetworkFault,
  type QueuedFault,
} from '@tvox-connector/testkit';
import { HUB_SIGNATURE_HEADER, hubSignature } from '@tvox-connector/meta-graph';
import { request } from 'undici';

/** A Send API call the fake accepted: the Page it was made for, and its JSON body. */
export interface SendCall {
  readonly pageId: string;
  readonly body: SendBody;
}

/** The parts of a Send API body the fake reads. */
export interface SendBody {
  readonly recipient?: { readonly id?: string };
  readonly messaging_type?: string;
  readonly tag?: string;
  readonly sender_action?: string;
  readonly message?: {
    readonly text?: string;
    readonly attachment?: { readonly type?: string; readonly payload?: { readonly url?: string } };
    readonly quick_replies?: readonly { readonly title?: string; readonly payload?: string }[];
  };
}

/** A Graph error answer, as Meta's error reference shows it. */
const graphError = (
  status: number,
  code: number,
  message: string,
  more: { error_subcode?: number; is_transient?: boolean } = {},
  headers: Record<string, string> = {},
): FakeReply => ({
  status,
  headers,
  body: { error: { message, type: 'OAuthException', code, ...more, fbtrace_id: 'A1b2C3d4E5f' } },
});

/** Meta's own answer to each fault. */
function faultReply(fault: NetworkFault): FakeReply {
  switch (fault.kind) {
    case 'rate-limited':
      return graphError(
        429,
        613,
        'Calls to this api have exceeded the rate limit.',
        {},
        {
          'retry-after': String(fault.retryAfterSeconds),
        },
      );
    case 'server-error':
      return graphError(
        fault.status,
        2,
        'An unexpected error has occurred. Please retry your request later.',
        {
          is_transient: true,
        },
      );
    case 'refused':
      return graphError(400, 551, 'This person isn\u2019t available right now.', {
        error_subcode: 1545041,
      });
  }
}

/** The Send API's limits common to Messenger and Instagram: 13 quick replies of 20 characters. */
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;
const DAY_MS = 24 * 3600 * 1000;

/** What a fake Send API is for: the accounts it serves and the network's own limits. */
export interface FakeSendApiOptions {
  /** The access token of each Page (Messenger) or Instagram account id. */
  readonly tokens: Readonly<Record<string, string>>;
  /** The app secret notifications are signed with by {@link FakeSendApi.deliver}. */
  readonly appSecret: string;
  /** The longest text the network takes: 2,000 on Messenger, 1,000 on Instagram. */
  readonly maxText: number;
  /** The fake's clock, for the messaging window. */
  readonly now?: () => number;
}

/**
 * The Graph API's Send API (Messenger and Instagram Direct share it) faked on loopback, answering
 * as Meta's reference shows: `POST /v21.0/{Page or Instagram account id}/messages` with the
 * account's token as a bearer, `{recipient_id,
 * message_id}` for a message, `{recipient_id}` for a sender action; Graph error bodies for a
 * wrong token (190), a text or buttons over the limits (100), a reply outside the window
 * (10/2018278) and the injected faults. A CDN serves customers' files at `/cdn/...`.
 */
export class FakeSendApi implements ConformanceNetwork {
  /** Successful Send API calls, in order. */
  readonly accepted: SendCall[] = [];
  /** When each customer (PSID, IGSID) last wrote, for the messaging window; unset is "just now". */
  readonly lastWrote = new Map<string, number>();
  /** Whether Meta takes the `HUMAN_AGENT` tag from this app. */
  humanAgentApproved = false;
  private readonly files = new Map<string, Buffer>();
  private nextId = 0;
  private network!: FakeNetwork;

  private readonly tokens: Readonly<Record<string, string>>;
  private readonly now: () => number;

  private constructor(private readonly options: FakeSendApiOptions) {
    this.tokens = options.tokens;
    this.now = options.now ?? Date.now;
  }

  /** Starts a fake for the accounts and tokens of `options`. */
  static async start(options: FakeSendApiOptions): Promise<FakeSendApi> {
    const fake = new FakeSendApi(options);
    fake.network = await startFakeNetwork({
      routes: [
        {
          method: 'POST',
          path: /\/v21\.0\/(?<page>\d+)\/messages/,
          reply: (call, params) => fake.send(call, params.page ?? ''),
        },
        {
          method: 'GET',
          path: /\/cdn\/(?<name>.+)/,
          faultable: false,
          reply: (_call, params) => fake.download(params.name ?? ''),
        },
      ],
      fault: faultReply,
      notFound: () => graphError(400, 803, 'Some of the aliases you requested do not exist'),
    });
    return fake;
  }

  /** The API root to give the adapter (`graph.apiRoot`). */
  get apiRoot(): string {
    return this.network.url;
  }

  /** Every request received, faulted ones included. */
  get calls(): readonly FakeCall[] {
    return this.network.calls;
  }

  failNext(...faults: QueuedFault[]): void {
    this.network.failNext(...faults);
  }

  /** Holds a file on the fake CDN at `path` (its query, Meta's signature, is not checked); its URL. */
  addFile(path: string, bytes: Buffer): string {
    this.files.set(path.split('?')[0] ?? path, bytes);
    return `${this.network.url}/cdn/${path}`;
  }

  delivered(conversationId: string): Delivered[] {
    const [pageId, psid] = conversationId.split('-');
    return this.accepted.flatMap(({ pageId: page, body }): Delivered[] => {
      if (page !== pageId || body.recipient?.id !== psid) return [];
      if (body.sender_action === 'typing_on') return [{ kind: 'typing' }];
      const message = body.message ?? {};
      const quickReplies = (message.quick_replies ?? []).map((q) => q.title ?? '');
      if (message.attachment) {
        return [{ kind: 'file', url: message.attachment.payload?.url ?? '', quickReplies }];
      }
      return [{ kind: 'text', text: message.text ?? '', quickReplies }];
    });
  }

  /** Delivers a notification to a webhook as Meta does, signed; resolves with the status. */
  async deliver(webhookUrl: string, body: string): Promise<number> {
    const response = await request(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [HUB_SIGNATURE_HEADER]: hubSignature(this.options.appSecret, Buffer.from(body)),
      },
      body,
    });
    await response.body.dump();
    return response.statusCode;
  }

  close(): Promise<void> {
    return this.network.close();
  }

  private send(call: FakeCall, pageId: string): FakeReply {
    const token = this.tokens[pageId];
    if (token === undefined || call.headers.authorization !== `Bearer ${token}`) {
      return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    let body: SendBody;
    try {
      body = JSON.parse(call.body.toString('utf8')) as SendBody;
    } catch {
      return graphError(400, 100, '(#100) Invalid JSON');
    }
    const psid = body.recipient?.id;
    if (psid === undefined)
      return graphError(400, 100, '(#100) The parameter recipient is required');
    if (body.sender_action !== undefined) {
      this.accepted.push({ pageId, body });
      return { status: 200, body: { recipient_id: psid } };
    }
    const refusal = this.refusal(body, psid);
    if (refusal) return refusal;
    this.accepted.push({ pageId, body });
    return { status: 200, body: { recipient_id: psid, message_id: `m_fake-${++this.nextId}` } };
  }

  /** Why Meta would refuse a message, if it would. */
  private refusal(body: SendBody, psid: string): FakeReply | undefined {
    const message = body.message ?? {};
    if (message.text === undefined && message.attachment === undefined) {
      return graphError(400, 100, '(#100) Must send either message or state');
    }
    if (
      message.text !== undefined &&
      (message.text.length === 0 || message.text.length > this.options.maxText)
    ) {
      return graphError(
        400,
        100,
        `(#100) Length of param message[text] must be less than or equal to ${this.options.maxText}`,
      );
    }
    const replies = message.quick_replies ?? [];
    if (
      replies.length > MAX_QUICK_REPLIES ||
      replies.some((q) => (q.title ?? '').length > MAX_TITLE)
    ) {
      return graphError(400, 100, '(#100) param message[quick_replies] is invalid');
    }
    const since = this.now() - (this.lastWrote.get(psid) ?? this.now());
    const tagged = body.messaging_type === 'MESSAGE_TAG' && body.tag === 'HUMAN_AGENT';
    if (body.messaging_type === 'RESPONSE' && since <= DAY_MS) return undefined;
    if (tagged && this.humanAgentApproved && since <= 7 * DAY_MS) return undefined;
    if (tagged || body.messaging_type === 'RESPONSE') {
      return graphError(400, 10, '(#10) This message is sent outside of allowed window.', {
        error_subcode: 2018278,
      });
    }
    return graphError(400, 100, '(#100) The parameter messaging_type is required');
  }

  private download(name: string): FakeReply {
    const bytes = this.files.get(name);
    return bytes
      ? {
          status: 200,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(bytes.length),
          },
          body: bytes,
        }
      : { status: 404, body: 'URL signature expired' };
  }
}
