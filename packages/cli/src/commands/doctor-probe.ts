import { randomBytes } from 'node:crypto';
import {
  DEFAULT_PROFILE,
  channelGaps,
  formatIssues,
  loadProfile,
  type ConnectorConfig,
  type Transport,
} from '@tvox-connector/core';
import { describeError } from './cli-error.js';

/** One line of the doctor's report. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Runs `probe`; a pass with its detail, or a failure with the error's message. */
export async function check(name: string, probe: () => Promise<string> | string): Promise<Check> {
  try {
    return { name, ok: true, detail: await probe() };
  } catch (error) {
    return { name, ok: false, detail: describeError(error) };
  }
}

/**
 * What the bound operations leave out: a release without `closeSession` or `getSessionStatus`
 * runs degraded (sessions are closed by hand in TVox, their status is not followed).
 */
export function degradation(transport: Transport): string | undefined {
  const missing = (['closeSession', 'getSessionStatus'] as const).filter(
    (command) => !transport.operations.has(command),
  );
  return missing.length === 0 ? undefined : `degraded: no ${missing.join(', no ')} in this release`;
}

/**
 * `doctor --probe`: opens one real session per channel and service (and closes it when the
 * release can), to check what only TVox knows — that the channel id is configured, enabled and
 * licensed there (`NO_LICENSE`, `INVALID_CHANNEL_ID`), and that the service exists. The session
 * is real: it is queued for an agent for the moment it is open.
 */
export async function probeSessions(
  config: ConnectorConfig,
  transport: Transport,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const channel of config.channels) {
    const id = `tc-doctor-${randomBytes(8).toString('hex')}`;
    checks.push(
      await check(`session ${channel.id}`, async () => {
        const opened = await transport.openSession({
          request: { id },
          session: {
            id,
            serviceCode: channel.serviceCode,
            description: 'tvox-connector doctor --probe',
          },
          channel: {
            id: channel.id,
            ...(channel.tvoxChannelId === undefined
              ? {}
              : { tvoxChannelId: channel.tvoxChannelId }),
          },
          conversation: { id },
          contact: { id: 'tvox-connector-doctor', displayName: 'tvox-connector doctor' },
        });
        const where = `channel ${channel.tvoxChannelId ?? '(none)'}, service ${channel.serviceCode}`;
        if (!transport.operations.has('closeSession')) {
          return `opened ${opened.sessionId} on ${where}; this release cannot close it: close it in TVox`;
        }
        await transport.closeSession({
          session: { id: opened.sessionId },
          close: { reason: 'tvox-connector doctor --probe' },
        });
        return `opened and closed ${opened.sessionId} on ${where}`;
      }),
    );
  }
  return checks;
}

/** Every channel has what the profile's required fields name (its TVox channel id, say). */
export async function profileChannels(config: ConnectorConfig): Promise<string> {
  const profile = await loadProfile(config.tvox.profile ?? DEFAULT_PROFILE);
  const gaps = channelGaps(profile, config.channels);
  if (gaps.length > 0)
    throw new Error(`the profile needs more of the channels:\n${formatIssues(gaps)}`);
  return `every channel has what profile ${profile.name} sends`;
}
