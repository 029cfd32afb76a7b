/** What a secret is replaced with in logs. */
export const REDACTED = '[redacted]';

/** Field names whose values are secrets, wherever they appear in a log line. */
const SECRET_FIELD =
  /pass(word|phrase)?$|secret|token|authorization|signature|api-?key|cookie|credential|sessionIdKey/i;

/**
 * The password of a URL's user-info (`postgres://user:password@host`, a proxy's
 * `http://user:password@proxy:3128`, or `http://:password@proxy` with no user).
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi;

/** A private key in PEM, as `tvox.tls.key` may hold one inline. */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[^]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/**
 * A query parameter named like a secret (`?token=...`, `&signature=...`, Meta's dotted
 * `hub.verify_token=...`).
 */
const QUERY_SECRET = /([?&][\w.-]*(?:pass|secret|token|signature|key)[\w.-]*=)[^&#\s]+/gi;

/** How deep a log object is walked; deeper values are logged as they are. */
const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to log: values of fields named like secrets (password, token, secret,
 * authorization, signature, api key, cookie) replaced, passwords and secret query parameters
 * in URLs masked, and PEM private keys replaced. Errors keep their message and stack (masked
 * too) and their fields, an object of a class among them named by its class only. Never throws
 * and never changes `value`.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value
      .replace(URL_PASSWORD, `$1${REDACTED}@`)
      .replace(QUERY_SECRET, `$1${REDACTED}`)
      .replace(PEM_PRIVATE_KEY, REDACTED);
  }
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof Error) {
    return {
      // Own enumerable fields (a code, a status) are kept; the prototype is not needed in a log.
      ...redactFields(errorFields(value), depth),
      type: value.name,
      message: redactSecrets(value.message),
      stack: redactSecrets(value.stack),
      ...(value.cause === undefined ? {} : { cause: redactSecrets(value.cause, depth + 1) }),
    };
  }
  // Other class instances (a request, a response) are left to their serializers.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return redactFields(value as Record<string, unknown>, depth);
}

/**
 * The own enumerable fields of `error`, an object of a class there named by its class only: no
 * serializer is there for it, and such objects hold what a log must not show (the client a
 * database driver attaches to its errors carries the server's cancel key and its settings).
 */
function errorFields(error: Error): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(error).map(([key, field]) => [
      key,
      isClassInstance(field) ? `[${field.constructor.name}]` : field,
    ]),
  );
}

/** Whether `value` is an object of a class other than Error (errors are logged as errors). */
function isClassInstance(value: unknown): value is { constructor: { name: string } } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (value instanceof Error) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype !== Object.prototype && prototype !== null;
}

function redactFields(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    copy[key] =
      SECRET_FIELD.test(key) && field !== undefined ? REDACTED : redactSecrets(field, depth + 1);
  }
  return copy;
}
