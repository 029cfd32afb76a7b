import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../errors/input-errors.js';
import { validate } from '../errors/validation-issue.js';
import { compileProfile, type CompiledProfile } from './compiled-profile.js';
import { ContractProfile } from './profile-schema.js';

/** The folder of the shipped profiles (`profiles/` in this package). */
export const PROFILES_DIR = join(__dirname, '..', '..', 'profiles');

/** The profiles shipped with the connector. */
export const SHIPPED_PROFILES = ['mcc-1.0', 'tvox-mc-relay'] as const;
/** A shipped profile's name. */
export type ShippedProfile = (typeof SHIPPED_PROFILES)[number];

/** Where a profile reference points: a shipped profile's file, or a file of the operator's. */
function profileFile(reference: string, relativeTo: string): string {
  if ((SHIPPED_PROFILES as readonly string[]).includes(reference))
    return join(PROFILES_DIR, `${reference}.yaml`);
  return isAbsolute(reference) ? reference : resolve(relativeTo, reference);
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Overrides `base` with `override` key by key, recursively for objects; `null` removes a key
 * (a release without an operation the base has), anything else replaces.
 */
export function mergeProfiles(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) {
      Reflect.deleteProperty(merged, key);
      continue;
    }
    const inherited = Object.hasOwn(merged, key) ? merged[key] : undefined;
    // Defined, not assigned: a YAML key `__proto__` stays a key (which the schema then refuses).
    Object.defineProperty(merged, key, {
      value: isRecord(value) && isRecord(inherited) ? mergeProfiles(inherited, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/** Drops the `null`s a profile may use to remove inherited parts. */
function withoutNulls(value: Raw): Raw {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, v]) =>
      v === null ? [] : [[key, isRecord(v) ? withoutNulls(v) : v]],
    ),
  );
}

async function readRaw(file: string, at: string, seen: readonly string[]): Promise<Raw> {
  if (seen.includes(file)) {
    throw new ConfigError([
      {
        path: at,
        message: `profiles extend each other in a circle: ${[...seen, file].join(' → ')}`,
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      [{ path: at, message: `cannot read ${file}: ${(error as Error).message}` }],
      {
        cause: error,
      },
    );
  }
  if (!isRecord(raw))
    throw new ConfigError([{ path: at, message: `${file} is not a YAML mapping` }]);
  const parent = raw.extends;
  if (typeof parent !== 'string') return raw;
  const base = await readRaw(profileFile(parent, dirname(file)), at, [...seen, file]);
  const own = { ...raw };
  Reflect.deleteProperty(own, 'extends');
  return mergeProfiles(base, own);
}

/**
 * Loads the profile `reference` names: a shipped one (`mcc-1.0`, `tvox-mc-relay`) or a YAML file
 * (relative to `relativeTo`, by default the working folder), following `extends:`. Throws one
 * `ConfigError` listing every problem, each under `tvox.profile`.
 */
export async function loadProfile(
  reference: string,
  relativeTo: string = process.cwd(),
): Promise<CompiledProfile> {
  const shipped = (SHIPPED_PROFILES as readonly string[]).includes(reference);
  const at = shipped ? 'tvox.profile' : `tvox.profile(${reference})`;
  const raw = await readRaw(profileFile(reference, relativeTo), at, []);
  const prefix = (issues: readonly { path: string; message: string }[]) =>
    issues.map((i) => ({ path: i.path === '' ? at : `${at}.${i.path}`, message: i.message }));
  const checked = validate(ContractProfile, withoutNulls(raw));
  if (!checked.ok) throw new ConfigError(prefix(checked.issues));
  const compiled = compileProfile(checked.value);
  if (!compiled.ok) throw new ConfigError(prefix(compiled.issues));
  return compiled.profile;
}

/** Every shipped profile, compiled (for `inspect` to start a skeleton from the closest one). */
export function loadShippedProfiles(): Promise<CompiledProfile[]> {
  return Promise.all(SHIPPED_PROFILES.map((name) => loadProfile(name)));
}
