import { jsonResponse, type HttpRequest, type HttpResponse } from '../apiserver/http';
import type { TrafficReport, TrafficRun } from '../network/traffic';
import { parseDuration } from '../engine/duration';
import { addImageLike, listImages } from '../kubelet/runtime/images';
import type { Cluster } from '../cluster';
import { decisionView } from '../scheduler/decisions';
import { iptablesSave } from '../proxy/iptables/save';

/** Traffic runs kept for `GET /simulator/v1/traffic/runs` (the oldest finished ones go first). */
const MAX_RUNS = 20;
/** A live run's progress goes to watchers at most this often (virtual ms), and when it ends. */
const RUN_PROGRESS_MS = 250;

interface LiveRun {
  name: string;
  spec: Record<string, unknown>;
  run: TrafficRun;
  version: number;
  lastSent: number;
}

/** Longest single `advance`: a day of virtual time, so one request cannot hang a server for ever. */
const MAX_ADVANCE_MS = 24 * 3_600_000;

/**
 * KubeSim's own API beside Kubernetes', for tools, tests and the UI: the clock, the node shell and
 * the trace. Same bearer token as the Kubernetes API.
 */
export class SimulatorApi {
  private readonly runs = new Map<string, LiveRun>();
  private runCount = 0;
  private readonly runWatchers = new Set<(line: string) => void>();

  constructor(private readonly cluster: Cluster) {}

