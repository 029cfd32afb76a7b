import { createServer, type AddressInfo } from 'node:net';

/**
 * A TCP port on `host` that nothing listens on now, for a server whose URL must be known before
 * it starts (a public URL in its configuration, a child process given its port).
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}
