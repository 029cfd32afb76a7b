import { ConfigError, type ValidationIssue } from '@tvox-connector/core';
import { parse as parseYaml } from 'yaml';

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
 * `channels[0].serviceCode`). Values are read as YAML, so `8080` is a number, `true` a boolean
 * and `{ kind: sqlite }` an object. `TVOX_CONNECTOR_CONFIG` (the file's name) is not a setting.
 * Returns a new object; `config` is not changed.
 */
export function applyEnvironmentOverrides(config: unknown, env: Env): unknown {
  return environmentOverrides(config, env).config;
}

/** What {@link environmentOverrides} made of the configuration. */
export interface Overridden {
  readonly config: unknown;
  /** The variable that set each setting, by the setting's dotted path (`tvox.auth.password`). */
  readonly variables: ReadonlyMap<string, string>;
}

/**
 * {@link applyEnvironmentOverrides}, telling which variable set which setting, so that a
 * problem with a value set so can name the variable to fix.
 */
export function environmentOverrides(config: unknown, env: Env): Overridden {
  const result = structuredClone(isRecord(config) ? config : {});
  const variables = new Map<string, string>();
  const overrides = Object.entries(env)
    .filter(([name]) => name.startsWith(ENV_PREFIX) && !NOT_SETTINGS.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [name, value] of overrides) {
    if (value === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').map(camelCase);
    if (path.some((segment) => segment === '')) continue;
    const set = setPath(result, path, parseYaml(value) as unknown);
    if (set !== undefined) variables.set(set.join('.'), name);
  }
  return { config: result, variables };
}

/**
 * `issues` of a configuration with each problem of a value a variable set naming that variable
 * (`TVOX_CONNECTOR_TVOX__URL`): the one to fix. A setting a variable added that is not known is
 * named by its parent's path and its own name in the message.
 */
export function withVariableNames(
  issues: readonly ValidationIssue[],
  variables: ReadonlyMap<string, string>,
): ValidationIssue[] {
  return issues.map((issue) => {
    for (const [path, name] of variables) {
      const parent = path.slice(0, Math.max(0, path.lastIndexOf('.')));
      const key = path.slice(path.lastIndexOf('.') + 1);
      const itsValue = issue.path === path || issue.path.startsWith(`${path}.`);
      const itsName = issue.path === parent && issue.message.includes(`"${key}"`);
      if (itsValue || itsName) return { ...issue, message: `${issue.message} (set by ${name})` };
    }
    return issue;
  });
}

/** Variables with the prefix that are not settings: the config file's own name. */
const NOT_SETTINGS = new Set([`${ENV_PREFIX}CONFIG`]);

/** An object or a list of the configuration, which a path goes down through. */
type Branch = Record<string, unknown> | unknown[];

function isBranch(value: unknown): value is Branch {
  return isRecord(value) || Array.isArray(value);
}

/**
 * Sets `value` at `path` below `target`, making the objects and lists on the way; the keys it
 * was set at (existing keys matched without regard to case), or nothing when a list has no
 * place for a name.
 */
function setPath(target: Branch, path: readonly string[], value: unknown): string[] | undefined {
  const [head = '', ...rest] = path;
  const next = rest[0];
  if (Array.isArray(target)) {
    if (!/^\d+$/.test(head)) return undefined; // a named key has no place in a list
    const index = Number(head);
    if (next === undefined) {
      target[index] = value;
      return [head];
    }
    const child = isBranch(target[index]) ? target[index] : newBranch(next);
    target[index] = child;
    const below = setPath(child, rest, value);
    return below === undefined ? undefined : [head, ...below];
  }
  const key = matchingKey(target, head);
  if (next === undefined) {
    target[key] = value;
    return [key];
  }
  const child = isBranch(target[key]) ? target[key] : newBranch(next);
  target[key] = child;
  const below = setPath(child, rest, value);
  return below === undefined ? undefined : [key, ...below];
}

/** A list when the next segment is an index, else an object. */
function newBranch(nextSegment: string): Branch {
  return /^\d+$/.test(nextSegment) ? [] : {};
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
