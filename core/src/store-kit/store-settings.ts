import type { z } from 'zod';
import { ConfigError } from '../errors/input-errors.js';
import { validate } from '../errors/validation-issue.js';

/**
 * Validates a store's `config` against `settings` (its variant of the connector configuration's
 * `store` section, `StoreConfig`) and applies defaults; throws `ConfigError` listing every
 * problem, each at its path under `store`, as the connector configuration names it.
 */
export function resolveStoreSettings<S extends z.ZodType>(
  settings: S,
  config: z.input<S>,
): z.output<S> {
  const result = validate(settings, config);
  if (!result.ok) {
    throw new ConfigError(
      result.issues.map((i) => ({ ...i, path: i.path === '' ? 'store' : `store.${i.path}` })),
    );
  }
  return result.value;
}
