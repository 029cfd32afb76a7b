import {
  DEFAULT_PROFILE,
  resolveTvoxMode,
  ContractMismatchError,
  SystemClock,
  noopMetrics,
  probeCredentials,
  silentLogger,
  type ConnectorConfig,
} from '@tvox-connector/core';
import { request } from 'undici';
import { configureChannels } from '../assembly/channels.js';
import { publicUrlOf } from '../assembly/public-url.js';
import { createStore } from '../assembly/store.js';
import { createTransport } from '../assembly/transport.js';
import { configFolder, configFrom } from './config-option.js';
import { check, degradation, probeSessions, profileChannels, type Check } from './doctor-probe.js';
import { describeError } from './cli-error.js';
import { ExitCode } from './exit-code.js';

/**
 * Every check of `tvox-connector doctor`, in order: the channels' settings, the store, reaching
 * TVox and loading its WSDL/WADL bound by the contract profile (the operations found, the mode
 * and what the release runs without), the credentials (a `getSessionStatus` of an id no session
 * can have: nothing is created), with `probe` one real session per channel, and in push mode the
 * callback (a running connector must refuse an unsigned call with 401). Checks that depend on a
 * failed one are skipped as failed.
 */
export async function runChecks(
  config: ConnectorConfig,
  options: {
    readonly probe?: boolean;
    /** Where the channels' adapter packages are looked for (the configuration's folder). */
    readonly directory?: string;
  } = {},
): Promise<Check[]> {
  const publicUrl = publicUrlOf(config.server, config.server.port);
  const deps = { clock: new SystemClock(), logger: silentLogger, metrics: noopMetrics };
  const checks: Check[] = [];
  checks.push(
    await check('channels', () => {
      configureChannels(config.channels, publicUrl, options.directory ?? process.cwd());
      return config.channels.map((c) => `${c.id} (${c.adapter})`).join(', ');
    }),
  );
  checks.push(
    await check('store', async () => {
      const store = createStore(config.store, deps.clock, deps.logger);
      try {
        await store.migrate();
        const depth = (await store.outboxStats()).reduce((sum, kind) => sum + kind.depth, 0);
        return `${config.store.kind} ready, ${depth} job(s) in the outbox`;
      } finally {
        await store.close();
      }
    }),
  );
  const transport = createTransport(config, publicUrl, deps);
  let contractOk = false;
  try {
    await transport.start();
    contractOk = true;
    checks.push({
      name: 'TVox contract',
      ok: true,
      detail:
        `${config.transport} description of ${config.tvox.url} matches profile ${config.tvox.profile ?? DEFAULT_PROFILE}` +
        ` (operations: ${[...transport.operations].join(', ')}); mode: ${transport.mode}` +
        (degradation(transport) === undefined ? '' : `; ${degradation(transport)}`),
    });
  } catch (error) {
    const name = error instanceof ContractMismatchError ? 'contract profile' : 'TVox reachable';
    checks.push({ name, ok: false, detail: describeError(error) });
  }
  if (contractOk)
    checks.push(
      await check(
        'TVox mode',
        () =>
          `${resolveTvoxMode(config.tvox.mode, {
            profile: config.tvox.profile ?? DEFAULT_PROFILE,
            operations: transport.operations,
            eventMode: transport.eventMode,
          })} (tvox.mode: ${config.tvox.mode})`,
      ),
    );
  checks.push(await check('TVox channels', () => profileChannels(config)));
  checks.push(
    !contractOk
      ? { name: 'TVox credentials', ok: false, detail: 'skipped: TVox could not be used' }
      : await check('TVox credentials', async () => {
          const answer = await probeCredentials(transport);
          return answer === undefined
            ? 'not checked: this release has no status query, and opening a session would create one'
            : `connector ${config.connectorCode} accepted (probe session: ${answer})`;
        }),
  );
  if (options.probe === true)
    checks.push(
      ...(contractOk
        ? await probeSessions(config, transport)
        : [{ name: 'sessions', ok: false, detail: 'skipped: TVox could not be used' }]),
    );
  await transport.stop();
  checks.push(
    await check('callback', () => probeCallback(config, transport.callback?.path, publicUrl)),
  );
  return checks;
}

/** In push mode, a running connector answers an unsigned callback with 401. */
async function probeCallback(
  config: ConnectorConfig,
  path: string | undefined,
  publicUrl: string,
): Promise<string> {
  if (config.events.mode === 'poll') return 'poll mode: TVox is polled, no callback to reach';
  const url = `${config.events.callbackUrl ? new URL(config.events.callbackUrl).origin : publicUrl}${path ?? ''}`;
  let status: number;
  try {
    const response = await request(url, { method: 'POST', body: '{}', headersTimeout: 5_000 });
    await response.body.dump();
    status = response.statusCode;
  } catch (error) {
    throw new Error(
      `nothing answers at ${url} (${describeError(error)}); is the connector running?`,
    );
  }
  if (status !== 401) {
    throw new Error(
      `${url} answered ${status} to an unsigned call; expected 401 from the connector`,
    );
  }
  return `${url} answers and refuses unsigned calls`;
}

/** The action of the command doctor (loaded when the command runs). */
export async function runDoctor(options: { config?: string; probe?: boolean }): Promise<void> {
  let config: ConnectorConfig;
  try {
    config = await configFrom(options);
  } catch (error) {
    process.stdout.write(`FAIL  config  ${describeError(error)}\n`);
    process.exitCode = ExitCode.usage;
    return;
  }
  const checks = [
    { name: 'config', ok: true, detail: 'valid' },
    ...(await runChecks(config, {
      probe: options.probe === true,
      directory: configFolder(options),
    })),
  ];
  for (const { name, ok, detail } of checks) {
    process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(16)}  ${detail}\n`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  process.stdout.write(failed === 0 ? 'all checks passed\n' : `${failed} check(s) failed\n`);
  if (failed > 0) process.exitCode = ExitCode.failure;
}