  handle(req: HttpRequest): HttpResponse {
    if (this.cluster.authenticator.authenticate(req.headers['authorization']) === undefined)
      return jsonResponse(401, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    const route = `${req.method.toUpperCase()} ${req.path.replace(/\/+$/, '')}`;
    const power = /^POST \/simulator\/v1\/nodes\/([^/]+)\/power$/.exec(route);
    if (power) return this.nodePower(decodeURIComponent(power[1]), req);
    if (route === 'POST /simulator/v1/nodes') return this.joinNode(req);
    const run = /^DELETE \/simulator\/v1\/traffic\/runs\/([^/]+)$/.exec(route);
    if (run) return this.stopRun(decodeURIComponent(run[1]));
    if (route === 'POST /simulator/v1/traffic/runs') return this.startRun(req);
    if (route === 'GET /simulator/v1/traffic/runs') return this.listRuns(req);
    const proxy = /^GET \/simulator\/v1\/kube-proxy\/([^/]+)$/.exec(route);
    if (proxy) return this.kubeProxy(decodeURIComponent(proxy[1]));
    const packet = /^GET \/simulator\/v1\/packets\/(\d+)$/.exec(route);
    if (packet) return this.packetHop(Number(packet[1]));
    switch (route) {
      case 'GET /simulator/v1/clock':
        return jsonResponse(200, this.cluster.clock());
      case 'POST /simulator/v1/clock':
        return this.postClock(req);
      case 'POST /simulator/v1/exec':
        return this.exec(req);
      case 'GET /simulator/v1/trace':
        return this.trace(req);
      case 'GET /simulator/v1/images':
        return jsonResponse(200, {
          images: listImages().map((i) => ({ ref: i.ref, sizeBytes: i.sizeBytes, behaviour: i.behaviour })),
        });
      case 'POST /simulator/v1/images':
        return this.addImage(req);
      case 'POST /simulator/v1/traffic':
        return this.traffic(req);
      case 'GET /simulator/v1/scheduler/decisions':
        return this.schedulerDecisions(req);
      case 'GET /simulator/v1/etcd/keys':
        return this.etcdKeys(req);
      case 'GET /simulator/v1/etcd/history':
        return this.etcdHistory(req);
      default:
        return jsonResponse(404, { message: `no such simulator endpoint: ${route}` });
    }
  }

  private body(req: HttpRequest): Record<string, unknown> | string {
    try {
      const v: unknown = JSON.parse(req.body ?? '{}');
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'the body must be a JSON object';
      return v as Record<string, unknown>;
    } catch (e) {
      return `malformed JSON: ${(e as Error).message}`;
    }
  }

  private postClock(req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    if (b.speed !== undefined) {
      if (typeof b.speed !== 'number' || !(b.speed > 0) || b.speed > 1000)
        return jsonResponse(400, { message: 'speed must be a number in (0, 1000]' });
    }
    if (b.paused !== undefined && typeof b.paused !== 'boolean')
      return jsonResponse(400, { message: 'paused must be true or false' });
    let advanceMs: number | undefined;
    if (b.advance !== undefined) {
      advanceMs =
        typeof b.advance === 'number'
          ? b.advance
          : typeof b.advance === 'string'
            ? parseDuration(b.advance)
            : undefined;
      if (advanceMs === undefined || advanceMs < 0 || advanceMs > MAX_ADVANCE_MS)
        return jsonResponse(400, {
          message: `advance must be a duration such as "90s" or "5m", at most 24h`,
        });
    }
    if (typeof b.speed === 'number') this.cluster.speed = b.speed;
    if (typeof b.paused === 'boolean') this.cluster.paused = b.paused;
    if (advanceMs !== undefined) this.cluster.engine.advance(advanceMs);
    return jsonResponse(200, this.cluster.clock());
  }

  /** `{"ref":"myshop/web:v2","like":"nginx:1.27","sizeBytes":52000000}`: a learner's own image. */
  private addImage(req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    if (typeof b.ref !== 'string' || typeof b.like !== 'string')
      return jsonResponse(400, { message: 'ref and like are required strings' });
    if (b.sizeBytes !== undefined && (typeof b.sizeBytes !== 'number' || !(b.sizeBytes > 0)))
      return jsonResponse(400, { message: 'sizeBytes must be a positive number' });
    const r = addImageLike(b.ref, b.like, b.sizeBytes as number | undefined);
    if (!r.ok) return jsonResponse(400, { message: r.message });
    return jsonResponse(201, {
      ref: r.entry.ref,
      digest: r.entry.digest,
      sizeBytes: r.entry.sizeBytes,
      behaviour: r.entry.behaviour,
    });
  }

  private exec(req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    if (typeof b.host !== 'string' || typeof b.command !== 'string')
      return jsonResponse(400, { message: 'host and command are required strings' });
    return jsonResponse(200, this.cluster.shell.run(b.host, b.command));
  }

  /** The scheduler's decisions: one pod's (newest first), or the latest in a namespace. */
  private schedulerDecisions(req: HttpRequest): HttpResponse {
    const log = this.cluster.scheduler.decisions;
    const namespace = req.query.get('namespace') ?? 'default';
    const pod = req.query.get('pod');
    const limit = Number(req.query.get('limit') ?? '50');
    if (!Number.isInteger(limit) || limit <= 0)
      return jsonResponse(400, { message: 'limit must be a positive integer' });
    const recs = pod ? log.forPod(namespace, pod).slice(0, limit) : log.latest(namespace, limit);
    if (pod && recs.length === 0)
      return jsonResponse(404, { message: `no scheduling decision recorded for pod ${namespace}/${pod}` });
    return jsonResponse(200, { kind: 'SchedulingDecisionList', items: recs.map(decisionView) });
  }

  /** `{"on": true|false}`: power a node's machine on (new boot id) or off. */
  private nodePower(name: string, req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    const m = this.cluster.machines.get(name);
    if (!m) return jsonResponse(404, { message: `no such node: ${name}` });
    if (typeof b.on !== 'boolean') return jsonResponse(400, { message: 'on must be true or false' });
    if (b.on) m.powerOn();
    else m.powerOff();
    return jsonResponse(200, { name, powered: m.powered, bootID: m.bootID });
  }

  /** Joins a new worker: `{"name","cpu","memory","pods","labels","taints"}`. */
  private joinNode(req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    if (typeof b.name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(b.name))
      return jsonResponse(400, { message: 'name must be a DNS-1123 subdomain' });
    if (b.pods !== undefined && (typeof b.pods !== 'number' || !Number.isInteger(b.pods) || b.pods <= 0))
      return jsonResponse(400, { message: 'pods must be a positive integer' });
    const str = (v: unknown, d: string) => (typeof v === 'string' || typeof v === 'number' ? String(v) : d);
    const r = this.cluster.registerNode(b.name, {
      cpu: str(b.cpu, '4'),
      memory: str(b.memory, '8Gi'),
      pods: b.pods as number | undefined,
      labels: (b.labels ?? undefined) as Record<string, string> | undefined,
      taints: (b.taints ?? undefined) as { key: string; value?: string; effect: string }[] | undefined,
    });
    if (!r.ok) return jsonResponse(409, { message: r.message });
    return jsonResponse(201, { name: b.name, ip: this.cluster.nodeIP(b.name) });
  }

  /** A traffic run over virtual time: the clock advances by its duration; the report comes back. */
  private traffic(req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    const report = this.cluster.network.runTraffic(b);
    return typeof report === 'string' ? jsonResponse(400, { message: report }) : jsonResponse(200, report);
  }

  /**
   * A traffic run that plays out as the clock runs (the UI's clock drives it), unlike
   * `POST /simulator/v1/traffic`, which advances the clock at once. Watchable like a Kubernetes
   * collection, so a client sees per-pod counts and errors while the run is under way.
   */
  private startRun(req: HttpRequest): HttpResponse {
    const b = this.body(req);
    if (typeof b === 'string') return jsonResponse(400, { message: b });
    const name = `traffic-${++this.runCount}`;
    const live: Partial<LiveRun> = { name, spec: b, version: 0, lastSent: this.cluster.engine.now };
    const run = this.cluster.network.startTraffic(b, undefined, (r) => this.progress(live as LiveRun, r));
    if (typeof run === 'string') {
      this.runCount--;
      return jsonResponse(400, { message: run });
    }
    live.run = run;
    this.runs.set(name, live as LiveRun);
    for (const [n, r] of this.runs) {
      if (this.runs.size <= MAX_RUNS) break;
      if (!r.run.report.done) continue;
      this.runs.delete(n);
      this.notify('DELETED', r);
    }
    this.notify('ADDED', live as LiveRun);
    return jsonResponse(201, this.runObject(live as LiveRun));
  }

  private stopRun(name: string): HttpResponse {
    const r = this.runs.get(name);
    if (!r) return jsonResponse(404, { message: `no such traffic run: ${name}` });
    if (!r.run.report.done) {
      r.run.cancel();
      this.notify('MODIFIED', r);
    }
    return jsonResponse(200, this.runObject(r));
  }

  private progress(r: LiveRun, report: TrafficReport): void {
    const now = this.cluster.engine.now;
    if (!report.done && now - r.lastSent < RUN_PROGRESS_MS) return;
    r.lastSent = now;
    this.notify('MODIFIED', r);
  }

  private runObject(r: LiveRun): Record<string, unknown> {
    return {
      apiVersion: 'simulator.kubesim.dev/v1',
      kind: 'TrafficRun',
      metadata: { name: r.name, resourceVersion: String(r.version) },
      spec: r.spec,
      status: r.run.report,
    };
  }

  private notify(type: 'ADDED' | 'MODIFIED' | 'DELETED', r: LiveRun): void {
    r.version++;
    if (this.runWatchers.size === 0) return;
    const line = JSON.stringify({ type, object: this.runObject(r) }) + '\n';
    for (const w of this.runWatchers) w(line);
  }

  private listRuns(req: HttpRequest): HttpResponse {
    const items = [...this.runs.values()].map((r) => this.runObject(r));
    const watch = req.query.get('watch');
    if (!watch || watch === '0' || watch === 'false')
      return jsonResponse(200, { kind: 'TrafficRunList', apiVersion: 'simulator.kubesim.dev/v1', items });
    const watchers = this.runWatchers;
    let mine: ((line: string) => void) | undefined;
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: items.map((object) => JSON.stringify({ type: 'ADDED', object }) + '\n').join(''),
      stream: {
        subscribe(onChunk) {
          mine = onChunk;
          watchers.add(onChunk);
        },
        close() {
          if (mine) watchers.delete(mine);
          mine = undefined;
        },
      },
    };
  }

