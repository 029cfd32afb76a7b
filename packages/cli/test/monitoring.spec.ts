import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_DEFINITIONS } from '@tvox-connector/core';
import { PrometheusMetrics } from '@tvox-connector/cli';
import { expect } from 'chai';
import { parse } from 'yaml';

/** The parts of a Grafana dashboard this test reads. */
interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly gridPos: { readonly x: number; readonly w: number };
  readonly targets?: readonly { readonly expr: string }[];
}

const monitoring = join(__dirname, '..', 'monitoring');
const dashboard = JSON.parse(readFileSync(join(monitoring, 'grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: readonly Panel[];
};

const expressions = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((t) => t.expr);
/** Every metric name a query reads. */
const queried = new Set(
  expressions.flatMap((expr) => expr.match(/\b(tvox|process|nodejs)_\w+/g) ?? []),
);

describe('Grafana dashboard', () => {
  it('is a dashboard Grafana can import: unique panel ids, panels within the grid, a described panel per query', () => {
    expect(dashboard.uid).to.equal('tvox-connector');
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).to.be.at.most(24);
      if (panel.type !== 'row')
        expect(panel.description, `${panel.title} says what it shows`).to.be.a('string').and.not
          .empty;
    }
  });

  it('reads only metrics the connector exports, under the names /metrics gives them', async () => {
    const exported = await new PrometheusMetrics().render();
    const names = new Set(exported.match(/^[a-z0-9_]+(?= |\{)/gm) ?? []);
    const typed = new Set(exported.match(/(?<=^# TYPE )[a-z0-9_]+/gm) ?? []);
    for (const name of queried) {
      // A histogram's series (_bucket, _count, _sum) appear once it has observed something.
      const histogram = name.replace(/_(bucket|count|sum)$/, '');
      expect(names.has(name) || typed.has(histogram), `${name} is exported`).to.equal(true);
    }
  });

  it('shows every metric the connector defines', () => {
    for (const name of Object.keys(METRIC_DEFINITIONS)) {
      const shown = [...queried].some((metric) => metric === name || metric.startsWith(`${name}_`));
      expect(shown, `${name} has a panel`).to.equal(true);
    }
  });
});

describe('Prometheus alerting rules', () => {
  const rules = (
    parse(readFileSync(join(monitoring, 'prometheus-alerts.yaml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string; annotations: { summary?: string } }[] }[];
    }
  ).groups.flatMap((group) => group.rules);

  it('alert on metrics the connector defines, each with a summary', () => {
    expect(rules.length).to.be.at.least(5);
    for (const rule of rules) {
      expect(rule.annotations.summary, rule.alert).to.be.a('string');
      for (const metric of rule.expr.match(/\btvox_\w+/g) ?? [])
        expect(Object.keys(METRIC_DEFINITIONS), `${rule.alert} reads ${metric}`).to.include(metric);
    }
  });
});
