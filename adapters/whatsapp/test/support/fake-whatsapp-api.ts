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
import { request } from 'undici';
import { signed } from './whatsapp-fixtures';

/** A message the fake accepted: the number it went out from, and its JSON body. */
export interface SentMessage {
  readonly phoneNumberId: string;
  readonly id: string;
  readonly body: MessageBody;
}

/** A Cloud API media object of a message body. */
interface MediaBody {
  readonly link?: string;
  readonly caption?: string;
  readonly filename?: string;
}

/** The parts of a `POST /{phone-number-id}/messages` body the fake reads. */
export interface MessageBody {
  readonly messaging_product?: string;
  /** `read` to mark `message_id`, a customer's message, as read. */
  readonly status?: string;
  readonly message_id?: string;
  readonly to?: string;
  readonly type?: string;
  readonly text?: { readonly body?: string };
  readonly image?: MediaBody;
  readonly video?: MediaBody;
  readonly audio?: MediaBody;
  readonly document?: MediaBody;
  readonly interactive?: {
    readonly type?: string;
    readonly header?: {
      readonly type?: string;
      readonly image?: MediaBody;
      readonly video?: MediaBody;
      readonly document?: MediaBody;
    };
    readonly body?: { readonly text?: string };
    readonly action?: {
      readonly buttons?: readonly {
        readonly reply?: { readonly id?: string; readonly title?: string };
      }[];
    };
  };
  readonly template?: { readonly name?: string; readonly language?: { readonly code?: string } };
}

/** A customer's file the fake holds, by media id. */
interface StoredMedia {
  readonly phoneNumberId: string;
  readonly mimeType: string;
  readonly bytes: Buffer;
}

/** A Graph error answer, as Meta's error reference shows it for the Cloud API. */
const graphError = (
  status: number,
  code: number,
  message: string,
  more: { error_subcode?: number; error_data?: { details: string } } = {},
  headers: Record<string, string> = {},
): FakeReply => ({
  status,
  headers,
  body: { error: { message, type: 'OAuthException', code, ...more, fbtrace_id: 'AzWa1b2C3' } },
});

/** Meta's own answer to each fault. */
function faultReply(fault: NetworkFault): FakeReply {
  switch (fault.kind) {
    case 'rate-limited':
      return graphError(
        429,
        130429,
        '(#130429) Rate limit hit',
        { error_data: { details: 'Cloud API message throughput has been reached.' } },
        { 'retry-after': String(fault.retryAfterSeconds) },
      );
    case 'server-error':
      return graphError(fault.status, 131000, '(#131000) Something went wrong');
    case 'refused':
      return graphError(400, 131026, '(#131026) Message undeliverable', {
        error_data: { details: 'Message Undeliverable.' },
      });
  }
}

/** The Cloud API's limits. */
const MAX_TEXT = 4096;
const MAX_INTERACTIVE_BODY = 1024;
const MAX_BUTTONS = 3;
const MAX_BUTTON_TITLE = 20;
const MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;

/**
 * The WhatsApp Cloud API faked on loopback, answering as Meta's reference shows:
 * `POST /v21.0/{phone-number-id}/messages` with the number's token as a bearer, answered
 * `{messaging_product, contacts: [{input, wa_id}], messages: [{id}]}`, or `{success: true}` to a
 * read mark; `GET /v21.0/{media-id}`
 * answering a short-lived `url` on its CDN, which serves the bytes only with the token; Graph
 * error bodies for a wrong token (190), a message over the limits (100, 131009) and the injected
 * faults (130429, 131000, 131026).
 */
export class FakeWhatsAppApi implements ConformanceNetwork {
  /** Messages accepted, in order. */
  readonly accepted: SentMessage[] = [];
  /** Customers' messages marked read, by `wamid`, in order. */
  readonly reads: string[] = [];
  private readonly media = new Map<string, StoredMedia>();
  private nextId = 0;
  private network!: FakeNetwork;

  private constructor(private readonly tokens: Readonly<Record<string, string>>) {}

