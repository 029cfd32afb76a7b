import { ConfigError, type ValidationIssue } from '@tvox-connector/core';
import { parse as parseYamlScalar } from 'yaml';

/** Prefix of the environment variables that override settings. */
export const ENV_PREFIX = 'TVOX_CONNECTOR_';

/** `${NAME}` or `${NAME:-default}` inside a string of the config file. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Replaces `${NAME}` (and `${NAME:-default}`) in every string of `config` with the environment
 * variable's value, so that secrets stay out of the file. A reference to an unset variable
 * without a default is a `ConfigError` naming the setting and the variable.
 */
export function interpolateEnvironment(config: unknown, env: Env): unknown {
  const issues: ValidationIssue[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      return value.replace(REFERENCE, (reference, name: string, fallback: string | undefined) => {
        const found = env[name] ?? fallback;
        if (found === undefined) {
          issues.push({ path, message: `environment variable ${name} is not set (${reference})` });
          return reference;
        }
        return found;
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, join(path, String(i))));
    if (isRecord(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, join(path, k))]));
    }
    return value;
  };
  const result = walk(config, '');
  if (issues.length > 0) throw new ConfigError(issues);
  return result;
}

/**
 * Applies `TVOX_CONNECTOR_<PATH>` variables over `config`: path segments are separated by `__`
 * and written in upper snake case (`TVOX_CONNECTOR_TVOX__AUTH__PASSWORD` sets
 * `tvox.auth.password`; `TVOX_CONNECTOR_CHANNELS__0__SERVICE_CODE` sets
 * `channels[0].serviceCode`). Values are read as YAML scalars, so `8080` is a number and `true`
 * a boolean. Returns a new object; `config` is not changed.
 */
export function applyEnvironmentOverrides(config: unknown, env: Env): unknown {
  let result = structuredClone(isRecord(config) ? config : {});
  const overrides = Object.entries(env)
    .filter(([name, value]) => name.startsWith(ENV_PREFIX) && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [name, value] of overrides) {
    const path = name.slice(ENV_PREFIX.length).split('__').map(camelCase);
    result = setPath(result, path, parseYamlScalar(value ?? '') as unknown);
  }
  return result;
}

function setPath(
  target: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined || head === '') return target;
  const key = matchingKey(target, head);
  if (rest.length === 0) {
    target[key] = value;
    return target;
  }
  const child = target[key];
  if (Array.isArray(child)) {
    target[key] = setPath(child as unknown as Record<string, unknown>, rest, value);
  } else {
    target[key] = setPath(
      isRecord(child)
        ? child
        : /^\d+$/.test(rest[0] ?? '')
          ? ([] as unknown as Record<string, unknown>)
          : {},
      rest,
      value,
    );
  }
  return target;
}

/** The existing key `name` stands for, matched without regard to case; `name` when none. */
function matchingKey(target: Record<string, unknown>, name: string): string {
  return Object.keys(target).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}

/** `SERVICE_CODE` → `serviceCode`; digits (array indexes) stay as they are. */
function camelCase(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
