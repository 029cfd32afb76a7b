/**
 * `@tvox-connector/core`: the model, the session lifecycle, the errors, and the interfaces and DI
 * tokens every transport, store and adapter implements. It depends on no other package of ours.
 */
import 'reflect-metadata';

// Errors
export { ErrorCode, HTTP_STATUS } from './errors/error-code.js';
export { UnexpectedError, asTvoxError } from './errors/unexpected-error.js';
export { errorReply, type ErrorBody, type ErrorReply } from './errors/error-reply.js';
export { TvoxError, isTvoxError, isRetryable, type TvoxErrorOptions } from './errors/tvox-error.js';
export {
  ConfigError,
  isConfigError,
  InvalidInputError,
  PayloadTooLargeError,
  SignatureError,
  SignedTokenError,
  UnsupportedMediaTypeError,
  UnsupportedContentTypeError,
  type SignedTokenProblem,
} from './errors/input-errors.js';
export {
  ContractMismatchError,
  NO_LICENSE_RETRY_MS,
  NoLicenseError,
  OperationUnavailableError,
  PendingSessionError,
  type SessionWait,
  RemoteRejectedError,
  TransportCallError,
  UnknownSessionError,
  remoteRejection,
  type CallFailureKind,
  type ContractGap,
} from './errors/transport-errors.js';
export { NetworkApiError, type NetworkApiErrorDetails } from './errors/network-api-error.js';
export { DeliveryUncertainError } from './errors/delivery-uncertain-error.js';
export { StoreError, UnavailableError } from './errors/store-error.js';
export { NotImplementedError } from './errors/not-implemented-error.js';
export { RateLimitedError } from './errors/rate-limited-error.js';
export {
  formatIssues,
  issuesFromZod,
  validate,
  type ValidationIssue,
} from './errors/validation-issue.js';

// Message model (network side)
export { HttpUrl, IsoDateTime, Locale, NonEmptyString } from './model/primitives.js';
export { Attachment } from './model/attachment.js';
export {
  ChannelId,
  ConversationKey,
  Customer,
  formatConversationKey,
} from './model/conversation.js';
export {
  InboundActivity,
  InboundMessage,
  InboundReceipt,
  InboundTyping,
  MAX_TEXT_LENGTH,
} from './model/inbound.js';
export {
  AgentRef,
  OutboundActivity,
  OutboundMessage,
  OutboundTyping,
  QuickReply,
  SendReceipt,
} from './model/outbound.js';
export { Capabilities } from './model/capabilities.js';

// Reference contract "tvox-mc v1" (TVox side)
export { CommandResult, ContractErrorCode, SessionStatus } from './contract/enums.js';
export {
  AgentMessageEvent,
  AgentTypingEvent,
  Sequence,
  StatusChangedEvent,
  TvoxEvent,
} from './contract/events.js';
export {
  AckEventsInput,
  Attributes,
  CloseSessionInput,
  CommandOutput,
  CONTRACT_OPERATIONS,
  Contact,
  ContractMessage,
  GetSessionStatusInput,
  GetSessionStatusOutput,
  MAX_POLL_EVENTS,
  NotifyEventsInput,
  OpenSessionInput,
  OpenSessionOutput,
  PollEventsInput,
  PollEventsOutput,
  SendMessageInput,
  type ContractCommand,
  type ContractOperation,
} from './contract/commands.js';

