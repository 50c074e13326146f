import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../sim/apiserver/http';
import { jsonResponse } from '../sim/apiserver/http';
import type { TraceRecord } from '../sim/engine/trace';
import { createCluster } from '../sim/cluster';
import { ClusterHost, type HostEnv, type HostedCluster } from './host';
import type { BatchMessage, WorkerToUi } from './protocol';

/** A manual clock and timer queue, so a test decides when frames happen. */
function manualEnv(createCluster: HostEnv['createCluster']) {
  const sent: WorkerToUi[] = [];
  let wall = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; every?: number; fn: () => void }>();
  const env: HostEnv = {
    post: (m) => sent.push(m),
    createCluster,
    now: () => wall,
    setInterval: (fn, ms) => (timers.set(nextHandle, { at: wall + ms, every: ms, fn }), nextHandle++),
    clearInterval: (h) => void timers.delete(h as number),
    setTimeout: (fn, ms) => (timers.set(nextHandle, { at: wall + ms, fn }), nextHandle++),
    clearTimeout: (h) => void timers.delete(h as number),
    token: () => 'secret',
  };
  function advance(ms: number): void {
    const until = wall + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [h, t] = due;
      wall = t.at;
      if (t.every) t.at += t.every;
      else timers.delete(h);
      t.fn();
    }
    wall = until;
  }
  return { env, sent, advance };
}

/** A stand-in cluster with a node collection, a watch stream and a trace. */
function stubCluster(opts: { failTick?: boolean } = {}) {
  const traceListeners = new Set<(r: TraceRecord) => void>();
  const watchers: ((chunk: string) => void)[] = [];
  const requests: HttpRequest[] = [];
  let now = 0;
  let seq = 0;
  const cluster: HostedCluster = {
    engine: {
      get now() {
        return now;
      },
      epochMs: 0,
      trace: { subscribe: (l) => (traceListeners.add(l), () => traceListeners.delete(l)), since: () => [] },
    },
    clock: () => ({ now, speed: 2, paused: false }),
    tick(wallMs) {
      if (opts.failTick) throw new Error('controller exploded');
      now += wallMs;
    },
    handle(req): HttpResponse {
      requests.push(req);
      if (req.headers.authorization !== 'Bearer secret')
        return jsonResponse(401, { message: 'Unauthorized' });
      if (req.path === '/simulator/v1/clock') return jsonResponse(200, { now, speed: 2, paused: false });
      if (req.path !== '/api/v1/nodes') return jsonResponse(404, { kind: 'Status', message: 'not found' });
      if (req.query.get('watch')) {
        return {
          status: 200,
          headers: {},
          body: '',
          stream: { subscribe: (onChunk) => void watchers.push(onChunk), close: () => undefined },
        };
      }
      return jsonResponse(200, {
        metadata: { resourceVersion: '10' },
        items: [{ metadata: { name: 'node-1', resourceVersion: '9' } }],
      });
    },
  };
  const emitNode = (name: string, rv: number) =>
    watchers.forEach((w) =>
      w(
        JSON.stringify({ type: 'ADDED', object: { metadata: { name, resourceVersion: String(rv) } } }) + '\n',
      ),
    );
  const emitTrace = () =>
    traceListeners.forEach((l) =>
      l({ seq: ++seq, from: 'a', to: 'b', kind: 'http', summary: 's', sentAt: now, deliverAt: now }),
    );
  return { cluster, requests, emitNode, emitTrace, watchers };
}

const batches = (sent: WorkerToUi[]) => sent.filter((m): m is BatchMessage => m.type === 'batch');

