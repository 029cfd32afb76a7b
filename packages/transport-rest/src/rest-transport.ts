import {
  ContractTransport,
  OperationUnavailableError,
  TransportCallError,
  TvoxHttpClient,
  descriptionText,
  hasOutcome,
  readPath,
  textOf,
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
import { jsonPushCodec } from './push-codec.js';
import { bindRoutes, type RestRoute } from './wadl/bind-routes.js';
import { readWadl, type Wadl } from './wadl/read-wadl.js';

/** The URL path (query included) and JSON body of one call. */
function buildRequest(route: RestRoute, request: WireRequest): { path: string; body?: string } {
  const rest: Record<string, unknown> = { ...request.fields };
  const take = (field: string): unknown => {
    const value = rest[field];
    Reflect.deleteProperty(rest, field);
    return value;
  };
  let path = route.path;
  for (const [param, field] of Object.entries(route.pathParams))
    path = path.replace(`{${param}}`, encodeURIComponent(textOf(take(field) ?? '')));
  // Absent fields are left out of the query: CXF reads `?contactId=` as an empty string.
  const query = Object.entries(route.queryParams).flatMap(([field, param]) => {
    const value = take(field);
    return value === undefined
      ? []
      : [`${encodeURIComponent(param)}=${encodeURIComponent(textOf(value))}`];
  });
  if (query.length > 0) path += `?${query.join('&')}`;
  return route.body ? { path, body: JSON.stringify(rest) } : { path };
}

/**
 * The answer's content: the JSON object, out of a root wrapper when the release adds one
 * (Jettison's `{"startSessionResult": {…}}`), as long as the outcome field says which is which.
 */
function contentOf(operation: CompiledOperation, json: unknown): unknown {
  if (hasOutcome(operation, json) || typeof json !== 'object' || json === null) return json;
  const values: unknown[] = Object.values(json);
  const [only] = values;
  return values.length === 1 && hasOutcome(operation, only) ? only : json;
}

/** JSON both ways; XML is accepted for what a CXF answers on its own. */
const JSON_TYPE = 'application/json';
const JSON_ACCEPT = `${JSON_TYPE}, application/xml;q=0.9`;

/** Statuses that mean the call failed whatever the body says (credentials, route, overload). */
const ALWAYS_FAILED = new Set([401, 403, 408, 429]);

/** Whether an answer is an HTTP failure rather than the release's FAILED answer with a 4xx. */
function isHttpFailure(status: number, failedAnswer: boolean): boolean {
  if (status < 400) return false;
  return status >= 500 || ALWAYS_FAILED.has(status) || !failedAnswer;
}

/**
 * The REST/JSON transport: the connector commands over HTTP, bound by the contract profile to
 * TVox's WADL (each method's `id` is the release's operation name; its path, verb and query
 * parameters say where fields travel) or, for a TVox that publishes none, to the profile's own
 * REST bindings; events by polling or by TVox pushing to `POST {callback}/events`.
 */
export class RestTransport extends ContractTransport {
  readonly kind = 'rest';
  private readonly http: TvoxHttpClient;
  /** The TVox URL's scheme, host and port. */
  private readonly origin: string;
  /** The TVox URL's own path (empty, or a proxy's prefix such as `/tvox`). */
  private readonly prefix: string;
  private routes: ReadonlyMap<ConnectorCommand, RestRoute> = new Map();
  /** Guessed operations bound without a WADL to check them against. */
  private unverified: ReadonlySet<ConnectorCommand> = new Set();

  constructor(config: TransportConfig, deps: TransportDeps = {}) {
    super(config, deps, 'rest');
    const url = new URL(config.tvox.url);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.http = TvoxHttpClient.forTvox(config);
  }

  /**
   * Loads the WADL and binds every operation of the profile to it. A WADL lacking an operation
   * or parameter fails with one `ContractMismatchError` listing every gap. A TVox that publishes
   * no WADL (404) is spoken to through the profile's REST bindings.
   */
  protected async bind(profile: CompiledProfile): Promise<BoundOperations> {
    const configured = this.config.tvox.description;
    const source = configured ?? `${this.origin}${this.prefix}/mc/cxf/rest?_wadl`;
    const wadl = await this.loadWadl(source, configured !== undefined);
    const bound = this.accepted(source, bindRoutes(profile, wadl, this.prefix));
    this.routes = bound.bindings;
    this.unverified = new Set(
      wadl === undefined
        ? Object.values(bound.operations).flatMap((o) => (o.guess ? [o.command] : []))
        : [],
    );
    return bound.operations;
  }

  private async loadWadl(source: string, configured: boolean): Promise<Wadl | undefined> {
    const answer = await this.http.readDescription(source);
    if (answer.status === 404 && !configured) {
      this.logger.warn({ source }, 'TVox publishes no WADL; using the profile’s REST bindings');
      return undefined;
    }
    const text = descriptionText(source, answer);
    try {
      return readWadl(text);
    } catch (error) {
      throw new TransportCallError(
        'loadDescription',
        'bad-response',
        `${source}: ${(error as Error).message}`,
      );
    }
  }

  protected pushCodec(): PushCodec {
    return jsonPushCodec(() => this.boundOperation('notifyEvents')?.failure);
  }

  /** TVox POSTs REST pushes to `{callback}/events`. */
  protected callbackEndpointPath(callbackUrlPath: string): string {
    return `${callbackUrlPath}/events`;
  }

  protected closeConnections(): Promise<void> {
    return this.http.close();
  }

  /**
   * One call: fills the route's path and query, sends the rest as JSON, and hands back the
   * answer's content. A FAILED answer counts whatever its status (some releases send it with a
   * 4xx); an error status without one is an HTTP failure.
   */
  protected async invoke(
    operation: CompiledOperation,
    request: WireRequest,
    options: CallOptions,
  ): Promise<InvokeResult> {
    const route = this.routes.get(operation.command);
    if (route === undefined)
      throw new TransportCallError(operation.command, 'connection', 'start() has not completed');
    const { path, body } = buildRequest(route, request);
    const answer = await this.http.request(operation.command, {
      method: route.verb,
      url: `${this.origin}${path}`,
      headers: {
        accept: JSON_ACCEPT,
        ...(body === undefined ? {} : { 'content-type': JSON_TYPE }),
      },
      ...(body === undefined ? {} : { body }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    let json: unknown;
    try {
      json = JSON.parse(answer.text) as unknown;
    } catch {
      json = undefined;
    }
    const content = contentOf(operation, json);
    const failed = readPath(content, operation.failure.result) === 'FAILED';
    if (answer.status === 404 && !failed && this.unverified.has(operation.command)) {
      // A guess that no WADL could confirm, and the release has no such route: it runs without.
      this.forget(operation.command);
      this.logger.warn(
        { operation: operation.name, path },
        'TVox has no route for a guessed operation; the connector runs without it',
      );
      throw new OperationUnavailableError(operation.command, 'this release');
    }
    if (isHttpFailure(answer.status, failed)) {
      throw new TransportCallError(
        operation.command,
        'http-status',
        `HTTP ${answer.status}${json === undefined ? ' with a body that is not JSON' : ''}`,
        answer.status,
      );
    }
    if (json === undefined) {
      throw new TransportCallError(
        operation.command,
        'bad-response',
        `HTTP ${answer.status} with a body that is not JSON`,
        answer.status,
      );
    }
    return { content, status: answer.status };
  }
}