// Contract profiles: a TVox release's contract as data
export {
  AnswerFieldSpec,
  AnswerMapping,
  ContractProfile,
  EventKindRule,
  EventKindSpec,
  EventsSpec,
  FailureMeaning,
  FailureSpec,
  FieldPath,
  OperationBinding,
  RequestFieldSpec,
  RequestMapping,
  RestOperation,
  RestPlacement,
  type ContractProfileInput,
} from './profile/profile-schema.js';
export {
  ANSWER_FIELDS,
  CONNECTOR_COMMANDS,
  EVENT_COMMON_FIELDS,
  EVENT_FIELDS,
  EVENT_KINDS,
  FAILURE_MEANINGS,
  REQUEST_VARIABLES,
  SESSION_TEMPLATE_VARIABLES,
  type ConnectorCommand,
  type EventKind,
  type FailureMeaningName,
  type OutgoingCommand,
} from './profile/command-catalogue.js';
export type {
  AckEventsRequest,
  CloseSessionRequest,
  CustomerMessage,
  OpenSessionRequest,
  PollEventsRequest,
  SendMessageRequest,
  SessionContact,
  SessionStatusRequest,
} from './profile/command-requests.js';
export {
  ANSWER_SCHEMAS,
  NotifyEventsAnswer,
  OpenSessionAnswer,
  PollEventsAnswer,
  SessionStatusAnswer,
  numberFromText,
  type AnswerOf,
} from './profile/answers.js';
export {
  compileProfile,
  modeOf,
  type CompiledAnswerField,
  type CompiledEvents,
  type CompiledFailure,
  type CompiledOperation,
  type CompiledProfile,
  type CompiledRequestField,
  type IntegrationMode,
} from './profile/compiled-profile.js';
export { encodeRequest, type WireRequest } from './profile/encode-request.js';
export {
  asList,
  isMissing,
  listDepth,
  pathSteps,
  readPath,
  writePath,
} from './profile/field-path.js';
export {
  PROFILES_DIR,
  SHIPPED_PROFILES,
  loadProfile,
  loadShippedProfiles,
  mergeProfiles,
  type ShippedProfile,
} from './profile/load-profile.js';
export { profileJsonSchema } from './profile/profile-json-schema.js';
export { profileSkeleton, type DescribedOperation } from './profile/profile-skeleton.js';
export {
  hasOutcome,
  readAnswer,
  readPush,
  type AnswerContext,
  type ReadAnswer,
} from './profile/read-answer.js';
export {
  mapFields,
  readEvent,
  readEvents,
  type ReadEvents,
  type UnreadableEvent,
} from './profile/read-events.js';

// Templates: one engine for profiles and customer notices
export {
  TemplateSyntaxError,
  parseTemplate,
  renderTemplate,
  soleSlot,
  templateProblems,
  textOf,
  undeclaredVariables,
  type Template,
  type TemplatePart,
  type VariableLookup,
} from './template/template.js';

// Session lifecycle
export {
  REPEAT_WITH_OTHER_AGENT,
  TERMINAL_STATUSES,
  TRANSITIONS,
  type LifecycleChange,
  type LiveStatus,
  type TransitionRule,
} from './lifecycle/transition-table.js';
export {
  LifecycleInput,
  UNKNOWN_TO_TVOX,
  applySessionInput,
  openedSessionState,
  type IgnoredReason,
  type LifecycleOutcome,
  type SessionState,
} from './lifecycle/session-lifecycle.js';

// Configuration
export {
  CallbackAuth,
  ChannelConfig,
  ConnectorConfig,
  DEFAULT_PROFILE,
  DEFAULT_SESSION_DESCRIPTION,
  DEFAULT_ROUTING_SESSION_DATA,
  RoutingConfig,
  StatusFollowing,
  EventsConfig,
  RelayConfig,
  ServerConfig,
  SessionTemplates,
  StoreConfig,
  TvoxAuth,
  TvoxConfig,
  parseConnectorConfig,
} from './config/connector-config.js';
export { TvoxProxy, TvoxTls } from './config/tvox-connection.js';
export {
  DEFAULT_NOTICE_TEMPLATES,
  NoticeTemplates,
  NoticesConfig,
  renderNotice,
} from './config/notice-templates.js';
export { readYamlConfig } from './config/read-yaml-config.js';

// Interfaces and DI tokens
export {
  Transport,
  type CallOptions,
  type EventBatch,
  type EventCursor,
  type EventHandler,
  type EventMode,
  type EventSubscription,
  type OpenedSession,
  type SubscribeOptions,
  type TvoxHealth,
} from './interfaces/transport.js';
export {
  type AdapterReadiness,
  type ChannelAdapter,
  type AdapterRoute,
  type AdmitOutcome,
  type InboundGateway,
  type InboundSink,
  type ParseResult,
  type RouteAnswer,
  type SinkCursors,
  type WebhookRequest,
  type WebhookHeaders,
  DEFAULT_WEBHOOK_CONTENT_TYPES,
} from './interfaces/channel-adapter.js';
export {
  Store,
  type AcceptEntry,
  type AcceptOutcome,
  type ClaimRequest,
  type DeadLetter,
  type Direction,
  type EventEntry,
  type RecordedEvents,
  type Failure,
  type Job,
  type JobEffects,
  JOB_KINDS,
  type JobKind,
  type LeaseField,
  type MessageQuery,
  type MessageRecord,
  type MessageState,
  type MessageUpdate,
  type NewJob,
  type UnleasedJob,
  type NewMessage,
  type OutboxStats,
  type SessionCount,
  type EventSessions,
  type OpeningSession,
  type SessionRecord,
  type UnreadEventPayload,
} from './interfaces/store.js';
export { type HttpAnswer, type HttpEndpoint } from './interfaces/callback-endpoint.js';
export { Clock } from './interfaces/clock.js';
export { Logger, type LogFields, type LogMethod } from './interfaces/logger.js';
export {
  METRIC_DEFINITIONS,
  Metrics,
  type CounterName,
  type GaugeName,
  type HistogramName,
  type MetricDefinition,
  type MetricLabels,
} from './interfaces/metrics.js';

