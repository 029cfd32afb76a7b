import { createHmac } from 'node:crypto';
import { IDENTITY_SECRET } from './webchat-harness.js';

/** What a host site does to vouch for its user, exactly as the README tells it (Node). */
export function hostSigns(
  fields: { externalId?: string; name?: string; email?: string },
  issuedAt = Math.floor(Date.now() / 1000),
): { externalId?: string; name?: string; email?: string; issuedAt: number; signature: string } {
  const canonical = [
    'tvox-webchat-identity-v1',
    fields.externalId ?? '',
    fields.name ?? '',
    fields.email ?? '',
    String(issuedAt),
  ].join('\n');
  const signature = createHmac('sha256', IDENTITY_SECRET).update(canonical, 'utf8').digest('hex');
  return { ...fields, issuedAt, signature };
}
