import { Transport, coreModule, type TransportConfig } from '@tvox-connector/core';
import {
  SoapTransport,
  SoapTransportConfig,
  soapTransportModule,
} from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import { Container } from 'inversify';
import { soapConfig } from './support/simulator-harness';

describe('SOAP transport module', () => {
  it('binds core’s Transport to one SoapTransport built from the config binding', () => {
    const container = new Container();
    container.load(coreModule, soapTransportModule);
    container
      .bind<TransportConfig>(SoapTransportConfig)
      .toConstantValue(soapConfig('http://127.0.0.1:9', 'C1'));
    const transport = container.get<Transport>(Transport);
    expect(transport).to.be.instanceOf(SoapTransport);
    expect(transport.kind).to.equal('soap');
    expect(transport.callback).to.equal(undefined);
    expect(container.get<Transport>(Transport)).to.equal(transport);
  });
});
