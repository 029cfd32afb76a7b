/**
 * `@tvox-connector/simulator`: a stand-in TVox multichannel connector to develop and test against
 * without a licence. Start it with {@link startSimulator} (or the `tvox-simulator` command) and
 * script TVox's side with {@link SimulatorClient}.
 */

// Running a simulator
export { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator.js';
export { endpointLines } from './endpoint-lines.js';
export {
  AgentDefinition,
  ChannelDefinition,
  ConnectorDefinition,
  DOCUMENTED_CHANNELS,
  DistributionStrategy,
  EventDelivery,
  PushAuth,
  ServiceDefinition,
  SimulatorConfig,
  SimulatorProfile,
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
export type { ChannelRouting, Presence, SessionRecord, TranscriptEntry } from './engine/records.js';
export { DEFAULT_CONNECTOR_CODE, DEMO_CONFIG_FILE } from './config/starting-directory.js';
export type { SimulatorErrorCode } from './engine/simulator-error.js';

// The contract files each profile serves
export {
  CONTRACT_DIR,
  CONTRACT_FILES,
  MCC_CONTRACT_FILES,
  PROFILE_CONTRACT_FILES,
  publishContract,
  type ContractFiles,
  type PublishedContract,
} from './contract-files.js';

// Events as the relay contract carries them
export type { WireEvent } from './wire/wire-events.js';

// Playing a TVox release with other names
export type { SoapRelease } from './contract-files.js';
export { OperationMap as ReleaseNames } from './soap/release-names.js';
