/**
 * DI token for {@link Metrics}: a registered symbol, the same in every copy of core that
 * adapter packages may bring.
 */
export const Metrics = Symbol.for('@tvox-connector/core.Metrics');

/** Label values of one metric sample. */
export type MetricLabels = Readonly<Record<string, string>>;

/** How a metric is exported and what it means. */
export interface MetricDefinition {
  readonly kind: 'counter' | 'gauge' | 'histogram';
  /** Text shown as the Prometheus `# HELP` line. */
  readonly help: string;
  /** The label names every sample carries. */
  readonly labels: readonly string[];
}

/**
 * Every metric the framework records, in one table so that an exporter (Prometheus) can register
 * them all up front and a dashboard author can read what exists.
 */
export const METRIC_DEFINITIONS = {
  tvox_messages_accepted_total: {
    kind: 'counter',
    help: 'Messages durably accepted, by channel and direction',
    labels: ['channel', 'direction'],
  },
  tvox_messages_sent_total: {
    kind: 'counter',
    help: 'Messages delivered to their destination (TVox or the network)',
    labels: ['channel', 'direction'],
  },
  tvox_messages_failed_total: {
    kind: 'counter',
    help: 'Messages that failed for good and went to the dead-letter list',
    labels: ['channel', 'direction', 'code'],
  },
  tvox_retries_total: {
    kind: 'counter',
    help: 'Delivery attempts that failed and were scheduled again',
    labels: ['direction', 'code'],
  },
  tvox_webhook_rejections_total: {
    kind: 'counter',
    help: 'Inbound requests refused (bad signature, malformed, too large), by reason',
    labels: ['channel', 'reason'],
  },
  tvox_events_unreadable_total: {
    kind: 'counter',
    help: 'TVox events that could not be read and were set aside, so that the others flow',
    labels: [],
  },
  tvox_push_oversize_total: {
    kind: 'counter',
    help: 'TVox pushes refused unread for their size, by outcome (caught-up by polling, catch-up-failed, refused)',
    labels: ['outcome'],
  },
  tvox_event_stream_restarts_total: {
    kind: 'counter',
    help: 'Times TVox was seen to start its event stream again (its state reset), by signal: a poll below the acknowledged cursor, or a sequence given again to another event; the events are applied',
    labels: ['signal'],
  },
  tvox_license_refusals_total: {
    kind: 'counter',
    help: 'Sessions TVox refused with NO_LICENSE (licence missing or all in use), by channel; retried',
    labels: ['channel'],
  },
  tvox_auth_failures_total: {
    kind: 'counter',
    help: 'Calls TVox refused for the credentials (HTTP 401) while running, by command; retried',
    labels: ['command'],
  },
  tvox_deliveries_uncertain_total: {
    kind: 'counter',
    help: 'Messages to customers not sent again after an interrupted attempt, on networks that cannot tell a repeat; in the dead letters',
    labels: ['channel'],
  },
  tvox_lifecycle_inputs_ignored_total: {
    kind: 'counter',
    help: 'Session status inputs left without effect (stale, after CLOSED, impossible)',
    labels: ['reason'],
  },
  tvox_transport_call_seconds: {
    kind: 'histogram',
    help: 'Duration of calls to TVox, by command and outcome',
    labels: ['transport', 'command', 'outcome'],
  },
  tvox_outbox_depth: {
    kind: 'gauge',
    help: 'Jobs waiting in the durable outbox, by direction',
    labels: ['direction'],
  },
  tvox_outbox_oldest_age_seconds: {
    kind: 'gauge',
    help: 'Age of the oldest job waiting in the outbox, by direction',
    labels: ['direction'],
  },
  tvox_up: {
    kind: 'gauge',
    help: '1 while TVox answers the connector, 0 while it is unreachable, failing or refusing the credentials',
    labels: [],
  },
  tvox_sessions: {
    kind: 'gauge',
    help: 'Sessions known to the connector, by status',
    labels: ['status'],
  },
} as const satisfies Record<string, MetricDefinition>;

type MetricName<K extends MetricDefinition['kind']> = {
  [N in keyof typeof METRIC_DEFINITIONS]: (typeof METRIC_DEFINITIONS)[N]['kind'] extends K
    ? N
    : never;
}[keyof typeof METRIC_DEFINITIONS];

/** Names of the counters in {@link METRIC_DEFINITIONS}. */
export type CounterName = MetricName<'counter'>;
/** Names of the gauges in {@link METRIC_DEFINITIONS}. */
export type GaugeName = MetricName<'gauge'>;
/** Names of the histograms in {@link METRIC_DEFINITIONS}. */
export type HistogramName = MetricName<'histogram'>;

/**
 * Records the metrics of {@link METRIC_DEFINITIONS}. Calls are cheap and never throw: recording
 * a metric must not be able to break the relay.
 */
export interface Metrics {
  /** Adds `value` (default 1) to a counter. */
  increment(name: CounterName, labels?: MetricLabels, value?: number): void;
  /** Sets a gauge to its current value. */
  set(name: GaugeName, value: number, labels?: MetricLabels): void;
  /** Records one observation in a histogram (durations in seconds). */
  observe(name: HistogramName, value: number, labels?: MetricLabels): void;
}
