import {
  CONTRACT_OPERATIONS,
  ContractMismatchError,
  EventPoller,
  PushReceiver,
  REFERENCE_OPERATION_MAP,
  SystemClock,
  TransportCallError,
  callbackPath,
  dedupeEvents,
  formatIssues,
  loadOperationMap,
  noopMetrics,
  remoteRejection,
  renameFields,
  silentLogger,
  timeCall,
  validate,
  type CallOptions,
  type Clock,
  type CommandRequest,
  type ContractCommand,
  type EventBatch,
  type EventHandler,
  type EventSubscription,
  type HttpEndpoint,
  type Logger,
  type Metrics,
  type OpenedSession,
  type OperationMap,
  type SessionStatus,
  type Transport,
  type TransportConfig,
  type TransportDeps,
} from '@tvox-connector/core';
import type { z } from 'zod';
import { TvoxHttp } from './http/tvox-http.js';
import { jsonPushCodec } from './push-codec.js';
import { REFERENCE_BINDINGS, type RestBinding } from './rest-bindings.js';
import { readWadl } from './wadl/read-wadl.js';
import { resolveRoutes } from './wadl/resolve-routes.js';

type Input<C extends ContractCommand> = z.input<(typeof CONTRACT_OPERATIONS)[C]['input']>;
type Output<C extends ContractCommand> = z.output<(typeof CONTRACT_OPERATIONS)[C]['output']>;

/**
 * The REST/JSON transport: the six commands over HTTP with JSON bodies, routed by TVox's WADL
 * (each method's `id` is the command's name in this release) and renamed by the operation map;
 * events by polling or by TVox pushing to `POST {callback}/events`.
 */
export class RestTransport implements Transport {
  readonly kind = 'rest';
  readonly callback: HttpEndpoint | undefined;
  private readonly http: TvoxHttp;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private readonly receiver: PushReceiver | undefined;
  private map: OperationMap = REFERENCE_OPERATION_MAP;
  private routes: Readonly<Record<ContractCommand, RestBinding>> = REFERENCE_BINDINGS;
  private subscription: EventSubscription | undefined;

