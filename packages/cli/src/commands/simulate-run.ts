import {
  endpointLines,
  loadSimulatorConfig,
  startSimulator,
  type SimulatorProfile,
} from '@tvox-connector/simulator';
import { stopSignal } from './stop-signal.js';

/** The command's options, as commander parses them. */
export interface SimulateOptions {
  readonly config?: string;
  readonly profile?: string;
  readonly port?: string;
  readonly host?: string;
  readonly snapshot?: string;
}

/** The action of the command simulate (loaded when the command runs). */
export async function runSimulate(options: SimulateOptions): Promise<void> {
  const config = options.config === undefined ? {} : await loadSimulatorConfig(options.config);
  const simulator = await startSimulator({
    ...config,
    // Checked by startSimulator with the rest of the configuration.
    ...(options.profile === undefined ? {} : { profile: options.profile as SimulatorProfile }),
    ...(options.port === undefined ? {} : { port: Number(options.port) }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.snapshot === undefined ? {} : { snapshotFile: options.snapshot }),
  });
  process.stdout.write([...endpointLines(simulator), ''].join('\n'));
  await stopSignal();
  await simulator.stop();
}
