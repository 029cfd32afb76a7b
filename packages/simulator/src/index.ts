/**
 * `@tvox-connector/simulator`: a stand-in TVox multichannel connector to develop and test against
 * without a licence. Start it with {@link startSimulator} (or the `tvox-simulator` command) and
 * script TVox's side with {@link SimulatorClient}.
 */

// Running a simulator
export { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator.js';
export {
  AgentDefinition,
  ConnectorDefinition,
  DistributionStrategy,
  EventDelivery,
  PushAuth,
  ServiceDefinition,
  SimulatorConfig,
  Skills,
  type SimulatorConfigInput,
} from './config/simulator-config.js';
export { loadSimulatorConfig } from './config/load-config.js';
export { realScheduler, type Scheduler } from './engine/scheduler.js';
export type { PushOptions } from './push/push-dispatcher.js';

// Scripting it from tests
export {
  SimulatorClient,
  SimulatorRequestError,
  type AgentInput,
  type ConnectorEvents,
  type ConnectorInput,
  type ServiceInput,
  type SimulatorOverview,
} from './client/simulator-client.js';
export { FaultSettings, type FaultSettingsInput, type FaultStatus } from './engine/faults.js';
export type { AgentView, ConnectorView, DeskView } from './engine/views.js';
export type { Presence, SessionRecord, TranscriptEntry } from './engine/records.js';
export type { SimulatorErrorCode } from './engine/simulator-error.js';

// The reference contract files
export {
  CONTRACT_DIR,
  CONTRACT_FILES,
  publishContract,
  type PublishedContract,
} from './contract-files.js';

// Playing a TVox release with other names
export type { SoapRelease } from './contract-files.js';
export { OperationMap as ReleaseNames } from './soap/release-names.js';
