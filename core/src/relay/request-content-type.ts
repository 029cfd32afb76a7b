import { UnsupportedContentTypeError } from '../errors/input-errors.js';
import type { WebhookHeaders } from '../interfaces/channel-adapter.js';
import { matchesContentType } from './fallback.js';

/** A `Content-Type` header's media type, parameters aside, in lower case; `''` when absent. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Refuses a request whose `Content-Type` is not one of `accepted` (or that has none) with an
 * `UnsupportedContentTypeError` (415), before anything reads its body.
 */
export function requireContentType(request: WebhookHeaders, accepted: readonly string[]): void {
  const type = mediaTypeOf(request.headers['content-type']);
  if (type === '' || !matchesContentType(accepted, type))
    throw new UnsupportedContentTypeError(type, accepted);
}
