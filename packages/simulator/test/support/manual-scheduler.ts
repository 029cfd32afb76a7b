import type { Scheduler } from '@tvox-connector/simulator';

/** A scheduler whose time moves only when a test says so. */
export class ManualScheduler implements Scheduler {
  private time = Date.parse('2026-11-25T09:00:00Z');
  private tasks: { at: number; task: () => void; id: number }[] = [];
  private nextId = 0;

  now(): number {
    return this.time;
  }

  schedule(ms: number, task: () => void): () => void {
    const id = this.nextId++;
    this.tasks.push({ at: this.time + ms, task, id });
    return () => {
      this.tasks = this.tasks.filter((t) => t.id !== id);
    };
  }

  /** Moves time forward, running every task that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.tasks
        .filter((t) => t.at <= until)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t.id !== due.id);
      this.time = due.at;
      due.task();
    }
    this.time = until;
  }
}
