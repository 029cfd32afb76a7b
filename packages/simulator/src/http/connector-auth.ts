import { safeEqual } from '@tvox-connector/core';
import type { SimulatorState } from '../engine/simulator-state.js';
import { verifyUsernameToken, type UsernameToken } from '../soap/envelope.js';

/** Who is calling a TVox endpoint. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'connector'; readonly code: string }
  /** Credentials were given and are wrong: answered 401 whatever the body says. */
  | { readonly kind: 'denied' };

/** The caller named by an `Authorization: Basic` header. */
export function callerFromBasic(state: SimulatorState, header: string | undefined): Caller {
  if (header === undefined) return { kind: 'anonymous' };
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return { kind: 'denied' };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'denied' };
  const code = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const connector = state.connectors.get(code);
  return connector && safeEqual(connector.password ?? '', password)
    ? { kind: 'connector', code }
    : { kind: 'denied' };
}

/** The caller named by a WS-Security UsernameToken (PasswordText or PasswordDigest). */
export function callerFromToken(state: SimulatorState, token: UsernameToken): Caller {
  const connector = state.connectors.get(token.username);
  return connector && verifyUsernameToken(token, connector.password ?? '')
    ? { kind: 'connector', code: token.username }
    : { kind: 'denied' };
}

/**
 * Whether `caller` may act as `connectorCode`: `unauthenticated` (answered 401) when credentials
 * are wrong or missing for a connector that has a password, `mismatch` (answered FAILED
 * UNAUTHORIZED) when valid credentials name another connector.
 */
export function admit(
  state: SimulatorState,
  caller: Caller,
  connectorCode: string,
): 'ok' | 'unauthenticated' | 'mismatch' {
  if (caller.kind === 'denied') return 'unauthenticated';
  if (caller.kind === 'connector') return caller.code === connectorCode ? 'ok' : 'mismatch';
  return state.connectors.get(connectorCode)?.password === undefined ? 'ok' : 'unauthenticated';
}
