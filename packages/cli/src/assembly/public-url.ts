import type { ServerConfig } from '@tvox-connector/core';

/** Where the server is reached from outside: `server.publicUrl`, or its own address. */
export function publicUrlOf(server: ServerConfig, port: number): string {
  return (server.publicUrl ?? `http://${server.host}:${port}`).replace(/\/+$/, '');
}
