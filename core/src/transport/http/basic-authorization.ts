import type { TvoxAuth } from '../../config/connector-config.js';

/** The `Authorization` header value for HTTP Basic. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * The `Authorization` header for `tvox.auth`: HTTP Basic (the user defaulting to the connector
 * code), or undefined for other kinds (WS-Security travels in the SOAP envelope).
 */
export function tvoxAuthorization(auth: TvoxAuth, connectorCode: string): string | undefined {
  return auth.kind === 'basic'
    ? basicAuthorization(auth.username ?? connectorCode, auth.password)
    : undefined;
}
