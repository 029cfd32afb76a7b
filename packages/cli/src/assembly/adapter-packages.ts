import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { isAdapterPackage, type AdapterPackage } from '@tvox-connector/core';

/** Loads packages named at run time, as `require` would from this module. */
const load = createRequire(__filename);

/** Our adapters' scope and prefix: `adapter: telegram` is `@tvox-connector/adapter-telegram`. */
const OWN_ADAPTER_PREFIX = '@tvox-connector/adapter-';

/**
 * The module specifier a channel's `adapter` names, by one rule: a path (`./acme-adapter`,
 * `/opt/acme`) is taken relative to `directory` (the configuration file's); a package name with a
 * scope or a dash (`@acme/tvox-adapter-acme`, `tvox-adapter-acme`) as it is; a bare word
 * (`telegram`) is one of ours, `@tvox-connector/adapter-<word>`.
 */
export function adapterSpecifier(adapter: string, directory: string): string {
  if (adapter.startsWith('.') || isAbsolute(adapter)) return resolve(directory, adapter);
  if (adapter.startsWith('@') || adapter.includes('-') || adapter.includes('/')) return adapter;
  return `${OWN_ADAPTER_PREFIX}${adapter}`;
}

/** Why an adapter package could not be loaded, in words that say what to do. */
export class AdapterLoadError extends Error {
  constructor(
    readonly specifier: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AdapterLoadError';
  }
}

/**
 * Loads the adapter package a channel names: resolved from `directory` (beside the
 * configuration), the working folder, then this command's own installation (where our adapters
 * are), and read for its `tvoxAdapter` export (an `AdapterPackage`). Throws
 * {@link AdapterLoadError} when it is not installed or exports no adapter.
 */
export function loadAdapterPackage(adapter: string, directory: string): AdapterPackage {
  const specifier = adapterSpecifier(adapter, directory);
  let path: string;
  try {
    path = load.resolve(specifier, {
      paths: [directory, process.cwd(), join(__dirname, '..', '..')],
    });
  } catch (error) {
    throw new AdapterLoadError(
      specifier,
      `unknown adapter "${adapter}": no package ${specifier} is installed; install it next to ` +
        `the configuration (npm install ${specifier}), or name an installed package or a path`,
      { cause: error },
    );
  }
  let loaded: unknown;
  try {
    loaded = load(path) as unknown;
  } catch (error) {
    throw new AdapterLoadError(
      specifier,
      `adapter package "${specifier}" failed to load: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const exported = (loaded as { tvoxAdapter?: unknown } | undefined)?.tvoxAdapter;
  if (!isAdapterPackage(exported)) {
    throw new AdapterLoadError(
      specifier,
      `"${specifier}" exports no tvoxAdapter (an AdapterPackage of @tvox-connector/core); ` +
        'is it a tvox-connector adapter?',
    );
  }
  return exported;
}