// Signing: the tokens and links the connector hands out, and secrets compared in constant time
export { safeEqual } from './security/safe-equal.js';
export { fileServingHeaders } from './security/file-serving-headers.js';
export { signatureMatches, signatureOf, type SigningKey } from './security/signing-key.js';
export {
  SignedTokens,
  type SignedTokensOptions,
  type TokenExpiry,
} from './security/signed-token.js';

// Building blocks for transports
export { callbackSignature, verifyCallbackAuth } from './transport/callback-auth.js';
export { EventPoller, type EventPollerOptions } from './transport/event-poller.js';
export { HandledEvents, dedupeEvents } from './transport/event-dedupe.js';
export {
  LEGACY_EVENT_KEY,
  eventKey,
  pollRestarted,
  sightingOf,
  type EventSighting,
} from './transport/stream-restart.js';
export {
  ContractTransport,
  type BoundOperations,
  type InvokeResult,
  type ProfileBinding,
} from './transport/contract-transport.js';
export { callFailure } from './transport/call-failure.js';
export { TvoxHealthRecorder, isTvoxAnswer, isTvoxOutage } from './transport/tvox-outage.js';
export { isCredentialsRefusal, probeCredentials } from './transport/credentials-probe.js';

// The HTTP layer to TVox, shared by the transports
export {
  TvoxHttpClient,
  type DescriptionAccess,
  type TvoxHttpAnswer,
  type TvoxHttpRequest,
  type TvoxHttpSettings,
} from './transport/http/tvox-http-client.js';
export { descriptionText } from './transport/http/description-text.js';
export {
  type NodeSoapCallOptions,
  type NodeSoapCallback,
  type NodeSoapHttpClient,
  type NodeSoapResponse,
} from './transport/http/node-soap-http-client.js';
export { basicAuthorization, tvoxAuthorization } from './transport/http/basic-authorization.js';
export { loadTlsMaterial, type TlsMaterial } from './transport/http/tls-material.js';
export { type DispatcherSettings } from './transport/http/tvox-dispatcher.js';
export {
  PushReceiver,
  pushStatus,
  type PushCodec,
  type PushedEvents,
  type PushOutcome,
  type PushReader,
} from './transport/push-receiver.js';
export {
  callbackPath,
  timeCall,
  type TransportConfig,
  type TransportDeps,
} from './transport/transport-config.js';

