import {
  ContractTransport,
  TransportCallError,
  TvoxHttpClient,
  type BoundOperations,
  type CallOptions,
  type CompiledOperation,
  type CompiledProfile,
  type ConnectorCommand,
  type InvokeResult,
  type PushCodec,
  type TransportConfig,
  type TransportDeps,
  type WireRequest,
} from '@tvox-connector/core';
import type { Client } from 'soap';
import { pushNames } from './push/push-names.js';
import { soapPushCodec, type PushNames } from './push/soap-push-codec.js';
import { wsSecurity } from './soap/credentials.js';
import { invokeOperation, loadSoapClient } from './soap/soap-client.js';
import { bindOperations } from './wsdl/bind-operations.js';
import { soapArgs } from './wsdl/soap-args.js';
import { readOperations, subtypeLookup, type WsdlOperation } from './wsdl/wsdl-operations.js';

/** What `start()` resolved: the loaded WSDL and each command's operation in it. */
interface Loaded {
  readonly client: Client;
  readonly operations: ReadonlyMap<ConnectorCommand, WsdlOperation>;
}

/**
 * A description document's URL on the TVox the connector was configured with. CXF writes the
 * schema import (`?xsd=1`) from the Host it was asked with: behind a reverse proxy that may be an
 * internal name the connector cannot reach (and would not send credentials to). Anything below
 * `/mc/cxf/` is fetched from `tvox.url` instead.
 */
export function onTvox(url: string, tvoxUrl: string): string {
  if (!/^https?:\/\//i.test(url)) return url;
  const parsed = new URL(url);
  const at = parsed.pathname.indexOf('/mc/cxf/');
  const tvox = new URL(tvoxUrl);
  if (at < 0 || parsed.origin === tvox.origin) return url;
  return `${tvox.origin}${tvox.pathname.replace(/\/+$/, '')}${parsed.pathname.slice(at)}${parsed.search}`;
}

/** The SOAP endpoint below the TVox base URL. */
function soapEndpoint(tvoxUrl: string): string {
  return `${tvoxUrl.replace(/\/+$/, '')}/mc/cxf/soap`;
}

/**
 * The SOAP transport: the connector commands through node `soap`, bound by the contract profile
 * to TVox's WSDL (operation names, where each field goes, the namespace and element forms the
 * WSDL declares); events by polling, or by TVox calling the push callback on
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
  private push: PushNames = pushNames(undefined, undefined, undefined);
  private loaded: Loaded | undefined;

  constructor(config: TransportConfig, deps: TransportDeps = {}) {
    super(config, deps, 'soap');
    const { tvox } = config;
    this.endpoint = soapEndpoint(tvox.url);
    this.source = tvox.description ?? `${this.endpoint}?wsdl`;
    this.http = TvoxHttpClient.forTvox(config);
  }

  /**
   * Loads the WSDL (with its imported schema, and the Basic credentials when configured), then
   * checks every operation and field of the profile against it: one `ContractMismatchError`
   * lists every gap. A WSDL that cannot be fetched fails with `TransportCallError`.
   */
  protected async bind(profile: CompiledProfile): Promise<BoundOperations> {
    const security = wsSecurity(this.config.tvox.auth, this.config.connectorCode);
    const client = await loadSoapClient(this.source, {
      http: this.http,
      endpoint: this.endpoint,
      // The WSDL is fetched where configured; what it imports, from TVox itself.
      rebase: (url) => (url === this.source ? url : onTvox(url, this.config.tvox.url)),
      ...(security === undefined ? {} : { security }),
    });
    const described = readOperations(client.describe());
    const binding = this.accepted(
      this.source,
      bindOperations(described, profile, subtypeLookup(client.wsdl)),
    );
    const schemas = client.wsdl.definitions.schemas;
    this.push = pushNames(
      binding.operations.notifyEvents,
      binding.bindings.get('notifyEvents'),
      profile.soapNamespace,
      {
        commands: binding.bindings.get('openSession')?.namespace,
        qualified: (namespace) => schemas[namespace]?.$elementFormDefault === 'qualified',
      },
    );
    this.loaded = { client, operations: binding.bindings };
    return binding.operations;
  }

  protected pushCodec(): PushCodec {
    return soapPushCodec(() => this.push);
  }

  /** TVox calls the push callback at the callback URL itself. */
  protected callbackEndpointPath(callbackUrlPath: string): string {
    return callbackUrlPath;
  }

  protected closeConnections(): Promise<void> {
    return this.http.close();
  }

  /** One call through node soap; hands back the answer's content, out of its `<return>`. */
  protected async invoke(
    operation: CompiledOperation,
    request: WireRequest,
    options: CallOptions,
  ): Promise<InvokeResult> {
    const described = this.loaded?.operations.get(operation.command);
    if (!this.loaded || !described) {
      throw new TransportCallError(
        operation.command,
        'connection',
        'the WSDL is not loaded: start() has not completed',
      );
    }
    const answer = await invokeOperation(
      this.loaded.client,
      described,
      soapArgs(request.fields, described.input),
      { command: operation.command, ...(options.signal ? { signal: options.signal } : {}) },
    );
    const wrapper = described.outputWrapper;
    const content =
      wrapper === undefined || typeof answer !== 'object' || answer === null
        ? answer
        : (answer as Record<string, unknown>)[wrapper];
    return { content };
  }
}
