import { describe, expect, it } from 'vitest';
import { EtcdStore } from './store';
import { CompactedError, type WatchEvent } from './types';

describe('etcd MVCC store', () => {
  it('bumps one global revision per write and keeps per-key create/mod revision and version', () => {
    const s = new EtcdStore();
    expect(s.revision).toBe(1);
    s.put('/registry/pods/default/a', '1');
    s.put('/registry/pods/default/b', '1');
    s.put('/registry/pods/default/a', '2');
    const a = s.get('/registry/pods/default/a')!;
    expect(s.revision).toBe(4);
    expect(a).toMatchObject({ createRevision: 2, modRevision: 4, version: 2, value: '2' });
    expect(s.get('/registry/pods/default/b')).toMatchObject({
      createRevision: 3,
      modRevision: 3,
      version: 1,
    });
  });

  it('deleting then re-creating a key starts a new life: new create revision, version 1', () => {
    const s = new EtcdStore();
    s.put('k', 'x');
    s.delete('k');
    s.put('k', 'y');
    expect(s.get('k')).toMatchObject({ createRevision: 4, modRevision: 4, version: 1 });
  });

  it('ranges by prefix in key order, and reads the past at a revision', () => {
    const s = new EtcdStore();
    s.put('/registry/pods/default/web-2', 'b');
    s.put('/registry/pods/default/web-1', 'a');
    s.put('/registry/pods/kube-system/dns', 'c');
    s.put('/registry/services/specs/default/web', 'd');
    expect(s.range('/registry/pods/').kvs.map((kv) => kv.key)).toEqual([
      '/registry/pods/default/web-1',
      '/registry/pods/default/web-2',
      '/registry/pods/kube-system/dns',
    ]);
    s.put('/registry/pods/default/web-1', 'a2');
    s.delete('/registry/pods/default/web-2');
    expect(s.get('/registry/pods/default/web-1', 3)?.value).toBe('a');
    expect(s.range('/registry/pods/default/', { revision: 3 }).kvs.map((kv) => kv.value)).toEqual(['a', 'b']);
    expect(s.range('/registry/pods/default/').kvs.map((kv) => kv.value)).toEqual(['a2']);
    expect(s.range('/registry/pods/', { limit: 1 })).toMatchObject({ count: 2 });
  });

  it('transactions compare mod revisions: a stale writer loses, as the apiserver relies on for 409s', () => {
    const s = new EtcdStore();
    const { revision } = s.put('k', 'v1');
    const first = s.txn(
      [{ key: 'k', target: 'mod', result: '=', value: revision }],
      [{ type: 'put', key: 'k', value: 'v2' }],
    );
    const second = s.txn(
      [{ key: 'k', target: 'mod', result: '=', value: revision }],
      [{ type: 'put', key: 'k', value: 'v3' }],
    );
    expect(first.succeeded).toBe(true);
    expect(second.succeeded).toBe(false);
    expect(s.get('k')?.value).toBe('v2');
  });

  it('a create-if-absent transaction fails when the key exists', () => {
    const s = new EtcdStore();
    const create = () =>
      s.txn([{ key: 'k', target: 'create', result: '=', value: 0 }], [{ type: 'put', key: 'k', value: 'x' }]);
    expect(create().succeeded).toBe(true);
    expect(create().succeeded).toBe(false);
  });

  it('watch from a revision replays what happened after a list, so nothing is lost in between', () => {
    const s = new EtcdStore();
    s.put('/p/a', '1');
    const listRev = s.range('/p/').revision;
    s.put('/p/b', '1'); // happens between the list and the watch
    s.delete('/p/a');
    const seen: WatchEvent[] = [];
    s.watch('/p/', (ev) => seen.push(ev), listRev + 1);
    s.put('/p/c', '1');
    s.put('/q/x', '1'); // another prefix: not delivered
    expect(seen.map((e) => `${e.type} ${e.kv.key} @${e.revision}`)).toEqual([
      'PUT /p/b @3',
      'DELETE /p/a @4',
      'PUT /p/c @5',
    ]);
    expect(seen[1].prevKv?.value).toBe('1');
  });

  it('compaction drops history: older reads and watches fail with "required revision has been compacted"', () => {
    const s = new EtcdStore();
    s.put('k', '1');
    s.put('k', '2');
    s.put('k', '3');
    s.compact(3);
    expect(s.get('k', 3)?.value).toBe('2');
    expect(() => s.get('k', 2)).toThrow(CompactedError);
    expect(() => s.watch('k', () => {}, 2)).toThrow('mvcc: required revision has been compacted');
    expect(s.get('k')?.value).toBe('3');
    expect(() => s.compact(2)).toThrow(CompactedError);
  });
});

describe('the apiserver compacts etcd every five minutes', () => {
  it('keeps five minutes of history, then drops what is older', async () => {
    const { createCluster } = await import('../cluster');
    const c = createCluster({ nodes: 1 });
    const early = c.etcd.revision;
    c.engine.advance(5 * 60_000);
    const atFive = c.etcd.revision;
    // The first tick compacts to what it saw at start; nothing written since boot is lost yet.
    expect(c.etcd.compactRevision).toBeLessThanOrEqual(early);
    c.engine.advance(5 * 60_000);
    expect(c.etcd.compactRevision).toBeGreaterThan(early);
    expect(c.etcd.compactRevision).toBeLessThanOrEqual(atFive);
    expect(() => c.etcd.get('/registry/namespaces/default', c.etcd.compactRevision - 1)).toThrow(
      'required revision has been compacted',
    );
  });
});
