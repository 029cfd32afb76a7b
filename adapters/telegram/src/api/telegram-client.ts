import { NetworkApiError } from '@tvox-connector/core';
import { Api, GrammyError, HttpError } from 'grammy';
import type { ReplyKeyboardMarkup, Update } from 'grammy/types';
import { request } from 'undici';

/** Where and how the client reaches the Bot API. */
export interface TelegramClientOptions {
  readonly botToken: string;
  /** e.g. `https://api.telegram.org`, without a trailing slash. */
  readonly apiRoot: string;
  readonly timeoutSeconds: number;
}

/** How Telegram shows a file it fetches by URL. */
export type FileKind = 'photo' | 'document';

/** What goes with a file besides itself. */
export interface FileOptions {
  /** Shown under the file, as plain text (no parse mode). */
  readonly caption?: string;
  readonly keyboard?: ReplyKeyboardMarkup;
}

/** A file being downloaded from Telegram: its size if known, and its bytes as they come. */
export interface FileDownload {
  readonly size: number | undefined;
  readonly body: AsyncIterable<Uint8Array>;
}

const NETWORK = 'telegram';

/**
 * grammY types its signals as the `abort-controller` package's; at run time it only listens for
 * `abort`, which Node's own `AbortSignal` does the same way.
 */
type GrammySignal = Parameters<Api['getUpdates']>[1];
const grammySignal = (signal: AbortSignal | undefined) => signal as unknown as GrammySignal;

/**
 * Turns what a Bot API call threw into core's `NetworkApiError`. "The API said no" (grammY's
 * `GrammyError`: Telegram's `error_code`, `description` and `parameters.retry_after`) is kept apart
 * from "the call failed" (`HttpError`: no answer, or not a Bot API answer), which has no status and
 * is retried; its outcome is unknown unless the call surely never left (see `neverSent`). The error carries the method, Telegram's code and description, and no cause: what
 * it says never holds the bot token nor anything of the request (texts, captions, file URLs).
 */
export function toNetworkError(operation: string, error: unknown): NetworkApiError {
  if (error instanceof NetworkApiError) return error;
  if (error instanceof GrammyError) {
    const retryAfter = error.parameters.retry_after;
    // No cause: grammY's error keeps the request's payload (an agent's text, a caption, a file
    // URL), which would reach the logs with it.
    return new NetworkApiError(NETWORK, operation, error.description, {
      status: error.error_code,
      networkCode: `${error.error_code}: ${error.description}`,
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter * 1000 }),
    });
  }
  // No cause: the underlying fetch error names the URL, and the URL holds the bot token.
  const detail = error instanceof HttpError ? error.message : 'the Bot API could not be reached';
  return new NetworkApiError(NETWORK, operation, detail, { outcomeUnknown: !neverSent(error) });
}

/** Failures of a call that never reached Telegram: nothing was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Whether a call that got no answer surely never reached Telegram: the connection was refused
 * or the name did not resolve (the code sits under grammY's error, and under fetch's own). A
 * time-out or a connection cut may come after Telegram took the request: its outcome is unknown.
 */
function neverSent(error: unknown): boolean {
  let cause = error instanceof HttpError ? error.error : error;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && NOT_SENT.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The Bot API calls the adapter makes, through grammY's `Api` (whose API root can point at a local
 * Bot API server or a test's fake), each failure a `NetworkApiError`. Files are downloaded with
 * undici, streamed.
 */
export class TelegramClient {
  private readonly api: Api;

  constructor(private readonly options: TelegramClientOptions) {
    this.api = new Api(options.botToken, {
      apiRoot: options.apiRoot,
      timeoutSeconds: options.timeoutSeconds,
    });
  }

  /** Sends a plain text (no parse mode: nothing in it is taken for markup); its message id. */
  async sendText(chatId: string, text: string, keyboard?: ReplyKeyboardMarkup): Promise<number> {
    const sent = await this.call('sendMessage', () =>
      this.api.sendMessage(chatId, text, keyboard ? { reply_markup: keyboard } : {}),
    );
    return sent.message_id;
  }

  /**
   * Sends a file Telegram fetches from `url`, as a photo (5 MB at most) or a document (PDF, ZIP or
   * GIF, 20 MB at most), with a plain caption if given; its message id.
   */
  async sendFile(
    chatId: string,
    kind: FileKind,
    url: string,
    options: FileOptions = {},
  ): Promise<number> {
    const other = {
      ...(options.caption === undefined ? {} : { caption: options.caption }),
      ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
    };
    const sent =
      kind === 'photo'
        ? await this.call('sendPhoto', () => this.api.sendPhoto(chatId, url, other))
        : await this.call('sendDocument', () => this.api.sendDocument(chatId, url, other));
    return sent.message_id;
  }

  /** Shows "typing…" in the chat for a few seconds. */
  async sendTyping(chatId: string): Promise<void> {
    await this.call('sendChatAction', () => this.api.sendChatAction(chatId, 'typing'));
  }

  /** Long-polls for updates from `offset`, waiting up to `timeoutSeconds` for one. */
  getUpdates(offset: number, timeoutSeconds: number, signal: AbortSignal): Promise<Update[]> {
    return this.call('getUpdates', () =>
      this.api.getUpdates(
        { offset, timeout: timeoutSeconds, allowed_updates: ['message', 'edited_message'] },
        grammySignal(signal),
      ),
    );
  }

  /** Registers the webhook, with the secret Telegram sends back in every call. */
  async setWebhook(url: string, secretToken: string): Promise<void> {
    await this.call('setWebhook', () =>
      this.api.setWebhook(url, {
        secret_token: secretToken,
        allowed_updates: ['message', 'edited_message'],
      }),
    );
  }

  /** Removes the webhook (keeping pending updates), so that `getUpdates` may be used. */
  async deleteWebhook(signal?: AbortSignal): Promise<void> {
    await this.call('deleteWebhook', () =>
      this.api.deleteWebhook({ drop_pending_updates: false }, grammySignal(signal)),
    );
  }

  /** Downloads a file: `getFile` for its path, then its bytes from the Bot API's file URL. */
  async download(fileId: string): Promise<FileDownload> {
    const file = await this.call('getFile', () => this.api.getFile(fileId));
    if (file.file_path === undefined) {
      throw new NetworkApiError(NETWORK, 'getFile', 'Telegram gave no path for the file', {
        retryable: false,
      });
    }
    const url = `${this.options.apiRoot}/file/bot${this.options.botToken}/${file.file_path}`;
    let response;
    try {
      response = await request(url, {
        headersTimeout: this.options.timeoutSeconds * 1000,
        bodyTimeout: this.options.timeoutSeconds * 1000,
      });
    } catch (error) {
      // undici's error may name the URL, and the URL holds the token: keep only the error's kind.
      const kind = error instanceof Error ? error.name : 'error';
      throw new NetworkApiError(NETWORK, 'downloadFile', `the download failed (${kind})`);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new NetworkApiError(NETWORK, 'downloadFile', 'Telegram refused the download', {
        status: response.statusCode,
      });
    }
    const length = Number(response.headers['content-length']);
    return {
      size: Number.isSafeInteger(length) ? length : file.file_size,
      body: response.body,
    };
  }

  private async call<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toNetworkError(operation, error);
    }
  }
}
