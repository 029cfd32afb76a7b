/** How one submission of a batch ended. */
export type Settled<O> =
  { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: unknown };

/** Submissions committed so far and the commits that carried them (their ratio: the batch size). */
export interface CommitCount {
  readonly submissions: number;
  readonly commits: number;
}

interface Submission<I, O> {
  readonly input: I;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: every submission made before the event loop's next check phase (the webhooks
 * parsed in one turn, the jobs that finished in it) is committed by one call of `commitBatch`, so
 * one transaction and one fsync serve them all. `commitBatch` settles each input on its own (one
 * caller's bad input does not fail the others) or throws to fail the whole batch (the database
 * itself failed). `labelOf` names the kind of each input, for {@link GroupCommit.stats}.
 */
export class GroupCommit<I, O> {
  private queue: Submission<I, O>[] = [];
  private scheduled: Promise<void> | undefined;
  private total: CommitCount = { submissions: 0, commits: 0 };
  private readonly byLabel = new Map<string, CommitCount>();

  constructor(
    private readonly commitBatch: (inputs: readonly I[]) => Settled<O>[],
    private readonly labelOf: (input: I) => string = () => '',
  ) {}

  /** Resolves with `input`'s outcome once the batch holding it is committed. */
  submit(input: I): Promise<O> {
    const outcome = new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
    });
    this.scheduled ??= new Promise((done) =>
      setImmediate(() => {
        this.flush();
        done();
      }),
    );
    return outcome;
  }

  /** Resolves once every submission made so far is settled. */
  async drain(): Promise<void> {
    await this.scheduled;
  }

  /**
   * Submissions committed so far and the commits that carried them: all of them, or those
   * labelled `label` and the commits that carried at least one of those.
   */
  stats(label?: string): CommitCount {
    if (label === undefined) return this.total;
    return this.byLabel.get(label) ?? { submissions: 0, commits: 0 };
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = undefined;
    const inputs = batch.map((submission) => submission.input);
    let results: Settled<O>[];
    try {
      results = this.commitBatch(inputs);
    } catch (error) {
      for (const submission of batch) submission.reject(error);
      return;
    }
    this.count(inputs);
    batch.forEach((submission, index) => {
      const result = results[index];
      if (result?.ok) submission.resolve(result.value);
      else submission.reject(result?.error ?? new Error('the batch returned no outcome'));
    });
  }

  private count(inputs: readonly I[]): void {
    this.total = {
      submissions: this.total.submissions + inputs.length,
      commits: this.total.commits + 1,
    };
    const sizes = new Map<string, number>();
    for (const input of inputs) {
      const label = this.labelOf(input);
      sizes.set(label, (sizes.get(label) ?? 0) + 1);
    }
    for (const [label, size] of sizes) {
      const { submissions, commits } = this.stats(label);
      this.byLabel.set(label, { submissions: submissions + size, commits: commits + 1 });
    }
  }
}
