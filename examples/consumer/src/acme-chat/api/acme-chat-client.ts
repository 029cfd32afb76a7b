import { NetworkApiError } from '@tvox-connector/core';
import { z } from 'zod';

/** Where and how the client reaches the Acme Chat API. */
export interface AcmeChatClientOptions {
  readonly apiUrl: string;
  readonly accessToken: string;
  readonly timeoutMs: number;
}

/** What Acme Chat answers a message it took. */
const SentMessage = z.looseObject({ id: z.string().min(1) });
/** What Acme Chat answers a call it refused. */
const AcmeError = z.looseObject({ error: z.string() });

const NETWORK = 'acme-chat';
const OPERATION = 'sendMessage';

/** `Retry-After` in seconds, as milliseconds; `undefined` when absent or not a number. */
function retryAfterMs(header: string | null): number | undefined {
  const seconds = Number(header ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * The one Acme Chat API call the adapter makes: `POST {apiUrl}/chats/{chatId}/messages`. Each
 * failure is a `NetworkApiError`, with the status when the API answered and without one when the
 * call failed; core retries what is retryable, the client never does.
 */
export class AcmeChatClient {
  constructor(private readonly options: AcmeChatClientOptions) {}

  /** Sends one text to a chat; resolves with Acme Chat's id of the message. */
  async sendText(chatId: string, text: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(
        `${this.options.apiUrl}/chats/${encodeURIComponent(chatId)}/messages`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.options.accessToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ text }),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        },
      );
    } catch (error) {
      throw new NetworkApiError(NETWORK, OPERATION, 'the call failed', {}, { cause: error });
    }
    const body = await response.text();
    if (!response.ok) {
      const refusal = AcmeError.safeParse(safeJson(body));
      throw new NetworkApiError(
        NETWORK,
        OPERATION,
        refusal.success ? refusal.data.error : `HTTP ${response.status}`,
        {
          status: response.status,
          retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
          ...(refusal.success ? { networkCode: refusal.data.error } : {}),
        },
      );
    }
    const sent = SentMessage.safeParse(safeJson(body));
    if (!sent.success)
      throw new NetworkApiError(NETWORK, OPERATION, 'an answer without the message id', {
        status: response.status,
        retryable: false,
      });
    return sent.data.id;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