  /** Starts a fake for business numbers and their tokens. */
  static async start(tokens: Readonly<Record<string, string>>): Promise<FakeWhatsAppApi> {
    const fake = new FakeWhatsAppApi(tokens);
    fake.network = await startFakeNetwork({
      routes: [
        {
          method: 'POST',
          path: /\/v21\.0\/(?<number>\d+)\/messages/,
          reply: (call, params) => fake.send(call, params.number ?? ''),
        },
        {
          method: 'GET',
          path: /\/v21\.0\/(?<media>[^/]+)/,
          reply: (call, params) => fake.mediaUrl(call, params.media ?? ''),
        },
        {
          method: 'GET',
          path: /\/whatsapp-cdn\/(?<media>[^/]+)/,
          faultable: false,
          reply: (call, params) => fake.download(call, params.media ?? ''),
        },
      ],
      fault: faultReply,
      notFound: () => graphError(400, 100, 'Unsupported request - method type: get'),
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

  /** Holds a file a customer sent to `phoneNumberId`, as WhatsApp does; its media id. */
  addMedia(phoneNumberId: string, mimeType: string, bytes: Buffer): string {
    const id = `${1_000_000_000_000 + this.media.size}`;
    this.media.set(id, { phoneNumberId, mimeType, bytes });
    return id;
  }

  /** Drops a file, as WhatsApp does after 30 days. */
  dropMedia(id: string): void {
    this.media.delete(id);
  }

  delivered(conversationId: string): Delivered[] {
    const [phoneNumberId, waId] = conversationId.split('-');
    return this.accepted.flatMap(({ phoneNumberId: number, body }): Delivered[] => {
      if (number !== phoneNumberId || body.to !== waId) return [];
      if (body.type === 'interactive') {
        const buttons = body.interactive?.action?.buttons ?? [];
        const head = body.interactive?.header;
        const file = head?.image ?? head?.video ?? head?.document;
        if (file !== undefined) {
          // The body under a file names it: the file is what was sent.
          return [
            {
              kind: 'file',
              url: file.link ?? '',
              quickReplies: buttons.map((b) => b.reply?.title ?? ''),
            },
          ];
        }
        return [
          {
            kind: 'text',
            text: body.interactive?.body?.text ?? '',
            quickReplies: buttons.map((b) => b.reply?.title ?? ''),
          },
        ];
      }
      if (body.type === 'template') {
        return [{ kind: 'text', text: `template:${body.template?.name ?? ''}`, quickReplies: [] }];
      }
      const media = MEDIA_TYPES.includes(body.type as (typeof MEDIA_TYPES)[number])
        ? body[body.type as (typeof MEDIA_TYPES)[number]]
        : undefined;
      if (media !== undefined) {
        return [
          {
            kind: 'file',
            url: media.link ?? '',
            ...(media.caption === undefined ? {} : { caption: media.caption }),
            quickReplies: [],
          },
        ];
      }
      return [{ kind: 'text', text: body.text?.body ?? '', quickReplies: [] }];
    });
  }

  /** Delivers a notification to a webhook as Meta does, signed; resolves with the status. */
  async deliver(webhookUrl: string, body: string): Promise<number> {
    const response = await request(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed(body) },
      body,
    });
    await response.body.dump();
    return response.statusCode;
  }

  close(): Promise<void> {
    return this.network.close();
  }

  private authorized(call: FakeCall, phoneNumberId: string): boolean {
    const token = this.tokens[phoneNumberId];
    return token !== undefined && call.headers.authorization === `Bearer ${token}`;
  }

  private send(call: FakeCall, phoneNumberId: string): FakeReply {
    if (!this.authorized(call, phoneNumberId)) {
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    let body: MessageBody;
    try {
      body = JSON.parse(call.body.toString('utf8')) as MessageBody;
    } catch {
      return graphError(400, 100, '(#100) Invalid parameter');
    }
    if (body.status !== undefined) return this.markRead(body);
    const refusal = refusalOf(body);
    if (refusal !== undefined) return refusal;
    const id = `wamid.HBgMfake${++this.nextId}`;
    this.accepted.push({ phoneNumberId, id, body });
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id }],
      },
    };
  }

  /** `{messaging_product, status: "read", message_id}`: answered `{success: true}`. */
  private markRead(body: MessageBody): FakeReply {
    if (body.status !== 'read' || !body.message_id?.startsWith('wamid.')) {
      return graphError(400, 100, '(#100) Invalid parameter');
    }
    this.reads.push(body.message_id);
    return { status: 200, body: { success: true } };
  }

  private mediaUrl(call: FakeCall, id: string): FakeReply {
    const media = this.media.get(id);
    const asked = call.query.phone_number_id;
    if (media === undefined || (asked !== undefined && asked !== media.phoneNumberId)) {
      return graphError(
        400,
        100,
        `(#100) Unsupported get request. Object with ID '${id}' does not exist`,
        {
          error_subcode: 33,
        },
      );
    }
    if (!this.authorized(call, media.phoneNumberId)) {
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        url: `${this.network.url}/whatsapp-cdn/${id}?ext=1&hash=ATuq`,
        mime_type: media.mimeType,
        sha256: 'a3f1',
        file_size: media.bytes.length,
        id,
      },
    };
  }

  private download(call: FakeCall, id: string): FakeReply {
    const media = this.media.get(id);
    if (media === undefined) return { status: 404, body: 'Not found' };
    if (!this.authorized(call, media.phoneNumberId)) return { status: 401, body: 'Unauthorized' };
    return {
      status: 200,
      headers: { 'content-type': media.mimeType, 'content-length': String(media.bytes.length) },
      body: media.bytes,
    };
  }
}

