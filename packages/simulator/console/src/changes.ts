import type { Change } from './types.js';

/** The state of the live connection to the simulator. */
export type Connection = 'connecting' | 'live' | 'offline';

export interface ChangeHandlers {
  /** Called for every change the simulator announces. */
  readonly onChange: (change: Change) => void;
  /** Called when the stream opens (also after a reconnect, when changes may have been missed). */
  readonly onOpen: () => void;
  readonly onConnection: (connection: Connection) => void;
}

/**
 * Listens to the server-sent `/admin/api/changes` stream. The browser reconnects on its own after
 * an error. Returns a function that stops listening.
 */
export function watchChanges(handlers: ChangeHandlers): () => void {
  const source = new EventSource('/admin/api/changes');
  handlers.onConnection('connecting');
  source.addEventListener('open', () => {
    handlers.onConnection('live');
    handlers.onOpen();
  });
  source.addEventListener('error', () => {
    handlers.onConnection(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
  });
  source.addEventListener('message', (event: MessageEvent<string>) => {
    const change = parseChange(event.data);
    if (change) handlers.onChange(change);
  });
  return () => {
    source.close();
  };
}

function parseChange(data: string): Change | undefined {
  try {
    const value = JSON.parse(data) as Partial<Change> | null;
    return typeof value?.kind === 'string' && typeof value.id === 'string'
      ? { kind: value.kind, id: value.id }
      : undefined;
  } catch {
    return undefined;
  }
}

/** `run` at most once per `ms`, after the calls stop coming for that long. */
export function debounce(run: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  };
}
