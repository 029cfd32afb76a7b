import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InboundActivity,
  InboundGate,
  SystemClock,
  UnavailableError,
  ledgerIds,
  noopMetrics,
  parseInput,
  silentLogger,
  type Clock,
  type InboundMessage,
  type InboundSink,
  type MessageQuery,
  type MessageRecord,
  type OutboundMessage,
} from '@tvox-connector/core';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { createWebchatChannel, type WebchatChannel } from '@tvox-connector/adapter-webchat';

export const CHANNEL = 'webchat';
export const SECRET = 'a-very-long-visitor-token-secret-0123456789';
export const IDENTITY_SECRET = 'the-host-site-shares-this-identity-secret!';

/**
 * What the relay does for the web chat, in memory: the sink stores messages once per
 * `(conversation, networkMessageId)` and applies read receipts; the ledger lists them newest
 * first. Agent messages are put in the ledger before the adapter sends them, as core does.
 */
export class FakeCore implements InboundSink {
  readonly records: MessageRecord[] = [];
  readonly typing: InboundActivity[] = [];
  /** Accepts fail with `UnavailableError` while this is set (the relay stopping). */
  unavailable = false;
  /** Accepts wait for this before resolving, when set. */
  gate: Promise<void> | undefined;
  private sequence = 0;

  constructor(private readonly clock: Clock) {}

  async accept(activities: readonly InboundActivity[]): Promise<void> {
    if (this.unavailable) throw new UnavailableError('the relay is not running');
    await this.gate;
    for (const raw of activities) {
      const activity = parseInput(InboundActivity, raw, 'inbound activity');
      if (activity.kind === 'typing') this.typing.push(activity);
      if (activity.kind === 'receipt')
        this.applyReceipt(activity.networkMessageIds, activity.status);
      if (activity.kind === 'message') this.store(activity);
    }
  }

  /** The ledger, as `Relay#messages` reads it. */
  readonly ledger = {
    messages: async (query: MessageQuery): Promise<MessageRecord[]> => {
      const matching = this.records
        .filter(
          (r) =>
            (query.conversation === undefined ||
              (r.conversation.channel === query.conversation.channel &&
                r.conversation.id === query.conversation.id)) &&
            (query.direction === undefined || r.direction === query.direction),
        )
        .reverse();
      return query.limit === undefined ? matching : matching.slice(0, query.limit);
    },
  };

  /** The visitor's messages stored, in order. */
  inbound(visitorId?: string): InboundMessage[] {
    return this.records
      .filter((r) => r.direction === 'inbound')
      .filter((r) => visitorId === undefined || r.conversation.id === visitorId)
      .map((r) => r.payload as InboundMessage);
  }

  /** Stores an outbound message in the ledger (as core does before it sends). */
  recordOutbound(message: OutboundMessage): void {
    this.records.push(this.record('outbound', message.messageId, message, []));
  }

  /** Records what `send` returned, as core does once the adapter delivered. */
  markSent(id: string, networkMessageIds: readonly string[]): void {
    this.records.forEach((r, i) => {
      if (r.id === id) this.records[i] = { ...r, networkMessageIds, state: 'sent' };
    });
  }

  state(id: string): string | undefined {
    return this.records.find((r) => r.id === id)?.state;
  }

  /** A fresh outbound message id, as core would make one. */
  nextOutboundId(): string {
    return `out:s-1:${++this.sequence}`;
  }

  private store(message: InboundMessage): void {
    const id = ledgerIds.inbound(message.conversation, message.networkMessageId);
    if (this.records.some((r) => r.id === id)) return;
    this.records.push(this.record('inbound', id, message, [message.networkMessageId]));
  }

  private applyReceipt(ids: readonly string[], state: 'delivered' | 'read'): void {
    this.records.forEach((r, i) => {
      if (r.direction === 'outbound' && r.networkMessageIds.some((n) => ids.includes(n)))
        this.records[i] = { ...r, state };
    });
  }

  private record(
    direction: 'inbound' | 'outbound',
    id: string,
    payload: unknown,
    networkMessageIds: string[],
  ): MessageRecord {
    const now = this.clock.now();
    const conversation = (payload as { conversation: MessageRecord['conversation'] }).conversation;
    return {
      id,
      direction,
      conversation,
      networkMessageIds,
      state: 'accepted',
      payload,
      acceptedAt: now,
      updatedAt: now,
    };
  }
}

/** A web chat channel served by a real fastify server on a loopback port. */
export interface RunningChannel {
  readonly url: string;
  /** The channel's base URL, `<url>/channels/webchat`. */
  readonly base: string;
  readonly server: FastifyInstance;
  readonly channel: WebchatChannel;
  readonly core: FakeCore;
  /** Where uploaded files are kept. */
  readonly directory: string;
  /** Cuts every open WebSocket as a broken network would (no close handshake). */
  dropSockets(): void;
  /** An agent's (or the connector's) message: stored in the ledger, then sent as core would. */
  say(visitorId: string, message: Partial<OutboundMessage> & { text: string }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a channel with `settings` over the defaults, on a port of its own. The server registers
 * `@fastify/websocket` itself, as an application serving several channels does; otherwise the
 * channel's routes register it.
 */
export async function startChannel(
  options: { settings?: Record<string, unknown>; clock?: Clock } = {},
): Promise<RunningChannel> {
  // A clock that really sleeps: the channel's background sweep waits on it.
  const clock = options.clock ?? new SystemClock();
  const directory = mkdtempSync(join(tmpdir(), 'webchat-files-'));
  const core = new FakeCore(clock);
  const server = Fastify();
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const channel = createWebchatChannel({
    channel: {
      id: CHANNEL,
      adapter: 'webchat',
      serviceCode: 'SUPPORT',
      entryPoints: {},
      settings: {
        secret: SECRET,
        identitySecret: IDENTITY_SECRET,
        ...options.settings,
        attachments: { directory, ...(options.settings?.attachments as object | undefined) },
      },
    },
    publicUrl: url,
    ledger: core.ledger,
    clock,
  });
  await server.close();
  const served = Fastify();
  await served.register(websocket);
  await served.register(channel.routes, { prefix: `/channels/${CHANNEL}` });
  await served.listen({ host: '127.0.0.1', port: address.port });
  // Through core's inbound gate, as the relay starts an adapter.
  await channel.adapter.start?.(
    new InboundGate(channel.adapter, core, { logger: silentLogger, metrics: noopMetrics }),
  );
  return {
    url,
    base: `${url}/channels/${CHANNEL}`,
    server: served,
    channel,
    core,
    directory,
    dropSockets() {
      for (const client of served.websocketServer.clients) client.terminate();
    },
    async say(visitorId, message) {
      const outbound: OutboundMessage = {
        kind: 'message',
        messageId: core.nextOutboundId(),
        conversation: { channel: CHANNEL, id: visitorId },
        origin: 'agent',
        attachments: [],
        quickReplies: [],
        ...message,
      };
      core.recordOutbound(outbound);
      const receipt = await channel.adapter.send(outbound);
      core.markSent(outbound.messageId, receipt.networkMessageIds);
      return outbound.messageId;
    },
    async stop() {
      await channel.adapter.stop?.();
      await served.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
