import { jsonResponse, type HttpRequest, type HttpResponse } from '../apiserver/http';
import { parseDuration } from '../engine/duration';
import type { Cluster } from '../cluster';
import { decisionView } from '../scheduler/decisions';

/** Longest single `advance`: a day of virtual time, so one request cannot hang a server for ever. */
const MAX_ADVANCE_MS = 24 * 3_600_000;

/**
 * KubeSim's own API beside Kubernetes', for tools, tests and the UI: the clock, the node shell and
 * the trace. Same bearer token as the Kubernetes API.
 */
export class SimulatorApi {
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
    switch (route) {
      case 'GET /simulator/v1/clock':
        return jsonResponse(200, this.cluster.clock());
      case 'POST /simulator/v1/clock':
        return this.postClock(req);
      case 'POST /simulator/v1/exec':
        return this.exec(req);
      case 'GET /simulator/v1/trace':
        return this.trace(req);
      case 'POST /simulator/v1/traffic':
        return this.traffic(req);
      case 'GET /simulator/v1/scheduler/decisions':
        return this.schedulerDecisions(req);
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
}
