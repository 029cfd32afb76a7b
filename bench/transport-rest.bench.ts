import { Pool } from 'undici';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { alternate, measure, report, startSimulatorProcess } from './harness';

/**
 * REST transport `sendMessage` against a raw undici POST of the same JSON to the same simulator
 * endpoint (the floor): what the transport adds (validation, renames, error mapping, metrics)
 * on top of HTTP itself.
 */
async function main(): Promise<void> {
  const simulator = await startSimulatorProcess();
  const auth = `Basic ${Buffer.from('BENCH:bench-password').toString('base64')}`;
  const transport = createRestTransport({
    connectorCode: 'BENCH',
    tvox: {
      url: simulator.url,
      auth: { kind: 'basic', password: 'bench-password' },
      timeoutMs: 10_000,
      connectTimeoutMs: 5_000,
      maxConnections: 32,
    },
    events: { mode: 'poll', intervalMs: 1_000, max: 100 },
  });
  await transport.start();
  const { sessionId } = await transport.openSession({
    serviceCode: 'SUPPORT',
    requestId: 'bench-session',
    contact: { id: 'bench', channel: 'webchat' },
    channelSessionId: 'bench',
  });
  const pool = new Pool(new URL(simulator.url).origin, { connections: 32 });
  const sentAt = new Date().toISOString();
  let ids = 0;
  const rawSend = async () => {
    const response = await pool.request({
      method: 'POST',
      path: `/mc/cxf/rest/sessions/${sessionId}/messages`,
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({
        connectorCode: 'BENCH',
        message: { messageId: `raw-${ids++}`, text: 'Hello from the benchmark', sentAt },
      }),
    });
    await response.body.json();
  };
  const transportSend = () =>
    transport.sendMessage({
      sessionId,
      message: { messageId: `rest-${ids++}`, text: 'Hello from the benchmark', sentAt },
    });

  for (const concurrency of [1, 32]) {
    const operations = concurrency === 1 ? 3_000 : 10_000;
    const [floor, rest] = await alternate([
      () =>
        measure(`raw undici POST (floor), ${concurrency} in flight`, rawSend, {
          operations,
          concurrency,
        }),
      () =>
        measure(`REST transport sendMessage, ${concurrency} in flight`, transportSend, {
          operations,
          concurrency,
        }),
    ]);
    report(`REST sendMessage, ${concurrency} in flight`, floor, [rest]);
  }
  await transport.stop();
  await pool.close();
  await simulator.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
