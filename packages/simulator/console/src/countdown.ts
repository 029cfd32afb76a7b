import { countdown } from './format.js';

/** Offers with less than this left are shown as urgent. */
const URGENT_MS = 10_000;

/**
 * Updates every offer countdown under `container`: elements with `data-expires-at` (epoch ms,
 * the simulator's `offerExpiresAt`) show the time left.
 */
export function tickCountdowns(container: ParentNode, now: number): void {
  for (const element of container.querySelectorAll<HTMLElement>('[data-expires-at]')) {
    const left = Number(element.dataset.expiresAt) - now;
    element.textContent = left > 0 ? `Expires in ${countdown(left)}` : 'Expiring…';
    element.classList.toggle('is-urgent', left <= URGENT_MS);
  }
}
