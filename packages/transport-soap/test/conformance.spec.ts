import { transportConformance } from '@tvox-connector/testkit';
import { createSoapTransport } from '@tvox-connector/transport-soap';

transportConformance({
  name: 'SOAP',
  create: (config) => createSoapTransport(config),
  pushTechnology: 'soap',
});
