import { expect } from 'chai';
import { Container } from 'inversify';
import { Transport, coreModule, type TransportConfig } from '@tvox-connector/core';
import {
  RestTransport,
  RestTransportConfig,
  restTransportModule,
} from '@tvox-connector/transport-rest';

describe('REST transport module', () => {
  it('binds core’s Transport to one RestTransport built from the config binding', () => {
    const config: TransportConfig = {
      connectorCode: 'C1',
      tvox: {
        url: 'http://127.0.0.1:9',
        auth: { kind: 'none' },
        timeoutMs: 1000,
        connectTimeoutMs: 1000,
        maxConnections: 1,
      },
      events: { mode: 'poll', intervalMs: 1000, max: 10 },
    };
    const container = new Container();
    container.load(coreModule, restTransportModule);
    container.bind<TransportConfig>(RestTransportConfig).toConstantValue(config);
    const transport = container.get<Transport>(Transport);
    expect(transport).to.be.instanceOf(RestTransport);
    expect(transport.kind).to.equal('rest');
    expect(container.get<Transport>(Transport)).to.equal(transport);
  });
});
