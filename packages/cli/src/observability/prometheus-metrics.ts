import {
  METRIC_DEFINITIONS,
  type CounterName,
  type GaugeName,
  type HistogramName,
  type MetricLabels,
  type Metrics,
} from '@tvox-connector/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Name = keyof typeof METRIC_DEFINITIONS;

/** Buckets of the call-duration histograms, in seconds: 1 ms to 10 s. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Core's `Metrics` on prom-client: every metric of `METRIC_DEFINITIONS` registered up front on
 * its own registry (so two connectors in one process do not collide), plus Node's process
 * metrics. `render()` gives the Prometheus text format for `/metrics`.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<Name, Counter>();
  private readonly gauges = new Map<Name, Gauge>();
  private readonly histograms = new Map<Name, Histogram>();

  constructor() {
    // Node's process metrics under their standard names (process_*, nodejs_*), for stock dashboards.
    collectDefaultMetrics({ register: this.registry });
    for (const [name, definition] of Object.entries(METRIC_DEFINITIONS) as [
      Name,
      (typeof METRIC_DEFINITIONS)[Name],
    ][]) {
      const common = {
        name,
        help: definition.help,
        labelNames: [...definition.labels],
        registers: [this.registry],
      };
      if (definition.kind === 'counter') this.counters.set(name, new Counter(common));
      else if (definition.kind === 'gauge') this.gauges.set(name, new Gauge(common));
      else this.histograms.set(name, new Histogram({ ...common, buckets: DURATION_BUCKETS }));
    }
  }

  increment(name: CounterName, labels: MetricLabels = {}, value = 1): void {
    guarded(() => this.counters.get(name)?.inc(labels, value));
  }

  set(name: GaugeName, value: number, labels: MetricLabels = {}): void {
    guarded(() => this.gauges.get(name)?.set(labels, value));
  }

  observe(name: HistogramName, value: number, labels: MetricLabels = {}): void {
    guarded(() => this.histograms.get(name)?.observe(labels, value));
  }

  /** Forgets every sample of a gauge, before it is set afresh from a full reading. */
  resetGauge(name: GaugeName): void {
    this.gauges.get(name)?.reset();
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of {@link render}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Runs a recording; a wrong label set (prom-client throws) must not break the relay. */
function guarded(record: () => void): void {
  try {
    record();
  } catch {
    // A metric is lost, never a message: recording is best effort by contract.
  }
}