/** Why the Cloud API would refuse a message body, if it would. */
function refusalOf(body: MessageBody): FakeReply | undefined {
  if (body.messaging_product !== 'whatsapp') {
    return graphError(400, 100, '(#100) The parameter messaging_product is required.');
  }
  if (body.to === undefined || !/^\d+$/.test(body.to)) {
    return graphError(400, 100, '(#100) Invalid parameter', { error_data: { details: 'to' } });
  }
  switch (body.type) {
    case 'text': {
      const text = body.text?.body ?? '';
      return text.length === 0 || text.length > MAX_TEXT
        ? graphError(400, 100, "(#100) Param text['body'] must be at most 4096 characters long.")
        : undefined;
    }
    case 'interactive': {
      const text = body.interactive?.body?.text ?? '';
      const buttons = body.interactive?.action?.buttons ?? [];
      const ids = new Set(buttons.map((b) => b.reply?.id));
      const bad =
        body.interactive?.type !== 'button' ||
        text.length === 0 ||
        text.length > MAX_INTERACTIVE_BODY ||
        buttons.length === 0 ||
        buttons.length > MAX_BUTTONS ||
        ids.size !== buttons.length ||
        !headerIsValid(body.interactive.header) ||
        buttons.some(
          (b) =>
            (b.reply?.title ?? '').length === 0 || (b.reply?.title ?? '').length > MAX_BUTTON_TITLE,
        );
      return bad ? graphError(400, 131009, '(#131009) Parameter value is not valid') : undefined;
    }
    case 'template':
      return body.template?.name === undefined || body.template.language?.code === undefined
        ? graphError(400, 100, '(#100) Invalid parameter')
        : undefined;
    case 'image':
    case 'video':
    case 'audio':
    case 'document': {
      const media = body[body.type];
      if (media?.link === undefined) return graphError(400, 100, '(#100) Invalid parameter');
      return body.type === 'audio' && media.caption !== undefined
        ? graphError(400, 100, "(#100) Param audio['caption'] is not a valid parameter")
        : undefined;
    }
    default:
      return graphError(400, 100, '(#100) Invalid parameter');
  }
}

/** Whether an interactive message's header, if any, is a file by link of a type it takes. */
function headerIsValid(header: NonNullable<MessageBody['interactive']>['header']): boolean {
  if (header === undefined) return true;
  if (header.type !== 'image' && header.type !== 'video' && header.type !== 'document')
    return false;
  return header[header.type]?.link !== undefined;
}
