import { TransportCallError } from '../../errors/transport-errors.js';
import type { TvoxHttpAnswer } from './tvox-http-client.js';

/**
 * The text of a description answer, or, when it is not 200, a `TransportCallError`
 * (`http-status`; retryable only for statuses that may pass, such as 503).
 */
export function descriptionText(source: string, answer: TvoxHttpAnswer): string {
  if (answer.status === 200) return answer.text;
  throw new TransportCallError(
    'loadDescription',
    'http-status',
    `GET ${source} answered HTTP ${answer.status}`,
    answer.status,
  );
}
