import { NetworkApiError, basicAuthorization } from '@tvox-connector/core';
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { TwilioSender } from '../twilio-settings.js';

/** Where and as whom the client reaches the Messages API. */
export interface MessagesClientOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** e.g. `https://api.twilio.com`, without a trailing slash. */
  readonly apiRoot: string;
  readonly timeoutMs: number;
}

/** One message to create: a text, media by URL (MMS), or both. */
export interface CreateMessage {
  readonly to: string;
  readonly sender: TwilioSender;
  readonly body?: string;
  readonly mediaUrls: readonly string[];
}

const NETWORK = 'twilio';
const OPERATION = 'create message';

/** What the Messages API answers a created message with (the fields read). */
const CreatedMessage = z.object({ sid: z.string().min(1) });
/** Twilio's error document: its numeric `code` and `message`. */
const TwilioError = z.object({ code: z.number().optional(), message: z.string().optional() });

/**
 * The Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`), HTTP Basic with the
 * Account SID and Auth Token. Errors are `NetworkApiError`s: 429 and 5xx retryable (with
 * `Retry-After` when Twilio gives one), other 4xx permanent with Twilio's `code` and `message`.
 */
export class MessagesClient {
  constructor(private readonly options: MessagesClientOptions) {}

  /** Creates one message; resolves with its SID (`SM...` or `MM...`). */
  async create(message: CreateMessage): Promise<string> {
    const { accountSid, authToken, apiRoot, timeoutMs } = this.options;
    const form = new URLSearchParams();
    form.append('To', message.to);
    if ('messagingServiceSid' in message.sender) {
      form.append('MessagingServiceSid', message.sender.messagingServiceSid);
    } else {
      form.append('From', message.sender.from);
    }
    if (message.body !== undefined) form.append('Body', message.body);
    for (const url of message.mediaUrls) form.append('MediaUrl', url);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${apiRoot}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: basicAuthorization(accountSid, authToken),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw unanswered(error);
    }
    const json = await readJson(response);
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      const created = CreatedMessage.safeParse(json);
      if (created.success) return created.data.sid;
      // Twilio took it (2xx) but the SID cannot be read: do not send it again.
      throw new NetworkApiError(NETWORK, OPERATION, 'the Messages API answered without a sid', {
        status,
        retryable: false,
      });
    }
    const refused = TwilioError.safeParse(json);
    const code = refused.success ? refused.data.code : undefined;
    const detail = (refused.success ? refused.data.message : undefined) ?? `HTTP ${status}`;
    const retryAfterMs = retryAfter(response.headers['retry-after']);
    throw new NetworkApiError(
      NETWORK,
      OPERATION,
      code === undefined ? detail : `${code}: ${detail}`,
      {
        status,
        ...(code === undefined ? {} : { networkCode: String(code) }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    );
  }
}

async function readJson(response: Dispatcher.ResponseData): Promise<unknown> {
  const text = await response.body.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds, as milliseconds; undefined when absent or not a number. */
function retryAfter(header: string | string[] | undefined): number | undefined {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return header !== undefined && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

/** Failures of a call that surely never reached Twilio: nothing was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The call got no answer: retried, without a status. A refused connection sent nothing; a
 * time-out or a cut connection may come after Twilio took the message, so its outcome is
 * unknown. Only the error's code is kept: nothing of the request (the text, the number).
 */
function unanswered(error: unknown): NetworkApiError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const kind = typeof code === 'string' ? code : 'error';
  return new NetworkApiError(
    NETWORK,
    OPERATION,
    `the Messages API could not be reached (${kind})`,
    {
      outcomeUnknown: !NOT_SENT.has(kind),
    },
  );
}
