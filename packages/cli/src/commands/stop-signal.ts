/**
 * Resolves at the first SIGINT or SIGTERM. The listeners stay installed, so that a second signal
 * (Ctrl-C reaches both `npm start` and the command; `npm start` also passes it on) does not kill
 * the process while it is stopping cleanly.
 */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        resolve();
      });
    }
  });
}
