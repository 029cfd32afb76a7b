import { createSoapTransport } from '@tvox-connector/transport-soap';
import { Pool } from 'undici';
import { alternate, measure, report, startSimulatorProcess } from './harness';

/**
 * SOAP transport `sendMessage` (node `soap` with an undici HTTP layer) against a raw undici POST
 * of a prebuilt SOAP envelope to the same simulator endpoint (the floor): what the WSDL-driven
 * client costs on top of HTTP.
 */
async function main(): Promise<void> {
  const simulator = await startSimulatorProcess();
  const transport = createSoapTransport({
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
  const auth = `Basic ${Buffer.from('BENCH:bench-password').toString('base64')}`;
  const sentAt = new Date().toISOString();
  let ids = 0;
  const envelope = (messageId: string): string =>
    '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<tns:sendMessage xmlns:tns="http://mc.tvox-connector.org/"><connectorCode>BENCH</connectorCode><sessionId>${sessionId}</sessionId>` +
    `<message><messageId>${messageId}</messageId><text>Hello from the benchmark</text><sentAt>${sentAt}</sentAt></message>` +
    '</tns:sendMessage></soap:Body></soap:Envelope>';
  const rawSend = async () => {
    const response = await pool.request({
      method: 'POST',
      path: '/mc/cxf/soap',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', authorization: auth },
      body: envelope(`raw-${ids++}`),
    });
    await response.body.text();
  };
  const transportSend = () =>
    transport.sendMessage({
      sessionId,
      message: { messageId: `soap-${ids++}`, text: 'Hello from the benchmark', sentAt },
    });

  for (const concurrency of [1, 32]) {
    const operations = concurrency === 1 ? 2_000 : 6_000;
    const [floor, soap] = await alternate([
      () =>
        measure(`raw SOAP envelope over undici (floor), ${concurrency} in flight`, rawSend, {
          operations,
          concurrency,
        }),
      () =>
        measure(`SOAP transport sendMessage, ${concurrency} in flight`, transportSend, {
          operations,
          concurrency,
        }),
    ]);
    report(`SOAP sendMessage, ${concurrency} in flight`, floor, [soap]);
  }
  await transport.stop();
  await pool.close();
  await simulator.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