  private trace(req: HttpRequest): HttpResponse {
    const since = Number(req.query.get('since') ?? '0');
    if (!Number.isFinite(since) || since < 0)
      return jsonResponse(400, { message: 'since must be a non-negative sequence number' });
    const lines = this.cluster.engine.trace.since(since).map((r) => JSON.stringify(r));
    return {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
      body: lines.length > 0 ? lines.join('\n') + '\n' : '',
    };
  }

  // ── read-only views for the UI's inspectors (GET: no trace hop, no timeline marker) ──

  /** etcd's keys under `prefix` with their revisions, as `etcdctl get --prefix --keys-only` (keys not base64). */
  private etcdKeys(req: HttpRequest): HttpResponse {
    const prefix = req.query.get('prefix') ?? '/registry/';
    const r = this.cluster.etcd.range(prefix, { keysOnly: true });
    return jsonResponse(200, {
      revision: r.revision,
      count: r.count,
      keys: r.kvs.map((kv) => ({
        key: kv.key,
        createRevision: kv.createRevision,
        modRevision: kv.modRevision,
        version: kv.version,
      })),
    });
  }

  /** Every version of one key still held since the last compaction, oldest first (tombstones: version 0). */
  private etcdHistory(req: HttpRequest): HttpResponse {
    const key = req.query.get('key');
    if (!key) return jsonResponse(400, { message: 'key is required' });
    return jsonResponse(200, {
      key,
      revision: this.cluster.etcd.revision,
      compactRevision: this.cluster.etcd.compactRevision,
      versions: this.cluster.etcd.keyHistory(key),
    });
  }

  /** One node's kube-proxy: its tables as `iptables-save` prints them, and what its last sync changed. */
  private kubeProxy(node: string): HttpResponse {
    if (!this.cluster.nodeIP(node)) return jsonResponse(404, { message: `no such node: ${node}` });
    const proxy = this.cluster.network.proxies.get(node);
    const tables = this.cluster.network.proxies.netfilter(node).tables;
    const now = this.cluster.engine.now;
    return jsonResponse(200, {
      node,
      now,
      running: proxy?.running ?? false,
      syncs: proxy?.syncs ?? 0,
      lastSync: proxy?.lastSync,
      iptablesSave: iptablesSave(tables, {
        generatedAt: new Date(this.cluster.engine.epochMs + now).toUTCString(),
      }),
    });
  }

  /** A packet hop of the trace with the iptables rules it matched (while it is recent). */
  private packetHop(seq: number): HttpResponse {
    const hop = this.cluster.network.path.hop(seq);
    return hop ? jsonResponse(200, hop) : jsonResponse(404, { message: `no packet hop ${seq} is held` });
  }
}
