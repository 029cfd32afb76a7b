import type {
  AcceptEntry,
  ConversationKey,
  EventEntry,
  Failure,
  Job,
  JobKind,
  LiveStatus,
  SessionRecord,
  Store,
  TvoxEvent,
  UnleasedJob,
} from '@tvox-connector/core';

/** A conversation on the `webchat` channel. */
export function conversation(id = 'c1'): ConversationKey {
  return { channel: 'webchat', id };
}

/** Options of {@link entry}. */
export interface EntryOptions {
  readonly lane?: string;
  readonly kind?: JobKind;
  readonly direction?: 'inbound' | 'outbound';
  readonly conversation?: ConversationKey;
  readonly sessionKey?: string;
  readonly networkMessageIds?: readonly string[];
  readonly acceptedAt?: number;
  readonly notBefore?: number;
}

/** A message `id` with the job that delivers it; lane `L1` and an inbound message by default. */
export function entry(id: string, options: EntryOptions = {}): AcceptEntry {
  const direction = options.direction ?? 'inbound';
  return {
    message: {
      id,
      direction,
      conversation: options.conversation ?? conversation(),
      ...(options.sessionKey === undefined ? {} : { sessionKey: options.sessionKey }),
      networkMessageIds: options.networkMessageIds ?? (direction === 'inbound' ? [id] : []),
      payload: { text: `text of ${id}`, nested: { list: [1, 2, 3] } },
      acceptedAt: options.acceptedAt ?? 1_000,
    },
    job: {
      kind: options.kind ?? (direction === 'inbound' ? 'deliverInbound' : 'deliverOutbound'),
      lane: options.lane ?? 'L1',
      messageId: id,
      payload: { deliver: id },
      ...(options.notBefore === undefined ? {} : { notBefore: options.notBefore }),
    },
  };
}

/**
 * A session of `conversation` in `status`, opened and updated at `at`, that TVox gave the id
 * `tvoxSessionId` (its key by default).
 */
export function session(
  sessionKey: string,
  status: LiveStatus,
  at: number,
  key: ConversationKey = conversation(),
  tvoxSessionId = sessionKey,
): SessionRecord {
  return {
    sessionKey,
    tvoxSessionId,
    conversation: key,
    serviceCode: 'SUPPORT',
    state: { status, statusSequence: 0 },
    openedAfterSequence: 0,
    tvoxIdAt: at,
    openedAt: at,
    updatedAt: at,
  };
}

/** Commits `sessions` as the effects of a job, as the relay does, then moves the clock on. */
export async function commitSessions(
  h: { readonly store: Store; readonly clock: { now(): number; advance(ms: number): void } },
  ...sessions: SessionRecord[]
): Promise<void> {
  const id = `job-${h.clock.now()}`;
  await h.store.accept([entry(id, { lane: `S${id}` })]);
  const job = jobOf(await claim(h.store, 'w1'), id);
  if (!(await h.store.complete(job, { sessions }))) throw new Error('the job was not held');
  h.clock.advance(1);
}

/** A `statusChanged` event of `sessionId` with `sequence`. */
export function statusEvent(sequence: number, sessionId = 's1'): TvoxEvent {
  return {
    type: 'statusChanged',
    sequence,
    sessionId,
    status: 'QUEUED',
    at: '2026-01-01T00:00:00.000Z',
  };
}

/** Options of {@link eventEntry}. */
export interface EventEntryOptions {
  /** The job's lane; the events lane of the event's session id by default, as the relay's. */
  readonly lane?: string;
  readonly notBefore?: number;
}

/**
 * `event` with its `applyEvent` job as the relay gives it: the event as payload, ordered in its
 * lane by its sequence.
 */
export function eventEntry(event: TvoxEvent, options: EventEntryOptions = {}): EventEntry {
  return {
    event,
    job: {
      kind: 'applyEvent',
      lane: options.lane ?? `session:${event.sessionId}`,
      order: event.sequence,
      payload: event,
      ...(options.notBefore === undefined ? {} : { notBefore: options.notBefore }),
    },
  };
}

/** The entries of `events`, each with its job in lane `lane`. */
export function inLane(lane: string, ...events: TvoxEvent[]): EventEntry[] {
  return events.map((event) => eventEntry(event, { lane }));
}

/** A failure as the relay records it. */
export const FAILURE: Failure = {
  code: 'TVOX_ERR_TRANSPORT_CALL_FAILED',
  message: 'TVox did not answer in time',
};

/** Lease of the jobs the specs claim, in milliseconds. */
export const LEASE_MS = 1_000;

/** Claims for `owner` (every kind, up to `limit` lanes) with {@link LEASE_MS}. */
export function claim(store: Store, owner: string, limit = 10): Promise<Job[]> {
  return store.claim({ owner, leaseMs: LEASE_MS, limit });
}

/** The message ids of `jobs`, sorted: claim order across lanes is not part of the contract. */
export function messageIds(jobs: readonly Job[]): (string | undefined)[] {
  return jobs.map((job) => job.messageId).sort();
}

/** What a dead letter does not keep of its job. */
const NOT_KEPT: ReadonlySet<string> = new Set<keyof Job>([
  'leaseOwner',
  'leaseUntil',
  'claimNumber',
  'interrupted',
  'failingSince',
]);

/** `job` as a dead letter keeps it: without its claim, nor when it began failing. */
export function withoutLease(job: Job): UnleasedJob {
  return Object.fromEntries(
    Object.entries(job).filter(([key]) => !NOT_KEPT.has(key)),
  ) as UnleasedJob;
}

/** The first of `items` that `matches` (the first at all without it); fails the test if none does. */
export function find<T>(items: readonly T[], matches: (item: T) => boolean = () => true): T {
  const found = items.find(matches);
  if (found === undefined) throw new Error('expected a matching element, found none');
  return found;
}

/** The job of message `messageId` among `jobs`; fails the test if it is not there. */
export function jobOf(jobs: readonly Job[], messageId: string): Job {
  return find(jobs, (job) => job.messageId === messageId);
}

/** Claims one job for `owner`; fails the test if none is ready. */
export async function claimFirst(store: Store, owner: string): Promise<Job> {
  return find(await claim(store, owner, 1));
}
