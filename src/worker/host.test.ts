import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../sim/apiserver/http';
import { jsonResponse } from '../sim/apiserver/http';
import type { TraceRecord } from '../sim/engine/trace';
import { createCluster } from '../sim/cluster';
import { ClusterHost, type HostEnv, type HostedCluster } from './host';
import { MAX_TRACE_PER_BATCH, MAX_WATCH_PER_BATCH, type BatchMessage, type WorkerToUi } from './protocol';

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
    speed: 1,
    paused: false,
    engine: {
      get now() {
        return now;
      },
      epochMs: 0,
      step: () => false,
      nextEventAt: () => undefined,
      advance(ms) {
        if (opts.failTick) throw new Error('controller exploded');
        now += ms;
      },
      trace: {
        subscribe: (l) => (traceListeners.add(l), () => traceListeners.delete(l)),
        since: () => [],
        get lastSeq() {
          return seq;
        },
      },
    },
    handle(req): HttpResponse {
      requests.push(req);
      if (req.headers.authorization !== 'Bearer secret')
        return jsonResponse(401, { message: 'Unauthorized' });
      if (req.path !== '/api/v1/nodes') return jsonResponse(404, { kind: 'Status', message: 'not found' });
      return {
        status: 200,
        headers: {},
        body: '',
        stream: {
          subscribe: (onChunk) => {
            onChunk(
              JSON.stringify({
                type: 'ADDED',
                object: { metadata: { name: 'node-1', resourceVersion: '9' } },
              }) + '\n',
            );
            watchers.push(onChunk);
          },
          close: () => undefined,
        },
      };
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
    expect(sent[0]).toMatchObject({ type: 'ready', generation: 1, seed: 1, nodes: 3, clock: { speed: 1 } });
    host.receive({ type: 'watch', watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' });
    // No list (a list would be a hop on the trace): a watch from the start, its ADDED events the sync.
    expect(stub.requests.map((r) => r.query.get('watch'))).toEqual(['1']);
    // As many nodes as fit in one batch beside the SYNC, and 40 trace records.
    for (let i = 0; i < 40; i++) {
      if (i < MAX_WATCH_PER_BATCH - 1) stub.emitNode(`n${i}`, 11 + i);
      stub.emitTrace();
    }
    const before = sent.length;
    advance(16);
    expect(sent.length).toBe(before + 1);
    const [b] = batches(sent);
    expect(b.watch[0]).toMatchObject({ type: 'SYNC', kind: 'Node', resourceVersion: '9' });
    expect(b.watch).toHaveLength(MAX_WATCH_PER_BATCH);
    expect(b.watch[1]).toMatchObject({ type: 'ADDED', kind: 'Node', object: { kind: 'Node' } });
    expect(b.trace).toHaveLength(40);
    expect(b.clock.now).toBe(16);
    host.dispose();
  });

  it('coalesces events per object within a batch, and spreads bursts of events and records over frames', () => {
    const stub = stubCluster();
    const { env, sent, advance } = manualEnv(() => stub.cluster);
    const host = new ClusterHost(env);
    host.start();
    host.receive({ type: 'watch', watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' });
    advance(16);
    sent.length = 0;
    const emit = (type: 'ADDED' | 'MODIFIED' | 'DELETED', name: string, rv: number) =>
      stub.watchers.forEach((w) =>
        w(JSON.stringify({ type, object: { metadata: { name, resourceVersion: String(rv) } } }) + '\n'),
      );
    emit('MODIFIED', 'node-1', 20); // known to the UI: modified twice, then deleted → DELETED
    emit('MODIFIED', 'node-1', 21);
    emit('ADDED', 'a', 22); // added then modified → ADDED (latest)
    emit('MODIFIED', 'a', 23);
    emit('ADDED', 'b', 24); // added then deleted → nothing
    emit('DELETED', 'b', 25);
    emit('DELETED', 'node-1', 26);
    advance(16);
    let [b] = batches(sent);
    expect(
      b.watch.map((d) => [
        d.type,
        d.type === 'SYNC' || d.type === 'FAILED' ? '' : d.object.metadata?.resourceVersion,
      ]),
    ).toEqual([
      ['DELETED', '26'],
      ['ADDED', '23'],
    ]);

    // A burst: 130 objects and 1000 records in one frame.
    sent.length = 0;
    for (let i = 0; i < 130; i++) emit('ADDED', `p${i}`, 100 + i);
    for (let i = 0; i < 1000; i++) stub.emitTrace();
    advance(16);
    [b] = batches(sent);
    expect(b.watch).toHaveLength(MAX_WATCH_PER_BATCH);
    expect(b.trace).toHaveLength(MAX_TRACE_PER_BATCH);
    expect(b.traceDropped).toBe(1000 - MAX_TRACE_PER_BATCH);
    expect(b.trace.at(-1)?.seq).toBe(1000);
    // The rest follow in order (a later change to a queued object still coalesces).
    emit('MODIFIED', 'p129', 999);
    advance(16 * Math.ceil(130 / MAX_WATCH_PER_BATCH));
    const names = batches(sent).flatMap((x) =>
      x.watch.map((d) => ('object' in d ? d.object.metadata?.name : '')),
    );
    expect(names).toEqual(Array.from({ length: 130 }, (_, i) => `p${i}`));
    const last = batches(sent)
      .flatMap((x) => x.watch)
      .at(-1);
    expect(last).toMatchObject({ type: 'ADDED', object: { metadata: { resourceVersion: '999' } } });
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

  const deployment = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
      },
    },
  });
  const flowOf = (sent: WorkerToUi[]) => batches(sent).findLast((b) => b.flow)?.flow;
  const get = (host: ClusterHost, sent: WorkerToUi[], path: string) => {
    host.receive({ type: 'request', id: 900, method: 'GET', path });
    const r = sent.findLast((m) => m.type === 'response' && m.id === 900);
    return r?.type === 'response'
      ? (JSON.parse(r.body) as { items: { metadata: { name: string } }[] })
      : undefined;
  };

  it('stops at each deployment-flow step, steps back by replay, and replays byte for byte', () => {
    const { env, sent, advance } = manualEnv(createCluster);
    const host = new ClusterHost(env);
    host.start(4, 2);
    advance(100);
    host.receive({
      type: 'request',
      id: 1,
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      headers: { 'content-type': 'application/json', 'x-kubesim-client': 'kubectl' },
      body: deployment,
    });
    expect(sent.find((m) => m.type === 'response' && m.id === 1)).toMatchObject({ status: 201 });
    advance(16);
    expect(flowOf(sent)).toMatchObject({ active: true, step: 1, record: { step: 1, from: 'kubectl' } });
    expect(batches(sent).at(-1)?.clock.paused).toBe(true);
    // "next" moves exactly one step; each stop is the step's own hop.
    const seen: number[] = [1];
    for (let i = 0; i < 12 && seen.at(-1)! < 4; i++) {
      host.receive({ type: 'clock', command: { action: 'step' } });
      advance(16);
      const f = flowOf(sent)!;
      expect(f.record?.step).toBe(f.step);
      seen.push(f.step);
    }
    expect(seen.slice(0, 4)).toEqual([1, 2, 3, 4]);
    const at4 = batches(sent).at(-1)!.clock.now;
    host.receive({ type: 'clock', command: { action: 'back' } });
    advance(16);
    expect(sent.at(-1)?.type === 'batch' || sent.some((m) => m.type === 'ready' && m.replay)).toBe(true);
    expect(flowOf(sent)).toMatchObject({ step: 3, record: { step: 3 } });
    host.receive({ type: 'clock', command: { action: 'step' } });
    advance(16);
    expect(flowOf(sent)).toMatchObject({ step: 4 });
    expect(batches(sent).at(-1)!.clock.now).toBe(at4);

    // Run on, then seek back to before the POST: no Deployment; forward again: the same objects.
    host.receive({ type: 'clock', command: { action: 'flow', enabled: false } });
    host.receive({ type: 'clock', command: { action: 'advance', ms: 30_000 } });
    advance(16);
    const later = batches(sent).at(-1)!.clock.now;
    const pods = JSON.stringify(get(host, sent, '/api/v1/namespaces/default/pods'));
    const rs = JSON.stringify(get(host, sent, '/apis/apps/v1/namespaces/default/replicasets'));
    host.receive({ type: 'clock', command: { action: 'seek', to: 1050 } });
    advance(16);
    expect(get(host, sent, '/apis/apps/v1/namespaces/default/deployments')?.items).toEqual([]);
    host.receive({ type: 'clock', command: { action: 'seek', to: later } });
    advance(16);
    expect(batches(sent).at(-1)!.clock.now).toBe(later);
    expect(JSON.stringify(get(host, sent, '/api/v1/namespaces/default/pods'))).toBe(pods);
    expect(JSON.stringify(get(host, sent, '/apis/apps/v1/namespaces/default/replicasets'))).toBe(rs);
    host.dispose();
  });

  it('runs kubectl exec in the worker as a logged input, and streams watches until closed or replaced', () => {
    const { env, sent, advance } = manualEnv(createCluster);
    const host = new ClusterHost(env);
    host.start(4, 2);
    host.receive({ type: 'clock', command: { action: 'flow', enabled: false } });
    host.receive({
      type: 'request',
      id: 1,
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      headers: { 'content-type': 'application/json' },
      body: deployment,
    });
    host.receive({ type: 'clock', command: { action: 'advance', ms: 60_000 } });
    advance(16);
    const pod = get(host, sent, '/api/v1/namespaces/default/pods')!.items[0].metadata.name;

    host.receive({
      type: 'exec-pod',
      id: 2,
      path: `/api/v1/namespaces/default/pods/${pod}/exec`,
      query: 'command=hostname&container=nginx&stdout=true&stderr=true',
      headers: { 'user-agent': 'kubectl/v1.32.0', connection: 'Upgrade', upgrade: 'websocket' },
    });
    expect(sent.find((m) => m.type === 'response' && m.id === 2)).toMatchObject({
      status: 101,
      exec: { stdout: `${pod}\n`, exitCode: 0 },
    });
    advance(16);
    const markers = batches(sent).findLast((b) => b.timeline)?.timeline?.markers ?? [];
    expect(markers.map((m) => m.label)).toContain(`exec ${pod} -- hostname`);

    host.receive({
      type: 'stream',
      id: 3,
      path: '/api/v1/namespaces/default/pods',
      query: 'watch=true&resourceVersion=0',
    });
    expect(sent.find((m) => m.type === 'response' && m.id === 3)).toMatchObject({
      status: 200,
      streaming: true,
    });
    host.receive({
      type: 'request',
      id: 4,
      method: 'DELETE',
      path: `/api/v1/namespaces/default/pods/${pod}`,
    });
    expect(sent.some((m) => m.type === 'stream-chunk' && m.id === 3 && m.chunk.includes(pod))).toBe(true);
    host.receive({ type: 'stream-close', id: 3 });
    const chunks = sent.filter((m) => m.type === 'stream-chunk').length;
    host.receive({ type: 'clock', command: { action: 'advance', ms: 10_000 } });
    expect(sent.filter((m) => m.type === 'stream-chunk').length).toBe(chunks);
    expect(sent.some((m) => m.type === 'stream-end' && m.id === 3)).toBe(false);

    // A stream ends with its cluster (a restart or a rewind replaces it).
    host.receive({ type: 'stream', id: 5, path: '/api/v1/nodes', query: 'watch=true' });
    host.receive({ type: 'restart', seed: 4, nodes: 2 });
    expect(sent.some((m) => m.type === 'stream-end' && m.id === 5)).toBe(true);
    host.dispose();
  });
});
