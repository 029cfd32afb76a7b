import { ContainerModule } from 'inversify';
import { Clock } from '../interfaces/clock.js';
import { Logger } from '../interfaces/logger.js';
import { Store } from '../interfaces/store.js';

/** What a store works with besides its configuration; each has a default when absent. */
export interface StoreDeps {
  /** Where every timestamp and lease time comes from; the system clock by default. */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * A module binding core's `Store` to a singleton that `create` builds from the configuration bound
 * to `configToken` and from core's `Clock` and `Logger` (load core's `coreModule` first, and bind
 * `configToken` to the configuration).
 */
export function storeModule(
  configToken: symbol,
  // Whatever type `create` takes, the configuration is what the application bound to the token:
  // the container cannot check it, so `create` validates it (a `ConfigError` when it is wrong).
  create: (config: never, deps: StoreDeps) => Store,
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Store>(Store)
      .toDynamicValue((context) =>
        create(context.get<never>(configToken), {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
        }),
      )
      .inSingletonScope();
  });
}
