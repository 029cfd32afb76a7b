import type { FileInfo, WidgetConfig } from './types.js';

/** A request the channel refused; `code` is its error code (`NETWORK` when it was unreachable). */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ChannelError(0, 'NETWORK', 'The chat cannot be reached right now.');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as ErrorBody | undefined)?.error;
    throw new ChannelError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'HTTP',
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
    );
  }
  return payload as T;
}

/** What the channel accepts from the visitor. */
export interface Limits {
  readonly maxTextLength: number;
  readonly maxFileBytes: number;
  /** MIME types, `type/*` wildcards allowed. */
  readonly fileTypes: readonly string[];
}

/** What the channel answers a starting widget. */
export interface Identified {
  readonly token: string;
  readonly visitorId: string;
  readonly socketUrl: string;
  /** How often the server sends a heartbeat on the socket. */
  readonly heartbeatSeconds: number;
  readonly limits: Limits;
}

/** Presents the kept token (and the host identity) and gets the visitor's token. */
export function identify(config: WidgetConfig, token: string | undefined): Promise<Identified> {
  return call<Identified>(new URL('visitor', config.base).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(token === undefined ? {} : { token }),
      ...(config.identity === undefined ? {} : { identity: config.identity }),
    }),
  });
}

/** An uploaded file: its reference for the message, and how to show it. */
export interface Uploaded extends FileInfo {
  readonly reference: string;
}

/** Uploads one file; the channel checks its size and type (413, 415). */
export function upload(config: WidgetConfig, token: string, file: File): Promise<Uploaded> {
  return call<Uploaded>(new URL('files', config.base).href, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': file.type === '' ? 'application/octet-stream' : file.type,
      'x-file-name': encodeURIComponent(file.name),
    },
    body: file,
  });
}
