import type { Agent, Desk } from './types.js';

const BASE = '/admin/api';

/** A request the admin API refused (or could not be made); `message` is the API's own. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

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

async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The simulator cannot be reached. Is it running?');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as ErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'HTTP',
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
    );
  }
  return payload as T;
}

const agentPath = (code: string): string => `/agents/${encodeURIComponent(code)}`;
const sessionPath = (code: string, sessionId: string): string =>
  `${agentPath(code)}/sessions/${encodeURIComponent(sessionId)}`;

/** The agent actions of the admin API. Every call rejects with {@link ApiError}. */
export const api = {
  login: (code: string, password?: string): Promise<Agent> =>
    call('POST', `${agentPath(code)}/login`, password === undefined ? {} : { password }),
  logout: (code: string): Promise<Agent> => call('POST', `${agentPath(code)}/logout`, {}),
  setPresence: (code: string, presence: 'available' | 'away'): Promise<Agent> =>
    call('POST', `${agentPath(code)}/presence`, { presence }),
  desk: (code: string): Promise<Desk> => call('GET', `${agentPath(code)}/desk`),
  accept: (code: string, sessionId: string): Promise<unknown> =>
    call('POST', `${sessionPath(code, sessionId)}/accept`, {}),
  decline: (code: string, sessionId: string): Promise<unknown> =>
    call('POST', `${sessionPath(code, sessionId)}/decline`, {}),
  typing: (code: string, sessionId: string): Promise<unknown> =>
    call('POST', `${sessionPath(code, sessionId)}/typing`, {}),
  reply: (code: string, sessionId: string, text: string): Promise<{ messageId: string }> =>
    call('POST', `${sessionPath(code, sessionId)}/reply`, { text }),
  close: (code: string, sessionId: string, reason?: string): Promise<unknown> =>
    call('POST', `${sessionPath(code, sessionId)}/close`, reason === undefined ? {} : { reason }),
};
