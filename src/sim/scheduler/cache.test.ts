import { describe, expect, it } from 'vitest';
import { SchedulerCache } from './cache';
import { makeNode, makePod } from './testing';

describe('SchedulerCache', () => {
  it('keeps NodeInfos incrementally and lists them in NodeTree order (zones round-robin)', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    c.addNode(makeNode('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }));
    c.addNode(makeNode('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    expect(c.snapshot().map((n) => n.name)).toEqual(['a1', 'b1', 'a2']);
    const snap = c.snapshot();
    // A heartbeat-like update keeps the same list; a zone change reorders it.
    c.updateNode(makeNode('a1', { labels: { 'topology.kubernetes.io/zone': 'a' }, cpu: '8' }));
    expect(c.snapshot()).toBe(snap);
    expect(c.nodeInfo('a1')!.allocatable.milliCPU).toBe(8000);
    c.updateNode(makeNode('a2', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    expect(c.snapshot().map((n) => n.name)).toEqual(['a1', 'b1', 'a2']);
    c.removeNode(makeNode('b1'));
    expect(c.snapshot().map((n) => n.name)).toEqual(['a1', 'a2']);
  });

  it('assumes a pod onto a node, confirms it from the watch, or forgets it when binding fails', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    c.addNode(makeNode('n2'));
    const pod = makePod('web', { cpu: '500m', memory: '1Gi' });
    c.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: 'n1' } });
    expect(c.isAssumed(pod)).toBe(true);
    expect(c.nodeInfo('n1')!.requested.milliCPU).toBe(500);
    c.forgetPod(pod);
    expect(c.nodeInfo('n1')!.requested.milliCPU).toBe(0);
    expect(c.podCount).toBe(0);

    c.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: 'n1' } });
    // The watch says it landed on n2 (someone else bound it): the cache follows the API.
    c.addPod({ ...pod, spec: { ...pod.spec!, nodeName: 'n2' } });
    expect(c.isAssumed(pod)).toBe(false);
    expect(c.nodeInfo('n1')!.requested.milliCPU).toBe(0);
    expect(c.nodeInfo('n2')!.requested.milliCPU).toBe(500);
    c.removePod(pod);
    expect(c.nodeInfo('n2')!.pods).toHaveLength(0);
  });

  it('keeps pods of a removed node accounted until they are deleted, and pods seen before their node', () => {
    const c = new SchedulerCache();
    const early = makePod('early', { cpu: '1', nodeName: 'late-node' });
    c.addPod(early);
    expect(c.snapshot()).toHaveLength(0);
    c.addNode(makeNode('late-node'));
    expect(c.snapshot()[0].requested.milliCPU).toBe(1000);
    c.removeNode(makeNode('late-node'));
    expect(c.snapshot()).toHaveLength(0);
    expect(c.nodeInfo('late-node')!.pods).toHaveLength(1);
    c.removePod(early);
    expect(c.nodeInfo('late-node')).toBeUndefined();
  });
});
