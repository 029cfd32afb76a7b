import {
  CONTRACT_OPERATIONS,
  ContractMismatchError,
  ContractTransport,
  TransportCallError,
  TvoxHttpClient,
  descriptionText,
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
import { jsonPushCodec } from './push-codec.js';
import { COMMANDS, REFERENCE_BINDINGS, bindingFor, type RestBinding } from './rest-bindings.js';
import { readWadl } from './wadl/read-wadl.js';
import { resolveRoutes } from './wadl/resolve-routes.js';

/**
 * The REST/JSON transport: the six commands over HTTP with JSON bodies, routed by TVox's WADL
 * (each method's `id` is the command's name in this release) and renamed by the operation map;
 * events by polling or by TVox pushing to `POST {callback}/events`.
 */
export class RestTransport extends ContractTransport {
  readonly kind = 'rest';
  private readonly http: TvoxHttpClient;
  /** The REST endpoint below the TVox base URL. */
  private readonly restBase: string;
  private routes: Readonly<Record<ContractCommand, RestBinding>> = REFERENCE_BINDINGS;

  constructor(config: TransportConfig, deps: TransportDeps = {}) {
    super(config, deps, 'rest');
    this.http = TvoxHttpClient.forTvox(config);
    this.restBase = `${config.tvox.url.replace(/\/+$/, '')}/mc/cxf/rest`;
  }

  /**
   * Loads the operation map and the WADL, and routes every command. A WADL lacking a mapped
   * operation or parameter fails with one `ContractMismatchError` listing every gap. A TVox that
   * publishes no WADL (404) is spoken to with the reference routes.
   */
  async start(): Promise<void> {
    this.map = await loadOperationMap(this.config.tvox.operationMap);
    const source = this.config.tvox.description ?? `${this.config.tvox.url}/mc/cxf/rest?_wadl`;
    const answer = await this.http.readDescription(source);
    if (answer.status === 404 && this.config.tvox.description === undefined) {
      this.logger.warn({ source }, 'TVox publishes no WADL; using the reference REST routes');
      this.routes = Object.fromEntries(
        COMMANDS.map((command) => [
          command,
          bindingFor(REFERENCE_BINDINGS[command], this.map.operations[command].input),
        ]),
      ) as Record<ContractCommand, RestBinding>;
      return;
    }
    const text = descriptionText(source, answer);
    let wadl;
    try {
      wadl = readWadl(text);
    } catch (error) {
      throw new TransportCallError(
        'loadDescription',
        'bad-response',
        `${source}: ${(error as Error).message}`,
      );
    }
    const resolution = resolveRoutes(wadl, this.map);
    if (!resolution.ok) throw new ContractMismatchError(source, resolution.gaps);
    this.routes = resolution.routes;
  }

  protected pushCodec(): PushCodec {
    return jsonPushCodec(() => this.map.operations.notifyEvents.input);
  }

  /** TVox POSTs REST pushes to `{callback}/events`. */
  protected callbackEndpointPath(callbackUrlPath: string): string {
    return `${callbackUrlPath}/events`;
  }

  protected closeConnections(): Promise<void> {
    return this.http.close();
  }

  /** One command: build the request from the route, send it, read and check the answer. */
  protected call<C extends ContractCommand>(
    command: C,
    request: object,
    options?: CallOptions,
  ): Promise<CommandOutputOf<C>> {
    return timeCall(this.metrics, this.clock, 'rest', command, async () => {
      const mapping = this.map.operations[command];
      const route = this.routes[command];
      // Path and query are filled from our names; renames apply to what goes in the JSON body.
      const { path, rest } = buildRequest(route, {
        connectorCode: this.config.connectorCode,
        ...request,
      });
      const body =
        route.verb === 'POST'
          ? JSON.stringify(renameFields(rest, mapping.input, 'toRelease'))
          : undefined;
      const answer = await this.http.request(command, {
        method: route.verb,
        url: `${this.restBase}${path}`,
        headers: {
          accept: JSON_ACCEPT,
          ...(body === undefined ? {} : { 'content-type': JSON_TYPE }),
        },
        body,
        signal: options?.signal,
      });
      return readAnswer(
        command,
        answer,
        mapping.output,
        (request as { sessionId?: string }).sessionId,
      );
    });
  }
}

/** The contract's media type, both ways; XML is accepted for what a CXF answers on its own. */
const JSON_TYPE = 'application/json';
const JSON_ACCEPT = `${JSON_TYPE}, application/xml;q=0.9`;

/** Fills the route's path templates and query from the input; the rest is for the JSON body. */
function buildRequest(
  route: RestBinding,
  input: Record<string, unknown>,
): { path: string; rest: Record<string, unknown> } {
  const rest = { ...input };
  const text = (field: string): string => {
    const value = rest[field];
    Reflect.deleteProperty(rest, field);
    return encodeURIComponent(typeof value === 'number' ? value.toString() : String(value));
  };
  let path = route.path;
  for (const [param, field] of Object.entries(route.pathParams))
    path = path.replace(`{${param}}`, text(field));
  const query = Object.entries(route.queryParams).map(
    ([param, field]) => `${param}=${text(field)}`,
  );
  if (query.length > 0) path += `?${query.join('&')}`;
  return { path, rest };
}

/** Turns TVox's answer into the output, or the right error: "said no" or "call failed". */
function readAnswer<C extends ContractCommand>(
  command: C,
  answer: { status: number; text: string },
  renames: Record<string, string>,
  sessionId: string | undefined,
): CommandOutputOf<C> {
  const noAnswer = [401, 403, 404, 429].includes(answer.status) || answer.status >= 500;
  if (noAnswer) {
    throw new TransportCallError(command, 'http-status', `HTTP ${answer.status}`, answer.status);
  }
  let json: unknown;
  try {
    json = renameFields(JSON.parse(answer.text) as unknown, renames, 'fromRelease');
  } catch {
    // An error status with a page instead of the contract's JSON (a proxy, a wrong route) is an
    // HTTP failure, retried only as its status allows; a 2xx that is not JSON is a garbled answer.
    throw new TransportCallError(
      command,
      answer.status >= 400 ? 'http-status' : 'bad-response',
      `HTTP ${answer.status} with a body that is not JSON`,
      answer.status,
    );
  }
  const checked = validate(CONTRACT_OPERATIONS[command].output, json);
  if (!checked.ok) {
    throw new TransportCallError(
      command,
      'bad-response',
      `unexpected answer:\n${formatIssues(checked.issues)}`,
      answer.status,
    );
  }
  const output = checked.value;
  if (output.result === 'FAILED' || answer.status >= 400) {
    throw remoteRejection(
      command,
      output.errorCode ?? 'INVALID_REQUEST',
      output.errorMessage,
      sessionId,
    );
  }
  return checked.value as CommandOutputOf<C>;
}
