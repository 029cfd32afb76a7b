import {
  CONTRACT_OPERATIONS,
  ContractMismatchError,
  ContractTransport,
  TransportCallError,
  TvoxHttpClient,
  formatIssues,
  loadOperationMap,
  remoteRejection,
  renameFields,
  timeCall,
  validate,
  type CallOptions,
  type CommandOutputOf,
  type ContractCommand,
  type PushCodec,
  type TransportConfig,
  type TransportDeps,
} from '@tvox-connector/core';
import type { Client } from 'soap';
import { ensureLists } from './contract/release-paths.js';
import { fromWire, toWire } from './contract/wire-values.js';
import { pushNames } from './push/push-names.js';
import { soapPushCodec, type PushNames } from './push/soap-push-codec.js';
import { wsSecurity } from './soap/credentials.js';
import { invokeOperation, loadSoapClient } from './soap/soap-client.js';
import { bindOperations, type BoundCommand } from './wsdl/bind-operations.js';
import { readOperations } from './wsdl/wsdl-operations.js';

/** What `start()` resolved: the loaded WSDL and each command's operation in it. */
interface Loaded {
  readonly client: Client;
  readonly commands: Readonly<Record<ContractCommand, BoundCommand>>;
}

/** The SOAP endpoint below the TVox base URL. */
function soapEndpoint(tvoxUrl: string): string {
  return `${tvoxUrl.replace(/\/+$/, '')}/mc/cxf/soap`;
}

/**
 * The SOAP transport: the six commands through node `soap`, driven by TVox's WSDL and the
 * operation map (operation and field names of this TVox release, its namespace and element forms
 * as the WSDL declares them); events by polling, or by TVox calling `notifyEvents` on
 * {@link SoapTransport.callback}.
 *
 * Calls always go to `{tvox.url}/mc/cxf/soap`, never to the WSDL's `soap:address`, which CXF
 * builds from the Host header it was asked with (an internal name, or a template address in a file).
 */
export class SoapTransport extends ContractTransport {
  readonly kind = 'soap';
  private readonly http: TvoxHttpClient;
  private readonly endpoint: string;
  private readonly source: string;
  private push: PushNames = pushNames(this.map);
  private loaded: Loaded | undefined;

  constructor(config: TransportConfig, deps: TransportDeps = {}) {
    super(config, deps, 'soap');
    const { tvox } = config;
    this.endpoint = soapEndpoint(tvox.url);
    this.source = tvox.description ?? `${this.endpoint}?wsdl`;
    this.http = TvoxHttpClient.forTvox(config);
  }

  /**
   * Loads the operation map and the WSDL (with its imported schema, and the Basic credentials
   * when configured), then checks every command's operation and every field the transport needs
   * or the map renames: one `ContractMismatchError` lists every gap. A WSDL that cannot be
   * fetched fails with `TransportCallError`.
   */
  async start(): Promise<void> {
    this.map = await loadOperationMap(this.config.tvox.operationMap);
    const security = wsSecurity(this.config.tvox.auth, this.config.connectorCode);
    const client = await loadSoapClient(this.source, {
      http: this.http,
      endpoint: this.endpoint,
      ...(security === undefined ? {} : { security }),
    });
    const operations = readOperations(client.describe());
    const binding = bindOperations(operations, this.map);
    if (!binding.ok) throw new ContractMismatchError(this.source, binding.gaps);
    if (binding.missingOptional.length > 0) {
      this.logger.warn(
        { source: this.source, fields: binding.missingOptional },
        'the WSDL lacks optional contract fields; they are sent anyway and TVox may drop them',
      );
    }
    const schemas = client.wsdl.definitions.schemas;
    this.push = pushNames(this.map, operations, {
      commands: binding.commands.openSession.operation.namespace,
      qualified: (namespace) => schemas[namespace]?.$elementFormDefault === 'qualified',
    });
    this.loaded = { client, commands: binding.commands };
  }

  protected pushCodec(): PushCodec {
    return soapPushCodec(() => this.push);
  }

  /** TVox calls `notifyEvents` at the callback URL itself. */
  protected callbackEndpointPath(callbackUrlPath: string): string {
    return callbackUrlPath;
  }

  protected closeConnections(): Promise<void> {
    return this.http.close();
  }

  /** One command: rename, call through node soap, read the answer back into contract names. */
  protected call<C extends ContractCommand>(
    command: C,
    request: object,
    options?: CallOptions,
  ): Promise<CommandOutputOf<C>> {
    return timeCall(this.metrics, this.clock, 'soap', command, async () => {
      const loaded = this.loaded;
      if (!loaded) {
        throw new TransportCallError(
          command,
          'connection',
          'the WSDL is not loaded: start() has not completed',
        );
      }
      const bound = loaded.commands[command];
      const mapping = this.map.operations[command];
      const schemas = CONTRACT_OPERATIONS[command];
      const input = { connectorCode: this.config.connectorCode, ...request };
      const args = renameFields(toWire(schemas.input, input), mapping.input, 'toRelease');
      const answer = await invokeOperation(loaded.client, bound.operation, args, {
        command,
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      const sessionId = (request as { sessionId?: string }).sessionId;
      return this.readAnswer(command, bound, answer, sessionId);
    });
  }

  /** Unwraps `<return>`, renames back, normalises and validates; FAILED becomes an error. */
  private readAnswer<C extends ContractCommand>(
    command: C,
    bound: BoundCommand,
    answer: unknown,
    sessionId: string | undefined,
  ): CommandOutputOf<C> {
    const wrapper = bound.operation.outputWrapper;
    const content =
      wrapper === undefined || typeof answer !== 'object' || answer === null
        ? answer
        : (answer as Record<string, unknown>)[wrapper];
    if (typeof content !== 'object' || content === null) {
      throw new TransportCallError(command, 'bad-response', 'the answer has no content');
    }
    const renamed = renameFields(
      ensureLists(content, bound.outputLists),
      this.map.operations[command].output,
      'fromRelease',
    );
    const schema = CONTRACT_OPERATIONS[command].output;
    const checked = validate(schema, fromWire(schema, renamed));
    if (!checked.ok) {
      throw new TransportCallError(
        command,
        'bad-response',
        `unexpected answer:\n${formatIssues(checked.issues)}`,
      );
    }
    const output = checked.value;
    if (output.result === 'FAILED') {
      throw remoteRejection(command, output.errorCode, output.errorMessage, sessionId);
    }
    return output as CommandOutputOf<C>;
  }
}
