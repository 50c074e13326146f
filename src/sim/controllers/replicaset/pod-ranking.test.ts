import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podsToDelete } from './pod-ranking';

const NOW = Date.parse('2026-01-01T01:00:00Z');

function pod(
  name: string,
  o: {
    node?: string;
    phase?: string;
    ready?: boolean;
    readySince?: string;
    created?: string;
    restarts?: number;
    cost?: number;
  } = {},
): Pod {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: o.created ?? '2026-01-01T00:00:00Z',
      annotations:
        o.cost !== undefined ? { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) } : {},
    },
    spec: { containers: [], nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions:
        o.ready === false
          ? []
          : [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince ?? '2026-01-01T00:00:00Z' }],
      containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0, ready: true, image: '', imageID: '' }],
    },
  };
}

const names = (ps: Pod[]) => ps.map((p) => p.metadata!.name);

describe('ActivePodsWithRanks deletion order', () => {
  it('unscheduled < pending < not ready < ready', () => {
    const pods = [
      pod('ready', { node: 'n1' }),
      pod('unscheduled', { phase: 'Pending', ready: false }),
      pod('notready', { node: 'n2', ready: false }),
      pod('pending', { node: 'n3', phase: 'Pending', ready: false }),
    ];
    expect(names(podsToDelete(pods, pods, 3, NOW))).toEqual(['unscheduled', 'pending', 'notready']);
  });

  it('lower deletion cost goes first, then doubled-up nodes', () => {
    const pods = [
      pod('a', { node: 'n1' }),
      pod('b', { node: 'n1' }),
      pod('c', { node: 'n2' }),
      pod('d', { node: 'n3', cost: -5 }),
    ];
    expect(names(podsToDelete(pods, pods, 1, NOW))).toEqual(['d']);
    const rest = pods.slice(0, 3);
    expect(names(podsToDelete(rest, rest, 2, NOW)).sort()).toEqual(['a', 'b']);
  });

  it('ready for less time first on a log scale, then more restarts, then newer', () => {
    const pods = [
      pod('old', { node: 'n1', readySince: '2026-01-01T00:00:00Z' }),
      pod('recent', { node: 'n2', readySince: '2026-01-01T00:59:00Z' }),
    ];
    expect(names(podsToDelete(pods, pods, 1, NOW))).toEqual(['recent']);
    const sameAge = [pod('calm', { node: 'n1' }), pod('crashy', { node: 'n2', restarts: 4 })];
    expect(names(podsToDelete(sameAge, sameAge, 1, NOW))).toEqual(['crashy']);
  });

  it('returns every pod when asked for all of them', () => {
    const pods = [pod('a'), pod('b')];
    expect(podsToDelete(pods, pods, 5, NOW)).toHaveLength(2);
  });
});
