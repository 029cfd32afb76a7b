import type { z } from 'zod';
import { ConfigError } from '../errors/input-errors.js';
import { validate, type ValidationIssue } from '../errors/validation-issue.js';
import { ChannelId } from '../model/conversation.js';

/**
 * The path of a channel's setting, in the one notation every configuration message uses: the
 * channel by its id, then dotted names (`channels.telegram.settings.botToken`).
 */
export function channelPath(channelId: string, ...names: readonly string[]): string {
  return ['channels', channelId, ...names].filter((part) => part !== '').join('.');
}

/**
 * Validates one section of the configuration with its own schema (an adapter's channel
 * settings, say): the section with defaults applied, or a `ConfigError` listing every problem
 * with its path below `path`.
 */
export function parseSection<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: string,
): z.output<S> {
  const result = validate(schema, value);
  if (result.ok) return result.value;
  throw new ConfigError(
    result.issues.map((issue) => ({
      ...issue,
      path: [path, issue.path].filter((part) => part !== '').join('.'),
    })),
  );
}

/**
 * `issues` of a configuration as written, their `channels.<index>` paths named by the channel's
 * id where it has a valid one of its own (`channels.0.serviceCode` → `channels.web.serviceCode`).
 * A channel whose id is invalid or shared keeps its index: the id would not tell which one.
 */
export function withChannelIds(
  issues: readonly ValidationIssue[],
  written: unknown,
): ValidationIssue[] {
  const channels = (written as { channels?: unknown } | null | undefined)?.channels;
  if (!Array.isArray(channels)) return [...issues];
  const ids = channels.map((channel) => {
    const id = (channel as { id?: unknown } | null | undefined)?.id;
    return ChannelId.safeParse(id).success ? (id as string) : undefined;
  });
  const unique = (id: string | undefined): id is string =>
    id !== undefined && ids.filter((other) => other === id).length === 1;
  return issues.map((issue) => {
    const index = /^channels\.(\d+)(?=\.|$)/.exec(issue.path)?.[1];
    const id = index === undefined ? undefined : ids[Number(index)];
    if (!unique(id)) return issue;
    return { ...issue, path: issue.path.replace(/^channels\.\d+/, `channels.${id}`) };
  });
}