// Building blocks for SQL stores: the tables' rows (same columns in every store) as core's records
export { fromJsonColumn, toJsonColumn } from './store-kit/json-column.js';
export {
  messageUpdateValues,
  newMessageValues,
  toMessageRecord,
  type MessageRow,
} from './store-kit/message-row.js';
export { RECEIPT_FROM_STATES } from './store-kit/receipt-states.js';
export { messageFilters, type MessageFilters } from './store-kit/message-filters.js';
export {
  SESSION_COLUMNS,
  sessionValues,
  toSessionRecord,
  type SessionRow,
} from './store-kit/session-row.js';
export {
  openingValues,
  sessionStatements,
  type SessionStatements,
} from './store-kit/session-sql.js';
export {
  deadLetterEventKey,
  unreadableEventLetter,
  type UnreadableEventLetter,
} from './store-kit/unreadable-event.js';
export {
  newJobValues,
  toJob,
  toUnleasedJob,
  type JobRow,
  type LeaseColumn,
} from './store-kit/job-row.js';
export { toDeadLetter, type DeadLetterRow } from './store-kit/dead-letter-row.js';
export {
  deadLetterStatements,
  deadLetterValues,
  type DeadLetterStatements,
} from './store-kit/dead-letter-sql.js';
export { rowId } from './store-kit/row-id.js';
export { cursorStatements, type CursorStatements } from './store-kit/cursor-sql.js';
export { outboxStatsOf, type OutboxDepthRow } from './store-kit/outbox-stats.js';
export { assertSchemaCurrent, pendingMigrations, type Migration } from './store-kit/migration.js';
export { runNow, runToEnd, step, type Awaitable, type Procedure } from './store-kit/procedure.js';
export type {
  DeadLetterTable,
  EventLogEntry,
  EventLogTable,
  LedgerTable,
  OutboxTable,
  SessionTable,
  StoreTables,
} from './store-kit/store-tables.js';
export { acceptEntries } from './store-kit/accept-entries.js';
export { enqueueJobs } from './store-kit/enqueue-jobs.js';
export { recordEventEntries } from './store-kit/event-entries.js';
export { applyJobEffects } from './store-kit/job-effects.js';
export { completeJob, deadLetterJob, retryJob } from './store-kit/job-outcomes.js';
export { replayDeadLetter, replayedJob } from './store-kit/dead-letter-replay.js';
export { beginSession, recordOpenAnswer, type OpenAnswer } from './store-kit/session-writes.js';
export { setAsideEvents } from './store-kit/set-aside-events.js';
export { StoreGate } from './store-kit/store-gate.js';
export { resolveStoreSettings } from './store-kit/store-settings.js';
export { storeModule, type StoreDeps } from './store-kit/store-module.js';

// The relay
export {
  Relay,
  isReady,
  type ReadinessCheck,
  type RelayDeps,
  type RelayOptions,
} from './relay/relay.js';
export { webhookEndpoint } from './relay/webhook-endpoint.js';
export { InboundGate, type GateObservers } from './relay/inbound-gate.js';
export { adaptToCapabilities, matchesContentType } from './relay/fallback.js';
export { splitText } from './relay/split-text.js';
export { shouldRetry } from './relay/retry-policy.js';
export { lanes, ledgerIds } from './relay/lanes.js';
export {
  NOT_TVOX_BOUND_KINDS,
  TVOX_BOUND_KINDS,
  TvoxCircuit,
  type TvoxBudget,
} from './relay/tvox-circuit.js';
export { channelGaps, checkProfileFit, profileCommands } from './relay/profile-fit.js';
export {
  STATUS_FOLLOWING,
  StatusFollower,
  type StatusFollowerDeps,
} from './relay/status/status-follower.js';
export {
  StatusSchedule,
  intervalOf,
  type FollowedSession,
  type StatusIntervals,
} from './relay/status/status-schedule.js';
export { TokenBucket } from './relay/status/token-bucket.js';
export {
  StatusReport,
  StatusReportPayload,
  statusReportJob,
} from './relay/status/status-report.js';
export {
  receivesEvents,
  resolveTvoxMode,
  type BoundRelease,
  type TvoxModeSetting,
} from './relay/tvox-mode.js';
export {
  resolveEventSession,
  type EventAddress,
  type EventSessionResolution,
} from './relay/event-session.js';
export {
  EVENTS_POLL,
  subscribeEvents,
  type EventSubscriptionDeps,
} from './relay/event-subscription.js';
export { RETENTION_BATCH, RetentionSweep, type RetentionTask } from './relay/retention-sweep.js';

// Runtime defaults and DI
export { SystemClock } from './runtime/system-clock.js';
export { backoffDelay, type BackoffPolicy } from './runtime/backoff.js';
export {
  BackgroundLoop,
  type BackgroundLoopOptions,
  type BackgroundLoopState,
  type FailureRule,
  type FailureVerdict,
  type LoopRun,
  type RunOutcome,
} from './runtime/background-loop.js';
export { silentLogger } from './runtime/silent-logger.js';
export { noopMetrics } from './runtime/noop-metrics.js';
export { parseInput } from './runtime/parse-input.js';
export { coreModule } from './core-module.js';
export { channelPath, parseSection, withChannelIds } from './config/config-paths.js';
export { connectorConfigJsonSchema } from './config/config-json-schema.js';
export { ChannelContribution, type ChannelRoutesPlugin } from './assembly/channel-contribution.js';
export {
  isAdapterPackage,
  type AdapterPackage,
  type ChannelUrls,
  type ConfiguredChannel,
} from './assembly/adapter-package.js';
