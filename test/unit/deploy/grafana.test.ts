// The Grafana dashboards (deploy/grafana) chart metrics the processes really register: every metric a
// panel's PromQL names exists (histograms through their _bucket series), and every label it groups or
// filters by is one that metric carries — read from the same registries the processes build.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import fastify from 'fastify';
import { createGatewayMetrics } from '../../../gateway/metrics.ts';
import { createProcessMetrics, installMetrics } from '../../../platform/metrics.ts';
import { REPOSITORY_ROOT } from '../../../schema/subgraphs.ts';
import { openDatabase } from '../../../subgraphs/kit/db.ts';
import { registerSubgraphMetrics } from '../../../subgraphs/kit/metrics.ts';

const DIR = path.join(REPOSITORY_ROOT, 'deploy/grafana');

interface Panel {
  title: string;
  type: string;
  datasource: { uid: string };
  targets: { expr: string; refId: string }[];
}

// The registries of a gateway and of a subgraph, built as the processes build them (nothing listens; the
// database pool is never connected: its gauges are only read when scraped).
const gateway = createProcessMetrics('gateway');
createGatewayMetrics(gateway, () => ({}));
installMetrics(fastify(), gateway, { production: false, token: undefined });
const subgraph = createProcessMetrics('feedback');
const database = await openDatabase({ url: 'postgresql://nobody@127.0.0.1:1/none' });
registerSubgraphMetrics(subgraph, database);
installMetrics(fastify(), subgraph, { production: false, token: undefined });

/** Every metric name with the labels its series carry. */
const registered = new Map<string, Set<string>>();
for (const registry of [gateway.registry, subgraph.registry]) {
  for (const metric of registry.getMetricsAsArray()) {
    const labels = new Set(['service', ...((metric as unknown as { labelNames?: string[] }).labelNames ?? [])]);
    const type = (metric as unknown as { type?: string }).type;
    if (type === 'histogram') {
      registered.set(`${metric.name}_bucket`, new Set([...labels, 'le']));
      registered.set(`${metric.name}_sum`, labels);
      registered.set(`${metric.name}_count`, labels);
    }
    registered.set(metric.name, new Set([...(registered.get(metric.name) ?? []), ...labels]));
  }
}

const dashboards = readdirSync(DIR).filter((file) => file.endsWith('.json'));

describe('the Grafana dashboards', () => {
  after(() => database.close());

  test('there is one, and the registries were read', () => {
    assert.ok(dashboards.length >= 1);
    assert.ok(registered.has('lien_thong_gateway_operations_total') && registered.has('lien_thong_outbox_pending_events'));
  });

  for (const file of dashboards) {
    const dashboard = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { uid: string; title: string; panels: Panel[]; templating: { list: { name: string }[] } };
    test(`${file}: every panel charts registered metrics by labels they carry`, () => {
      assert.ok(dashboard.uid && dashboard.title);
      assert.ok(dashboard.templating.list.some((variable) => variable.name === 'datasource'));
      assert.ok(dashboard.panels.length >= 10);
      assert.equal(new Set(dashboard.panels.map((panel) => panel.title)).size, dashboard.panels.length, 'distinct titles');
      for (const panel of dashboard.panels) {
        assert.equal(panel.datasource.uid, '${datasource}', panel.title);
        assert.ok(panel.targets.length > 0, panel.title);
        for (const { expr } of panel.targets) {
          const metrics = [...expr.matchAll(/\b(lien_thong_[a-z0-9_]+)/g)].map((match) => match[1]!);
          assert.ok(metrics.length > 0, `${panel.title}: ${expr}`);
          const labels = new Set(metrics.flatMap((metric) => [...(registered.get(metric) ?? [])]));
          for (const metric of metrics) assert.ok(registered.has(metric), `${panel.title}: ${metric} is registered`);
          // Labels grouped by, and labels matched in selectors.
          const used = [
            ...[...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim())),
            ...[...expr.matchAll(/\{([^}]*)\}/g)].flatMap((match) => [...match[1]!.matchAll(/([a-z_]+)\s*(?:=~|!=|!~|=)/g)].map((label) => label[1]!)),
          ];
          for (const label of used) assert.ok(labels.has(label), `${panel.title}: ${label} is a label of ${metrics.join(', ')}`);
        }
      }
    });
  }
});
