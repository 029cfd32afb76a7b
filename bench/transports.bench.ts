import type { Transport, TransportConfig } from '@tvox-connector/core';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { openSessionRequest } from '@tvox-connector/testkit';
import { Pool } from 'undici';
import {
  alternate,
  benchTransportConfig,
  measure,
  report,
  runBenchmark,
  startSimulatorProcess,
} from './harness';

/**
 * Each transport's `sendMessage` against a raw undici POST of the same request to the same
 * simulator endpoint (the floor), at 1 and 32 in flight: what the transport adds (WSDL/WADL
 * driven encoding, validation, renames, error mapping, metrics) on top of HTTP itself.
 */

const SENT_AT = new Date().toISOString();
const TEXT = 'Hello from the benchmark';
const AUTHORIZATION = `Basic ${Buffer.from('BENCH:bench-password').toString('base64')}`;

/** One transport to measure, and the raw request its floor sends. */
interface Contender {
  readonly name: string;
  readonly create: (config: TransportConfig) => Transport;
  readonly floorName: string;
  readonly raw: (
    sessionId: string,
    messageId: string,
  ) => { path: string; contentType: string; body: string };
}

const CONTENDERS: readonly Contender[] = [
  {
    name: 'REST transport',
    create: (config) => createRestTransport(config),
    floorName: 'raw undici POST of the JSON',
    raw: (sessionId, messageId) => ({
      path: `/mc/cxf/rest/sessions/${sessionId}/messages`,
      contentType: 'application/json',
      body: JSON.stringify({
        connectorCode: 'BENCH',
        message: { messageId, text: TEXT, sentAt: SENT_AT },
      }),
    }),
  },
  {
    name: 'SOAP transport',
    create: (config) => createSoapTransport(config),
    floorName: 'raw undici POST of a SOAP envelope',
    raw: (sessionId, messageId) => ({
      path: '/mc/cxf/soap',
      contentType: 'text/xml; charset=utf-8',
      body:
        '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        `<tns:sendMessage xmlns:tns="http://mc.tvox-connector.org/"><connectorCode>BENCH</connectorCode><sessionId>${sessionId}</sessionId>` +
        `<message><messageId>${messageId}</messageId><text>${TEXT}</text><sentAt>${SENT_AT}</sentAt></message>` +
        '</tns:sendMessage></soap:Body></soap:Envelope>',
    }),
  },
];

async function compare(contender: Contender, simulatorUrl: string): Promise<void> {
  const transport = contender.create(benchTransportConfig(simulatorUrl));
  await transport.start();
  const { sessionId } = await transport.openSession(openSessionRequest(contender.name));
  const pool = new Pool(new URL(simulatorUrl).origin, { connections: 32 });
  let ids = 0;
  const rawSend = async (): Promise<void> => {
    const { path, contentType, body } = contender.raw(sessionId, `raw-${ids++}`);
    const response = await pool.request({
      method: 'POST',
      path,
      headers: { 'content-type': contentType, authorization: AUTHORIZATION },
      body,
    });
    await response.body.text();
  };
  const transportSend = () =>
    transport.sendMessage({
      session: { id: sessionId },
      message: { id: `t-${ids++}`, text: TEXT, sentAt: SENT_AT },
    });
  for (const concurrency of [1, 32]) {
    const operations = concurrency === 1 ? 2_000 : 6_000;
    const [floor, subject] = await alternate([
      () =>
        measure(`${contender.floorName} (floor), ${concurrency} in flight`, rawSend, {
          operations,
          concurrency,
        }),
      () =>
        measure(`${contender.name} sendMessage, ${concurrency} in flight`, transportSend, {
          operations,
          concurrency,
        }),
    ]);
    report(`${contender.name} sendMessage, ${concurrency} in flight`, floor, [subject]);
  }
  await transport.stop();
  await pool.close();
}

runBenchmark('transports', async () => {
  const simulator = await startSimulatorProcess();
  try {
    for (const contender of CONTENDERS) await compare(contender, simulator.url);
  } finally {
    await simulator.stop();
  }
});
