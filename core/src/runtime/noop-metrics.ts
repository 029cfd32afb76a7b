import type { Metrics } from '../interfaces/metrics.js';

const discard = (): void => undefined;

/** Metrics that record nothing: the default until the application binds an exporter. */
export const noopMetrics: Metrics = {
  increment: discard,
  set: discard,
  observe: discard,
};
