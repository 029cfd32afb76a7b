/**
 * Time as the simulator sees it. Real timers in production; tests and property checks pass a
 * manual scheduler so that offer time-outs fire exactly when they decide.
 */
export interface Scheduler {
  now(): number;
  /** Runs `task` after `ms`; returns a function that cancels it. */
  schedule(ms: number, task: () => void): () => void;
}

/** The scheduler backed by Node's timers. Timers do not keep the process alive. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  schedule(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => {
      clearTimeout(timer);
    };
  },
};
