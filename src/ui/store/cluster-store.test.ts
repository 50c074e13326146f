import { describe, expect, it } from 'vitest';
import type { BatchMessage, KubeObject, TraceRecord } from '../../worker/protocol';
import {
  initialState,
  reduceBatch,
  reduceBatches,
  reduceError,
  reduceReady,
  TRACE_CAPACITY,
  type ClusterState,
} from './cluster-store';

const clock = { now: 100, epochMs: 0, speed: 1, paused: false };

function node(name: string, rv: string, ready = 'True'): KubeObject {
  return {
    kind: 'Node',
    metadata: { name, resourceVersion: rv },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  };
}

function pod(ns: string, name: string, rv: string): KubeObject {
  return { kind: 'Pod', metadata: { namespace: ns, name, resourceVersion: rv } };
}

function batch(partial: Partial<BatchMessage>, generation = 1): BatchMessage {
  return { type: 'batch', generation, watch: [], trace: [], clock, ...partial };
}

function booted(): ClusterState {
  return reduceReady(initialState(), { type: 'ready', generation: 1, seed: 1, nodes: 3, clock });
}

describe('cluster store', () => {
  it('files objects by kind under ns/name and applies events', () => {
    let s = booted();
    s = reduceBatch(
      s,
      batch({
        watch: [
          {
            watchId: 'pods',
            kind: 'Pod',
            type: 'SYNC',
            items: [pod('default', 'a', '1')],
            resourceVersion: '1',
          },
          { watchId: 'pods', kind: 'Pod', type: 'ADDED', object: pod('kube-system', 'b', '2') },
          { watchId: 'nodes', kind: 'Node', type: 'ADDED', object: node('node-1', '3') },
        ],
      }),
    );
    expect(Object.keys(s.objects.Pod).sort()).toEqual(['default/a', 'kube-system/b']);
    expect(Object.keys(s.objects.Node)).toEqual(['node-1']);
    expect(s.watches.pods.synced).toBe(true);
    s = reduceBatch(
      s,
      batch({ watch: [{ watchId: 'pods', kind: 'Pod', type: 'DELETED', object: pod('default', 'a', '4') }] }),
    );
    expect(Object.keys(s.objects.Pod)).toEqual(['kube-system/b']);
  });

  it('keeps the identity of untouched kinds and of unchanged objects across a re-list', () => {
    let s = booted();
    const n1 = node('node-1', '5');
    s = reduceBatch(
      s,
      batch({
        watch: [
          {
            watchId: 'nodes',
            kind: 'Node',
            type: 'SYNC',
            items: [n1, node('node-2', '6')],
            resourceVersion: '6',
          },
          {
            watchId: 'pods',
            kind: 'Pod',
            type: 'SYNC',
            items: [pod('default', 'a', '1')],
            resourceVersion: '6',
          },
        ],
      }),
    );
    const pods = s.objects.Pod;
    s = reduceBatch(
      s,
      batch({
        watch: [
          {
            watchId: 'nodes',
            kind: 'Node',
            type: 'SYNC',
            items: [{ ...n1 }, node('node-2', '7', 'False')],
            resourceVersion: '7',
          },
        ],
      }),
    );
    expect(s.objects.Pod).toBe(pods);
    expect(s.objects.Node['node-1']).toBe(n1);
    expect((s.objects.Node['node-2'].metadata ?? {}).resourceVersion).toBe('7');
  });

  it('indexes pods by node, keeping each node list until a pod joins or leaves it', () => {
    const on = (name: string, rv: string, nodeName?: string): KubeObject => ({
      ...pod('default', name, rv),
      spec: nodeName ? { nodeName } : {},
    });
    let s = booted();
    s = reduceBatch(
      s,
      batch({
        watch: [
          {
            watchId: 'pods',
            kind: 'Pod',
            type: 'SYNC',
            items: [on('a', '1', 'n1'), on('b', '2', 'n2'), on('c', '3')],
            resourceVersion: '3',
          },
        ],
      }),
    );
    expect(s.podsByNode).toEqual({ n1: ['default/a'], n2: ['default/b'], '': ['default/c'] });
    const n1 = s.podsByNode.n1;
    // c is bound to n2, b changes in place, d arrives and leaves in one batch.
    s = reduceBatch(
      s,
      batch({
        watch: [
          { watchId: 'pods', kind: 'Pod', type: 'MODIFIED', object: on('c', '4', 'n2') },
          { watchId: 'pods', kind: 'Pod', type: 'MODIFIED', object: on('b', '5', 'n2') },
          { watchId: 'pods', kind: 'Pod', type: 'ADDED', object: on('d', '6', 'n1') },
          { watchId: 'pods', kind: 'Pod', type: 'DELETED', object: on('d', '7', 'n1') },
        ],
      }),
    );
    expect(s.podsByNode).toEqual({ n1: ['default/a'], n2: ['default/b', 'default/c'] });
    expect(s.podsByNode.n1).toBe(n1);
  });

  it('ignores batches from a replaced cluster and clears everything on ready', () => {
    let s = booted();
    s = reduceBatch(
      s,
      batch({ watch: [{ watchId: 'nodes', kind: 'Node', type: 'ADDED', object: node('n', '1') }] }),
    );
    s = reduceReady(s, { type: 'ready', generation: 2, seed: 7, nodes: 2, clock });
    expect(s.objects).toEqual({});
    expect(s.connection).toMatchObject({ status: 'running', generation: 2, seed: 7 });
    const stale = reduceBatch(
      s,
      batch({ watch: [{ watchId: 'nodes', kind: 'Node', type: 'ADDED', object: node('x', '1') }] }, 1),
    );
    expect(stale).toBe(s);
  });

  it('keeps a bounded ring of trace records', () => {
    let s = booted();
    const rec = (seq: number): TraceRecord => ({
      seq,
      from: 'kubectl',
      to: 'kube-apiserver',
      kind: 'http',
      summary: 'GET',
      sentAt: 0,
      deliverAt: 0,
    });
    for (let i = 0; i < 3; i++) {
      s = reduceBatch(
        s,
        batch({ trace: Array.from({ length: TRACE_CAPACITY / 2 + 1 }, (_, j) => rec(i * 10_000 + j)) }),
      );
    }
    expect(s.trace.length).toBe(TRACE_CAPACITY);
    expect(s.trace[s.trace.length - 1].seq).toBe(20_000 + TRACE_CAPACITY / 2);
  });

  it("applies a frame's batches as one, ending where applying them one by one ends", () => {
    const rec = (seq: number): TraceRecord => ({
      seq,
      from: 'kube-scheduler',
      to: 'kube-apiserver',
      kind: 'bind',
      summary: `bind ${seq}`,
      sentAt: seq,
      deliverAt: seq + 1,
    });
    const flow = { enabled: true, active: true, step: 3 };
    const timeline = {
      horizon: 50,
      markers: [{ at: 40, kind: 'input' as const, label: 'apply' }],
      canBack: true,
    };
    const frame: BatchMessage[] = [
      batch({
        watch: [
          {
            watchId: 'pods',
            kind: 'Pod',
            type: 'ADDED',
            object: { ...pod('default', 'a', '1'), spec: { nodeName: 'n1' } },
          },
        ],
        trace: [rec(1)],
        timeline,
        flow,
      }),
      batch({ watch: [], trace: [rec(2)], traceDropped: 5 }, 0), // from a replaced cluster: ignored
      batch({
        watch: [
          {
            watchId: 'pods',
            kind: 'Pod',
            type: 'MODIFIED',
            object: { ...pod('default', 'a', '2'), spec: { nodeName: 'n2' } },
          },
          {
            watchId: 'pods',
            kind: 'Pod',
            type: 'ADDED',
            object: { ...pod('default', 'b', '3'), spec: { nodeName: 'n1' } },
          },
        ],
        trace: [rec(3)],
        traceDropped: 2,
        clock: { ...clock, now: 130 },
      }),
    ];
    const together = reduceBatches(booted(), frame);
    const oneByOne = frame.reduce(reduceBatch, booted());
    for (const field of [
      'objects',
      'podsByNode',
      'trace',
      'traceDropped',
      'clock',
      'timeline',
      'flow',
    ] as const)
      expect(together[field]).toEqual(oneByOne[field]);
    expect(together.podsByNode).toEqual({ n1: ['default/b'], n2: ['default/a'] });
    expect(together.trace.map((r) => r.seq)).toEqual([1, 3]);
    expect(together.traceDropped).toBe(2);
    expect(together.flow).toEqual(flow);
    expect(together.clock.now).toBe(130);
  });

  it('turns a fatal error into a crashed connection, and keeps notices short', () => {
    let s = booted();
    for (let i = 0; i < 8; i++) s = reduceError(s, { fatal: false, message: `n${i}`, at: i });
    expect(s.connection.status).toBe('running');
    expect(s.connection.notices.map((n) => n.message)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
    s = reduceError(s, { fatal: true, message: 'boom', at: 9 });
    expect(s.connection).toMatchObject({ status: 'crashed', fatalError: { message: 'boom' } });
  });
});
