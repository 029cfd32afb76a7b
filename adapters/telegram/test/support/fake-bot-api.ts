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
import type { Message, Update, User } from 'grammy/types';
import { request } from 'undici';
import { SECRET_TOKEN_HEADER } from '@tvox-connector/adapter-telegram';

/** The bot the fake serves, as `getMe` and sent messages show it. */
export const BOT: User = {
  id: 777000111,
  is_bot: true,
  first_name: 'Support Bot',
  username: 'support_bot',
};

/** A Bot API call the fake accepted, with its JSON parameters. */
export interface BotApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** A file the fake holds for `getFile` and the file URL. */
export interface FakeFile {
  readonly path: string;
  readonly bytes: Buffer;
}

const ok = (result: unknown): FakeReply => ({ status: 200, body: { ok: true, result } });
const apiError = (status: number, description: string, parameters?: object): FakeReply => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

/** The Bot API's limits: a text of 1-4096 characters, a caption of up to 1024. */
const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

/** Telegram's refusal of a text or caption beyond its limits, if it is. */
function tooLong(method: string, params: Record<string, unknown>): FakeReply | undefined {
  if (method === 'sendMessage') {
    const text = typeof params.text === 'string' ? params.text : '';
    if (text.trim() === '') return apiError(400, 'Bad Request: message text is empty');
    if (text.length > MAX_TEXT) return apiError(400, 'Bad Request: message is too long');
  } else if (typeof params.caption === 'string' && params.caption.length > MAX_CAPTION) {
    return apiError(400, 'Bad Request: message caption is too long');
  }
  return undefined;
}

/** Telegram's own answer to each fault, as the Bot API documents its errors. */
function faultReply(fault: NetworkFault): FakeReply {
  switch (fault.kind) {
    case 'rate-limited':
      return apiError(429, `Too Many Requests: retry after ${fault.retryAfterSeconds}`, {
        retry_after: fault.retryAfterSeconds,
      });
    case 'server-error':
      return apiError(fault.status, 'Bad Gateway');
    case 'refused':
      return apiError(403, 'Forbidden: bot was blocked by the user');
  }
}

/**
 * The Telegram Bot API faked on loopback: `/bot<token>/<method>` with JSON parameters and
 * `{ok, result}` answers, `/file/bot<token>/<path>` downloads, errors shaped as Telegram's
 * (`{ok: false, error_code, description, parameters: {retry_after}}`), texts and captions refused
 * beyond the Bot API's limits, long polling of queued updates, and webhook deliveries with the
 * secret token header.
 */
export class FakeBotApi implements ConformanceNetwork {
  /** Successful calls, in order. */
  readonly accepted: BotApiCall[] = [];
  /** The `offset` of every `getUpdates` call, in order. */
  readonly offsets: number[] = [];
  private readonly updates: Update[] = [];
  private readonly files = new Map<string, FakeFile>();
  private waiters: (() => void)[] = [];
  private nextMessageId = 1000;
  /** What every call with the bot's token is answered once the token was revoked. */
  private revoked: FakeReply | undefined;
  private network!: FakeNetwork;

  private constructor(readonly token: string) {}

  /** Starts a fake for the bot `token`; other tokens are answered 401. */
  static async start(token: string): Promise<FakeBotApi> {
    const fake = new FakeBotApi(token);
    fake.network = await startFakeNetwork({
      routes: [
        {
          method: 'POST',
          path: /\/bot(?<token>[^/]+)\/(?<method>\w+)/,
          reply: (call, params) => fake.api(call, params.token ?? '', params.method ?? ''),
        },
        {
          method: 'GET',
          path: /\/file\/bot(?<token>[^/]+)\/(?<path>.+)/,
          faultable: false,
          reply: (_call, params) => fake.download(params.token ?? '', params.path ?? ''),
        },
      ],
      fault: faultReply,
      notFound: () => apiError(404, 'Not Found'),
    });
    return fake;
  }

  /** The API root to give the adapter (`apiRoot`). */
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

  /** Successful calls of one method. */
  callsOf(method: string): Record<string, unknown>[] {
    return this.accepted.filter((c) => c.method === method).map((c) => c.params);
  }

