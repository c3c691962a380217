import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/metrics.js';

interface Panel {
  title: string;
  targets: Array<{ expr: string }>;
}

const dashboard = JSON.parse(
  readFileSync(new URL('../../ops/grafana/mentorbot.json', import.meta.url), 'utf8'),
) as { uid: string; panels: Panel[] };
const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

describe('ops/grafana/mentorbot.json', () => {
  it('charts every mentorbot metric the service exports', async () => {
    const ours = (await registry.getMetricsAsJSON())
      .map((m) => m.name)
      .filter((name) => name.startsWith('mentorbot_'));
    expect(ours).toHaveLength(8);
    for (const name of ours) {
      expect(
        exprs.some((e) => e.includes(name)),
        name,
      ).toBe(true);
    }
  });

  it('only queries metrics the service exports', async () => {
    const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    for (const expr of exprs) {
      for (const [name] of expr.matchAll(/\b(mentorbot|process|nodejs)_[a-z0-9_]+/g)) {
        const base = name.replace(/_(bucket|count|sum)$/, '');
        expect(exported.has(base) || exported.has(name), `${name} in ${expr}`).toBe(true);
      }
    }
  });
});