  constructor(
    private readonly config: TransportConfig,
    deps: TransportDeps = {},
  ) {
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ transport: 'rest' });
    this.metrics = deps.metrics ?? noopMetrics;
    this.http = new TvoxHttp(config.tvox, config.connectorCode);
    const path = callbackPath(config);
    if (config.events.mode === 'push' && path !== undefined) {
      const codec = jsonPushCodec(() => this.map.operations.notifyEvents.input);
      this.receiver = new PushReceiver(
        config.events.auth,
        config.connectorCode,
        codec,
        this.logger,
      );
      this.callback = this.receiver.endpoint(`${path}/events`);
    }
  }

  /**
   * Loads the operation map and the WADL, and routes every command. A WADL lacking a mapped
   * operation or parameter fails with one `ContractMismatchError` listing every gap. A TVox that
   * publishes no WADL (404) is spoken to with the reference routes.
   */
  async start(): Promise<void> {
    this.map = await loadOperationMap(this.config.tvox.operationMap);
    const source = this.config.tvox.description ?? `${this.config.tvox.url}/mc/cxf/rest?_wadl`;
    const answer = await this.http.description(this.config.tvox.description);
    if (answer.status === 404 && this.config.tvox.description === undefined) {
      this.logger.warn({ source }, 'TVox publishes no WADL; using the reference REST routes');
      return;
    }
    if (answer.status !== 200) {
      throw new TransportCallError(
        'loadDescription',
        'http-status',
        `GET ${source} answered ${answer.status}`,
        answer.status,
      );
    }
    let wadl;
    try {
      wadl = readWadl(answer.text);
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

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
    await this.http.close();
  }

  async openSession(
    request: CommandRequest<Input<'openSession'>>,
    options?: CallOptions,
  ): Promise<OpenedSession> {
    const output = await this.call('openSession', request, options);
    if (output.sessionId === undefined || output.status === undefined) {
      throw new TransportCallError(
        'openSession',
        'bad-response',
        'SUCCESS without sessionId and status',
      );
    }
    return { sessionId: output.sessionId, status: output.status };
  }

  async sendMessage(
    request: CommandRequest<Input<'sendMessage'>>,
    options?: CallOptions,
  ): Promise<void> {
    await this.call('sendMessage', request, options);
  }

  async closeSession(
    request: CommandRequest<Input<'closeSession'>>,
    options?: CallOptions,
  ): Promise<void> {
    await this.call('closeSession', request, options);
  }

  async getSessionStatus(
    request: CommandRequest<Input<'getSessionStatus'>>,
    options?: CallOptions,
  ): Promise<SessionStatus> {
    const output = await this.call('getSessionStatus', request, options);
    if (output.status === undefined)
      throw new TransportCallError('getSessionStatus', 'bad-response', 'SUCCESS without status');
    return output.status;
  }

  async pollEvents(
    request: CommandRequest<Input<'pollEvents'>>,
    options?: CallOptions,
  ): Promise<EventBatch> {
    const output = await this.call('pollEvents', request, options);
    return { events: output.events ?? [], lastSequence: output.lastSequence ?? 0 };
  }

  async ackEvents(
    request: CommandRequest<Input<'ackEvents'>>,
    options?: CallOptions,
  ): Promise<void> {
    await this.call('ackEvents', request, options);
  }

  async subscribe(handler: EventHandler): Promise<EventSubscription> {
    await this.subscription?.close();
    const events = this.config.events;
    const once = dedupeEvents(handler);
    this.subscription =
      events.mode === 'poll'
        ? new EventPoller(this, once, this.clock, this.logger, {
            intervalMs: events.intervalMs,
            max: events.max,
          })
        : this.receiver?.subscribe(once);
    if (!this.subscription)
      throw new Error('push mode without a callback: events.callbackUrl is required');
    return this.subscription;
  }

  /** One command: build the request from the route, send it, read and check the answer. */
  private call<C extends ContractCommand>(
    command: C,
    request: object,
    options?: CallOptions,
  ): Promise<Output<C>> {
    return timeCall(this.metrics, this.clock, 'rest', command, async () => {
      const mapping = this.map.operations[command];
      const input = renameFields(
        { connectorCode: this.config.connectorCode, ...request },
        mapping.input,
        'toRelease',
      );
      const { path, body } = buildRequest(this.routes[command], input);
      const route = this.routes[command];
      const answer = await this.http.call(
        command,
        route.verb,
        `${this.http.restPath}${path}`,
        body,
        options?.signal,
      );
      return readAnswer(
        command,
        answer,
        mapping.output,
        (request as { sessionId?: string }).sessionId,
      );
    });
  }
}

/** Fills the route's path templates and query from the input; the rest is the JSON body. */
function buildRequest(
  route: RestBinding,
  input: Record<string, unknown>,
): { path: string; body: string | undefined } {
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
  return { path, body: route.verb === 'POST' ? JSON.stringify(rest) : undefined };
}

/** Turns TVox's answer into the output, or the right error: "said no" or "call failed". */
function readAnswer<C extends ContractCommand>(
  command: C,
  answer: { status: number; text: string },
  renames: Record<string, string>,
  sessionId: string | undefined,
): Output<C> {
  if (
    answer.status === 401 ||
    answer.status === 403 ||
    answer.status >= 500 ||
    answer.status === 404 ||
    answer.status === 429
  ) {
    throw new TransportCallError(command, 'http-status', `HTTP ${answer.status}`, answer.status);
  }
  let json: unknown;
  try {
    json = renameFields(JSON.parse(answer.text) as unknown, renames, 'fromRelease');
  } catch {
    throw new TransportCallError(
      command,
      'bad-response',
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
  return checked.value as Output<C>;
}
