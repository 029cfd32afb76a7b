import { channelPath } from '../config/config-paths.js';
import type { ChannelConfig } from '../config/connector-config.js';
import { DEFAULT_PROFILE } from '../config/connector-config.js';
import { ConfigError } from '../errors/input-errors.js';
import type { ValidationIssue } from '../errors/validation-issue.js';
import type { EventMode } from '../interfaces/transport.js';
import type { ConnectorCommand } from '../profile/command-catalogue.js';
import type { CompiledProfile, IntegrationMode } from '../profile/compiled-profile.js';
import { loadProfile } from '../profile/load-profile.js';
import { resolveTvoxMode, type TvoxModeSetting } from './tvox-mode.js';

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

/** The commands a compiled profile binds. */
export function profileCommands(profile: CompiledProfile): ReadonlySet<ConnectorCommand> {
  return new Set(
    (Object.keys(profile.operations) as ConnectorCommand[]).filter(
      (command) => profile.operations[command] !== undefined,
    ),
  );
}

/**
 * Checks, before anything is started or called, that the configured profile fits: the mode
 * `tvox.mode` asks for is one the release can serve (see `resolveTvoxMode`) and every channel has
 * what its required fields name. Throws one `ConfigError` listing every problem; resolves with the
 * mode the profile gives (the relay resolves it again from what the transport bound, which may
 * drop guessed operations).
 */
export async function checkProfileFit(
  reference: string | undefined,
  channels: readonly ChannelConfig[],
  setting: TvoxModeSetting = 'auto',
  eventMode: EventMode = 'poll',
): Promise<IntegrationMode> {
  const profile = await loadProfile(reference ?? DEFAULT_PROFILE);
  const mode = resolveTvoxMode(setting, {
    profile: profile.name,
    operations: profileCommands(profile),
    eventMode,
  });
  const gaps = channelGaps(profile, channels);
  if (gaps.length > 0) throw new ConfigError(gaps);
  return mode;
}
