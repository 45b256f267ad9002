import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../../server/patrol/finding.ts';
import { findingKey, readModelReport } from '../../../server/patrol/llm/model-report.ts';
import type { Resource } from '../../../server/resources/model.ts';
import { makeNode, makeVm } from '../../fixtures/resources.ts';

const now = 1_000;
const node = makeNode('pve3', { status: 'offline' });
const db = makeVm(100, { name: 'db-01' });
const offline = makeFinding(
  {
    check: 'node-offline',
    severity: 'critical',
    category: 'reliability',
    title: 'Node pve3 is offline',
    description: 'pve3 stopped answering',
    impact: '',
    recommendation: '',
    evidence: { summary: '', values: {} },
    subject: { id: node.id, name: 'pve3', type: 'node', node: 'pve3' },
  },
  now,
);
const context = {
  resources: new Map<string, Resource>([
    [node.id, node],
    [db.id, db],
  ]),
  deterministic: [offline],
  now,
};
const saturated = {
  resourceId: db.id,
  key: 'CPU saturation',
  severity: 'warning',
  category: 'performance',
  title: 'db-01 runs at full CPU',
  recommendation: 'Give it two more cores',
  evidence: 'cpu 97%',
};

describe("reading the model's report", () => {
  it('adds a finding with a stable id and keeps the worst of repeats', () => {
    const report = readModelReport(
      { findings: [saturated, { ...saturated, severity: 'critical' }], explanations: [] },
      context,
    );
    expect(report.added).toBe(1);
    const added = report.findings.find((f) => f.source === 'ai');
    expect(added).toMatchObject({
      id: `ai:cpu-saturation:${db.id}`,
      check: 'ai',
      severity: 'critical',
      resourceName: 'db-01',
      node: 'pve1',
      evidence: { summary: 'cpu 97%' },
    });
  });

  it('turns a repeat of a known finding into its explanation, and drops made-up resources', () => {
    const report = readModelReport(
      {
        findings: [
          {
            ...saturated,
            resourceId: node.id,
            category: 'reliability',
            description: 'Its 12 guests are down',
          },
          { ...saturated, resourceId: 'pve-a/qemu/999' },
        ],
        explanations: [{ findingId: 'no-such-finding', explanation: 'ignored' }],
      },
      context,
    );
    expect(report.added).toBe(0);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      id: offline.id,
      source: 'deterministic',
      explanation: 'Its 12 guests are down',
    });
    expect(report.dropped.map((d) => d.reason)).toEqual([
      `repeats ${offline.id}`,
      'resource not in the estate',
    ]);
  });

  it('takes an explanation by id and falls back on safe values for unknown fields', () => {
    const report = readModelReport(
      {
        findings: [{ ...saturated, severity: 'apocalyptic', category: 42 }],
        explanations: [{ findingId: offline.id, explanation: 'Check the power first' }],
      },
      context,
    );
    expect(report.findings.find((f) => f.id === offline.id)?.explanation).toBe(
      'Check the power first',
    );
    expect(report.findings.find((f) => f.source === 'ai')).toMatchObject({
      severity: 'watch',
      category: 'general',
    });
    // Nothing usable at all is an empty report, not an error.
    expect(readModelReport('nonsense', context).findings).toEqual([offline]);
  });

  it('makes kebab-case keys', () => {
    expect(findingKey('  Uneven Node Load!! ')).toBe('uneven-node-load');
  });
});
