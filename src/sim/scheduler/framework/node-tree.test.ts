import { describe, expect, it } from 'vitest';
import { makeNode } from '../testing';
import { NodeTree } from './node-tree';

describe('NodeTree', () => {
  it('lists nodes round-robin across zones in the order zones first appeared', () => {
    const t = new NodeTree();
    const z = (zone: string) => ({ labels: { 'topology.kubernetes.io/zone': zone } });
    for (const [n, zone] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['a3', 'a'],
      ['b1', 'b'],
      ['c1', 'c'],
      ['c2', 'c'],
    ]) {
      t.addNode(makeNode(n, z(zone)));
    }
    expect(t.list()).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    t.removeNode(makeNode('b1', z('b')));
    expect(t.list()).toEqual(['a1', 'c1', 'a2', 'c2', 'a3']);
  });
});
