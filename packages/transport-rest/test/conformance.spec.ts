import { transportConformance } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';

transportConformance({
  name: 'REST',
  create: (config) => createRestTransport(config),
  pushTechnology: 'rest',
});
