import { ConfigError } from '../errors/input-errors.js';
import type { ConnectorCommand } from '../profile/command-catalogue.js';
import type { IntegrationMode } from '../profile/compiled-profile.js';
import type { EventMode } from '../interfaces/transport.js';

/**
 * The configured integration mode (`tvox.mode`): `routing` (TVox routes sessions, the
 * conversation happens in the connector's agent desk), `relay` (messages travel through TVox),
 * or `auto` (relay when the bound release carries messages both ways, routing otherwise).
 */
export type TvoxModeSetting = 'routing' | 'relay' | 'auto';

/** What the mode is resolved from: the operations a release bound and how events are received. */
export interface BoundRelease {
  /** The profile's name, for the refusal's message. */
  readonly profile: string;
  readonly operations: ReadonlySet<ConnectorCommand>;
  /** `events.mode` as configured. */
  readonly eventMode: EventMode;
}

/**
 * Whether the connector can receive the release's events as configured: it polls them and the
 * release has `pollEvents`, or TVox pushes them and the release has `notifyEvents`.
 */
export function receivesEvents(release: Omit<BoundRelease, 'profile'>): boolean {
  return release.eventMode === 'poll'
    ? release.operations.has('pollEvents')
    : release.operations.has('notifyEvents');
}

/**
 * The mode the connector runs in, resolved once at start from the setting and the bound release:
 * `routing` when asked, or in `auto` for a release without message operations; `relay` when the
 * release takes customer messages and the connector receives agent messages back. Throws one
 * `ConfigError` for a setting the release cannot serve: `relay` on a routing-only release, or a
 * release with message operations whose agent messages cannot reach the connector (it has no
 * `pollEvents` and push is not configured), in `relay` or `auto` — naming both fixes.
 */
export function resolveTvoxMode(setting: TvoxModeSetting, release: BoundRelease): IntegrationMode {
  if (setting === 'routing') return 'routing';
  const sends = release.operations.has('sendMessage');
  if (!sends) {
    if (setting === 'auto') return 'routing';
    throw new ConfigError([
      {
        path: 'tvox.mode',
        message:
          `profile ${release.profile} carries no messages (no sendMessage): this TVox release ` +
          'routes sessions only; set tvox.mode: routing (or auto), or bind a release with ' +
          'message operations in tvox.profile (such as tvox-mc-relay)',
      },
    ]);
  }
  if (receivesEvents(release)) return 'relay';
  const push = release.operations.has('notifyEvents');
  throw new ConfigError([
    {
      path: 'events.mode',
      message:
        `profile ${release.profile} takes customer messages but the connector cannot receive ` +
        `the agents' messages: ${
          push
            ? 'the release pushes its events, and events.mode is poll; set events.mode: push'
            : `the release has no pollEvents, and ${
                release.eventMode === 'push'
                  ? 'no push callback (notifyEvents)'
                  : 'push is not configured'
              }; bind the event operations in the profile`
        }, or set tvox.mode: routing (the agents converse in the connector's desk)`,
    },
  ]);
}
