import { channelPath } from '../config/config-paths.js';
import type { ChannelConfig } from '../config/connector-config.js';
import { DEFAULT_PROFILE } from '../config/connector-config.js';
import { ConfigError } from '../errors/input-errors.js';
import type { ValidationIssue } from '../errors/validation-issue.js';
import { modeOf, type CompiledProfile } from '../profile/compiled-profile.js';
import { loadProfile } from '../profile/load-profile.js';

/** The refusal of a release that carries no messages, while the connector relays only. */
export function routingModeUnavailable(profile?: string): ConfigError {
  return new ConfigError([
    {
      path: 'tvox.profile',
      message:
        `${profile === undefined ? '' : `profile ${profile}: `}this TVox release carries no ` +
        'messages (no sendMessage, or no way to ' +
        'receive agent messages): it runs in routing mode, which this version of the connector ' +
        'does not offer yet; use a profile with message operations, such as tvox-mc-relay',
    },
  ]);
}

/**
 * What the channels lack for a profile: the channel settings its required request fields name
 * (`channels[].tvoxChannelId` for `mcc-1.0`'s `channelId`).
 */
export function channelGaps(
  profile: CompiledProfile,
  channels: readonly ChannelConfig[],
): ValidationIssue[] {
  const needsChannelId = (profile.operations.openSession?.request ?? []).some(
    (field) => field.required && field.template?.variables.includes('channel.tvoxChannelId'),
  );
  if (!needsChannelId) return [];
  return channels.flatMap((channel) =>
    channel.tvoxChannelId === undefined
      ? [
          {
            path: channelPath(channel.id, 'tvoxChannelId'),
            message: `profile ${profile.name} sends the TVox channel id: set the TVox channel of "${channel.id}" (1, 2, 3, 1003, ...)`,
          },
        ]
      : [],
  );
}

/**
 * Checks, before anything is started or called, that the configured profile fits: it carries
 * messages (this version relays them) and every channel has what its required fields name.
 * Throws one `ConfigError` listing every problem.
 */
export async function checkProfileFit(
  reference: string | undefined,
  channels: readonly ChannelConfig[],
): Promise<void> {
  const profile = await loadProfile(reference ?? DEFAULT_PROFILE);
  if (modeOf(profile.operations) !== 'relay') throw routingModeUnavailable(profile.name);
  const gaps = channelGaps(profile, channels);
  if (gaps.length > 0) throw new ConfigError(gaps);
}
