/** How one submission of a batch ended. */
export type Settled<O> =
  { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: unknown };

interface Submission<I, O> {
  readonly input: I;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: every submission made before the event loop's next check phase (all the
 * webhooks parsed in one turn) is committed by one call of `commitBatch`, so one transaction and
 * one fsync serve them all. `commitBatch` settles each input on its own (one caller's bad input
 * does not fail the others) or throws to fail the whole batch (the database itself failed).
 */
export class GroupCommit<I, O> {
  private queue: Submission<I, O>[] = [];
  private scheduled: Promise<void> | undefined;
  private submissions = 0;
  private commits = 0;

  constructor(private readonly commitBatch: (inputs: readonly I[]) => Settled<O>[]) {}

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

  /** Submissions committed so far and the commits that carried them (their ratio: the batch size). */
  get stats(): { readonly submissions: number; readonly commits: number } {
    return { submissions: this.submissions, commits: this.commits };
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = undefined;
    let results: Settled<O>[];
    try {
      results = this.commitBatch(batch.map((submission) => submission.input));
    } catch (error) {
      for (const submission of batch) submission.reject(error);
      return;
    }
    this.submissions += batch.length;
    this.commits += 1;
    batch.forEach((submission, index) => {
      const result = results[index];
      if (result?.ok) submission.resolve(result.value);
      else submission.reject(result?.error ?? new Error('the batch returned no outcome'));
    });
  }
}