describe('ClusterHost', () => {
  it('boots, lists then watches with the admin token, and batches many events into one message per frame', () => {
    const stub = stubCluster();
    const { env, sent, advance } = manualEnv(() => stub.cluster);
    const host = new ClusterHost(env);
    host.start();
    expect(sent[0]).toMatchObject({ type: 'ready', generation: 1, seed: 1, nodes: 3, clock: { speed: 2 } });
    host.receive({ type: 'watch', watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' });
    const watchReq = stub.requests.find((r) => r.query.get('watch'));
    expect(watchReq?.query.get('resourceVersion')).toBe('10');
    for (let i = 0; i < 50; i++) {
      stub.emitNode(`n${i}`, 11 + i);
      stub.emitTrace();
    }
    const before = sent.length;
    advance(16);
    expect(sent.length).toBe(before + 1);
    const [b] = batches(sent);
    expect(b.watch[0]).toMatchObject({ type: 'SYNC', kind: 'Node', resourceVersion: '10' });
    expect(b.watch).toHaveLength(51);
    expect(b.watch[1]).toMatchObject({ type: 'ADDED', kind: 'Node', object: { kind: 'Node' } });
    expect(b.trace).toHaveLength(50);
    expect(b.clock.now).toBe(16);
    host.dispose();
  });

  it('answers requests by id, and reports a failed watch without crashing', () => {
    const stub = stubCluster();
    const { env, sent, advance } = manualEnv(() => stub.cluster);
    const host = new ClusterHost(env);
    host.start();
    host.receive({ type: 'request', id: 7, method: 'GET', path: '/nope' });
    expect(sent.at(-1)).toMatchObject({ type: 'response', id: 7, status: 404 });
    host.receive({ type: 'watch', watchId: 'x', kind: 'Thing', path: '/apis/x/v1/things' });
    advance(16);
    expect(batches(sent).at(-1)?.watch[0]).toMatchObject({ type: 'FAILED', status: 404 });
    host.dispose();
  });

  it('reports a throwing cluster as a fatal error, stops ticking, and restarts a fresh cluster on request', () => {
    let n = 0;
    const stubs = [stubCluster({ failTick: true }), stubCluster()];
    const { env, sent, advance } = manualEnv(() => stubs[n++].cluster);
    const host = new ClusterHost(env);
    host.start();
    host.receive({ type: 'watch', watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' });
    advance(50);
    const errors = sent.filter((m) => m.type === 'error');
    expect(errors).toEqual([expect.objectContaining({ fatal: true, message: 'controller exploded' })]);
    host.receive({ type: 'restart', seed: 5 });
    expect(sent.at(-1)).toMatchObject({ type: 'ready', generation: 2, seed: 5 });
    advance(16);
    expect(batches(sent).at(-1)).toMatchObject({ generation: 2, watch: [{ type: 'SYNC' }] });
    host.dispose();
  });

  it('hosts the real cluster: nodes arrive Ready, the clock obeys, and the node shell answers', () => {
    const { env, sent, advance } = manualEnv(createCluster);
    const host = new ClusterHost(env);
    host.start(3, 2);
    host.receive({ type: 'watch', watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' });
    advance(16);
    const first = batches(sent)[0];
    expect(first.trace.length).toBeGreaterThan(0);
    expect(first.trace[0].seq).toBe(1);
    const sync = first.watch[0];
    expect(sync.type).toBe('SYNC');
    const names = sync.type === 'SYNC' ? sync.items.map((n) => n.metadata?.name) : [];
    expect(names).toEqual(['control-plane', 'node-1', 'node-2']);

    host.receive({ type: 'clock', command: { action: 'speed', speed: 10 } });
    advance(100);
    expect(batches(sent).at(-1)?.clock.speed).toBe(10);
    host.receive({ type: 'clock', command: { action: 'pause' } });
    advance(16);
    const pausedAt = batches(sent).at(-1)?.clock;
    expect(pausedAt?.paused).toBe(true);
    advance(500);
    expect(batches(sent).at(-1)?.clock.now).toBe(pausedAt?.now);
    host.receive({ type: 'clock', command: { action: 'advance', ms: 90_000 } });
    advance(16);
    expect(batches(sent).at(-1)?.clock.now).toBe((pausedAt?.now ?? 0) + 90_000);

    host.receive({
      type: 'exec',
      id: 1,
      host: 'control-plane',
      command: 'etcdctl get /registry/minions --prefix --keys-only',
    });
    const out = sent.find((m) => m.type === 'exec-result');
    expect(out).toMatchObject({ exitCode: 0 });
    expect(out?.type === 'exec-result' && out.stdout).toContain('/registry/minions/node-1');
    host.dispose();
  });
});
