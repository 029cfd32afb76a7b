import type { Job } from '@tvox-connector/core';
import { expect } from 'chai';

/** The model's view of the one live job of an accepted message. */
interface ModelJob {
  readonly messageId: string;
  readonly lane: string;
  /** The store's id, learnt at the first claim (a replayed job gets a new one). */
  id?: string;
  attempts: number;
  notBefore?: number;
  /** Claims so far: the number of the latest. */
  claims: number;
  /** Set from a claim until its outcome (retry, postpone): a later claim finds it interrupted. */
  leaseOwner?: string;
  leaseUntil?: number;
}

/**
 * What the outbox must contain after a sequence of operations, kept by the property test: each
 * lane a queue in enqueue order, the dead letters, and how often each message was completed. Its
 * `expect*` methods check what the store answered against it, then move it on.
 */
export class LaneModel {
  private readonly lanes = new Map<string, ModelJob[]>();
  private readonly dead: ModelJob[] = [];
  private readonly accepted = new Set<string>();
  readonly completions = new Map<string, number>();

  constructor(private readonly leaseMs: number) {}

  /** Whether `messageId` was accepted before; if not, enqueues it at the end of `lane`. */
  accept(messageId: string, lane: string): boolean {
    if (this.accepted.has(messageId)) return false;
    this.accepted.add(messageId);
    this.enqueue({ messageId, lane, attempts: 0, claims: 0 });
    return true;
  }

  /** Checks one claim's answer: the heads of ready lanes, as many as there are up to `limit`. */
  expectClaim(jobs: readonly Job[], owner: string, limit: number, now: number): void {
    const ready = [...this.lanes.values()].filter((queue) => isReady(queue[0], now));
    expect(jobs, 'claim returns one head per ready lane up to the limit').to.have.length(
      Math.min(limit, ready.length),
    );
    expect(new Set(jobs.map((job) => job.lane)).size, 'each from its own lane').to.equal(
      jobs.length,
    );
    for (const job of jobs) {
      const head = this.head(job.lane);
      expect(head.messageId, `lane ${job.lane} gives its head, in enqueue order`).to.equal(
        job.messageId,
      );
      expect(isReady(head, now), `lane ${job.lane} was free and ready`).to.equal(true);
      if (head.id !== undefined) expect(job.id, 'a job keeps its id').to.equal(head.id);
      expect(job).to.deep.include({
        attempts: head.attempts,
        leaseOwner: owner,
        leaseUntil: now + this.leaseMs,
        claimNumber: head.claims + 1,
        interrupted: head.leaseOwner !== undefined,
      });
      head.id = job.id;
      head.claims += 1;
      head.leaseOwner = owner;
      head.leaseUntil = job.leaseUntil;
    }
  }

  /**
   * Whether `job`'s caller still holds it, per the model: its claim is the latest and has had no
   * outcome (a lease that ran out with nobody taking the job over still holds).
   */
  holds(job: Job): boolean {
    const head = this.lanes.get(job.lane)?.[0];
    return (
      head?.id === job.id && head.leaseOwner === job.leaseOwner && head.claims === job.claimNumber
    );
  }

  complete(job: Job): void {
    const head = this.takeHead(job.lane);
    this.completions.set(head.messageId, (this.completions.get(head.messageId) ?? 0) + 1);
  }

  /** A retry (one more attempt `counted`) or a postponement (none). */
  retry(job: Job, notBefore: number, counted = true): void {
    const head = this.head(job.lane);
    if (counted) head.attempts += 1;
    head.notBefore = notBefore;
    delete head.leaseOwner;
    delete head.leaseUntil;
  }

  deadLetter(job: Job): void {
    this.dead.push(this.takeHead(job.lane));
  }

  renew(job: Job, now: number): void {
    this.head(job.lane).leaseUntil = now + this.leaseMs;
  }

  /** The dead letter picked by `pick`, taken out to be replayed; undefined when there is none. */
  replay(pick: number): string | undefined {
    if (this.dead.length === 0) return undefined;
    const [letter] = this.dead.splice(pick % this.dead.length, 1);
    if (!letter?.id) throw new Error('a dead letter always was claimed');
    this.enqueue({ messageId: letter.messageId, lane: letter.lane, attempts: 0, claims: 0 });
    return letter.id;
  }

  /** The message ids of the dead letters, sorted. */
  deadMessageIds(): string[] {
    return this.dead.map((job) => job.messageId).sort();
  }

  /** Every accepted message, sorted. */
  acceptedIds(): string[] {
    return [...this.accepted].sort();
  }

  /** How many jobs are left in the lanes. */
  get pending(): number {
    return [...this.lanes.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  private enqueue(job: ModelJob): void {
    const queue = this.lanes.get(job.lane) ?? [];
    queue.push(job);
    this.lanes.set(job.lane, queue);
  }

  private head(lane: string): ModelJob {
    const head = this.lanes.get(lane)?.[0];
    if (head === undefined) throw new Error(`the model has no job in lane ${lane}`);
    return head;
  }

  private takeHead(lane: string): ModelJob {
    const queue = this.lanes.get(lane);
    const head = queue?.shift();
    if (!queue || !head) throw new Error(`no head in lane ${lane}`);
    if (queue.length === 0) this.lanes.delete(lane);
    return head;
  }
}

function isReady(head: ModelJob | undefined, now: number): boolean {
  return head !== undefined && (head.leaseUntil ?? 0) <= now && (head.notBefore ?? 0) <= now;
}