  delivered(chatId: string): Delivered[] {
    return this.accepted.flatMap((call): Delivered[] => {
      const { params } = call;
      if (String(params.chat_id) !== chatId) return [];
      const markup = params.reply_markup as { keyboard?: { text: string }[][] } | undefined;
      const quickReplies = (markup?.keyboard ?? []).flat().map((button) => button.text);
      switch (call.method) {
        case 'sendMessage':
          return [{ kind: 'text', text: String(params.text), quickReplies }];
        case 'sendPhoto':
        case 'sendDocument': {
          const url = String(call.method === 'sendPhoto' ? params.photo : params.document);
          const caption = typeof params.caption === 'string' ? { caption: params.caption } : {};
          return [{ kind: 'file', url, ...caption, quickReplies }];
        }
        case 'sendChatAction':
          return [{ kind: 'typing' }];
        default:
          return [];
      }
    });
  }

  /** Holds a file for `getFile` and downloads. */
  addFile(fileId: string, file: FakeFile): void {
    this.files.set(fileId, file);
  }

  /**
   * The bot's token no longer works, as after BotFather's /revoke: every call is answered 401
   * Unauthorized, or 404 Not Found as Telegram answers a token that names no bot. A waiting long
   * poll answers at once.
   */
  revokeToken(status: 401 | 404 = 401): void {
    this.revoked = apiError(status, status === 401 ? 'Unauthorized' : 'Not Found');
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Queues an update for `getUpdates`; a waiting long poll answers at once. */
  queueUpdate(update: Update): void {
    this.updates.push(update);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Delivers an update to a webhook as Telegram does; resolves with the HTTP status. */
  async deliver(webhookUrl: string, update: Update, secretToken: string): Promise<number> {
    const response = await request(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_TOKEN_HEADER]: secretToken },
      body: JSON.stringify(update),
    });
    await response.body.dump();
    return response.statusCode;
  }

  close(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    return this.network.close();
  }

  private async api(call: FakeCall, token: string, method: string): Promise<FakeReply> {
    if (token !== this.token) return apiError(401, 'Unauthorized');
    if (this.revoked) return this.revoked;
    let params: Record<string, unknown>;
    try {
      params =
        call.body.length === 0
          ? {}
          : (JSON.parse(call.body.toString('utf8')) as Record<string, unknown>);
    } catch {
      return apiError(400, 'Bad Request: invalid JSON');
    }
    if (method === 'getUpdates') return ok(await this.poll(call, params));
    const reply = this.reply(method, params);
    if (reply.status === 200) this.accepted.push({ method, params });
    return reply;
  }

  private reply(method: string, params: Record<string, unknown>): FakeReply {
    switch (method) {
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
        return tooLong(method, params) ?? ok(this.message(params));
      case 'sendChatAction':
      case 'setWebhook':
      case 'deleteWebhook':
        return ok(true);
      case 'getMe':
        return ok(BOT);
      case 'getFile': {
        const fileId = String(params.file_id);
        const file = this.files.get(fileId);
        if (!file) return apiError(400, 'Bad Request: invalid file_id');
        return ok({
          file_id: fileId,
          file_unique_id: `u-${fileId}`,
          file_size: file.bytes.length,
          file_path: file.path,
        });
      }
      default:
        return apiError(404, 'Not Found: method not found');
    }
  }

  private message(params: Record<string, unknown>): Message {
    const chatId = Number(params.chat_id);
    return {
      message_id: ++this.nextMessageId,
      from: BOT,
      chat: { id: chatId, type: 'private', first_name: 'Customer' },
      date: Math.floor(Date.now() / 1000),
      ...(typeof params.text === 'string' ? { text: params.text } : {}),
    };
  }

  private async poll(call: FakeCall, params: Record<string, unknown>): Promise<Update[]> {
    const offset = Number(params.offset ?? 0);
    this.offsets.push(offset);
    // Telegram forgets updates below the offset: they are confirmed.
    const pending = this.updates.filter((u) => u.update_id >= offset);
    this.updates.splice(0, this.updates.length, ...pending);
    const waitMs = Math.min(Number(params.timeout ?? 0), 1) * 1000;
    if (this.updates.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.push(wake);
        call.signal.addEventListener('abort', wake, { once: true });
      });
    }
    return this.updates.filter((u) => u.update_id >= offset);
  }

  private download(token: string, path: string): FakeReply {
    if (token !== this.token) return { status: 401, body: 'Unauthorized' };
    const file = [...this.files.values()].find((f) => f.path === path);
    return file
      ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: file.bytes }
      : { status: 404, body: 'Not Found' };
  }
}
