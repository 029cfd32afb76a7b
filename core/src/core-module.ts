import { ContainerModule } from 'inversify';
import { Clock } from './interfaces/clock.js';
import { Logger } from './interfaces/logger.js';
import { Metrics } from './interfaces/metrics.js';
import { noopMetrics } from './runtime/noop-metrics.js';
import { silentLogger } from './runtime/silent-logger.js';
import { SystemClock } from './runtime/system-clock.js';

/**
 * Binds core's defaults: the system clock, a silent logger and no-op metrics. An application
 * loads it first, then replaces `Logger` and `Metrics` with real ones (`container.rebind`).
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind<Clock>(Clock).to(SystemClock).inSingletonScope();
  bind<Logger>(Logger).toConstantValue(silentLogger);
  bind<Metrics>(Metrics).toConstantValue(noopMetrics);
});
