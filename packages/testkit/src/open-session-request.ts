import type { OpenSessionRequest } from '@tvox-connector/core';

/**
 * An `openSession` request for tests and benchmarks, with keys derived from `id` (request,
 * session, conversation and customer), on the `webchat` channel.
 */
export function openSessionRequest(id: string, serviceCode = 'SUPPORT'): OpenSessionRequest {
  return {
    request: { id: `req-${id}` },
    session: { id: `s-${id}`, serviceCode },
    channel: { id: 'webchat' },
    conversation: { id: `chat-${id}` },
    contact: { id, displayName: `Customer ${id}` },
  };
}
