import type { TvoxAuth } from '@tvox-connector/core';
import { WSSecurity } from 'soap';

/**
 * The WS-Security header for `wsse` auth: a UsernameToken with a PasswordDigest (nonce and
 * creation time, so the password never travels), and a Timestamp. Undefined for other kinds.
 */
export function wsSecurity(auth: TvoxAuth, connectorCode: string): WSSecurity | undefined {
  if (auth.kind !== 'wsse') return undefined;
  return new WSSecurity(auth.username ?? connectorCode, auth.password, {
    passwordType: 'PasswordDigest',
    hasNonce: true,
    hasTimeStamp: true,
  });
}
