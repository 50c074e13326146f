import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import { parseSource, parseUrl, type PacketPath, type RequestResult } from './packet-path';

export interface TrafficSpec {
  /** A node name or `<namespace>/<pod>`. */
  from: string;
  url: string;
  requests: number;
  /** Requests per second of virtual time. */
  rate: number;
  /** How long a client waits for a connection before counting an error (default 2 s). */
  timeoutMs?: number;
}

export interface LatencySummary {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface TrafficReport {
  from: string;
  url: string;
  requested: number;
  sent: number;
  succeeded: number;
  /** Responses per pod that served them (`<namespace>/<pod>`). */
  perPod: Record<string, number>;
  /** Failed requests by cause: `refused`, `timeout`, `resolve`, `reset`, `http-<status>`. */
  errors: Record<string, number>;
  /** Milliseconds, successful and failed requests alike. */
  latencyMs: LatencySummary;
  /** Per second of the run: how many requests succeeded and failed. */
  timeline: Array<{ second: number; ok: number; failed: number }>;
  startedAt: number;
  finishedAt?: number;
  done: boolean;
  note?: string;
}

export type ValidatedSpec = TrafficSpec & { timeoutMs: number };

export function validateTrafficSpec(b: Record<string, unknown>): ValidatedSpec | string {
  if (typeof b.from !== 'string' || b.from === '') return 'from must be a node name or <namespace>/<pod>';
  if (typeof b.url !== 'string' || !parseUrl(b.url)) return 'url must be an http URL';
  const requests = b.requests ?? 100;
  const rate = b.rate ?? 10;
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1 || requests > 100_000)
    return 'requests must be an integer in [1, 100000]';
  if (typeof rate !== 'number' || !(rate > 0) || rate > 10_000) return 'rate must be a number in (0, 10000]';
  const timeoutMs = b.timeoutMs ?? 2000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return 'timeoutMs must be a positive number';
  return { from: b.from, url: b.url, requests, rate, timeoutMs };
}

/**
 * A load generator in a pod or on a node: `requests` new connections at `rate` per second of
 * virtual time, each walking the packet path on its own (so the iptables probabilities decide
 * the spread), while the rest of the cluster keeps running — a node dying mid-run shows as errors
 * until the endpoints and every node's rules catch up.
 */
export class TrafficRun {
  readonly report: TrafficReport;
  private readonly latencies: number[] = [];
  private next: ScheduledEvent | undefined;
  private readonly onDone: ((r: TrafficReport) => void) | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly path: PacketPath,
    private readonly spec: ValidatedSpec,
    onDone?: (r: TrafficReport) => void,
    private readonly onProgress?: (r: TrafficReport) => void,
  ) {
    this.onDone = onDone;
    this.report = {
      from: spec.from,
      url: spec.url,
      requested: spec.requests,
      sent: 0,
      succeeded: 0,
      perPod: {},
      errors: {},
      latencyMs: { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 },
      timeline: [],
      startedAt: engine.now,
      done: false,
    };
    this.schedule(0);
  }

  /** Virtual time the whole run takes. */
  get durationMs(): number {
    return Math.ceil(((this.spec.requests - 1) * 1000) / this.spec.rate) + 1;
  }

  cancel(): void {
    this.engine.cancel(this.next);
    this.finish();
  }

  private schedule(i: number): void {
    const at = this.report.startedAt + Math.floor((i * 1000) / this.spec.rate);
    this.next = this.engine.schedule(
      at - this.engine.now,
      `traffic ${this.spec.from} → ${this.spec.url}`,
      () => {
        this.send();
        if (i + 1 < this.spec.requests) this.schedule(i + 1);
        else this.finish();
        this.onProgress?.(this.report);
      },
    );
  }

  private send(): void {
    const r: RequestResult = this.path.request(parseSource(this.spec.from), this.spec.url, {
      connectTimeoutMs: this.spec.timeoutMs,
    });
    const rep = this.report;
    rep.sent++;
    if (r.note) rep.note = r.note;
    const second = Math.floor((this.engine.now - rep.startedAt) / 1000);
    let slot = rep.timeline[rep.timeline.length - 1];
    if (!slot || slot.second !== second) rep.timeline.push((slot = { second, ok: 0, failed: 0 }));
    this.latencies.push(Math.min(r.latencyMs, this.spec.timeoutMs));
    let failure: string | undefined;
    if (r.error) failure = r.error.kind;
    else if (r.response && r.response.status >= 500) failure = `http-${r.response.status}`;
    if (failure) {
      rep.errors[failure] = (rep.errors[failure] ?? 0) + 1;
      slot.failed++;
    } else {
      rep.succeeded++;
      slot.ok++;
      const pod = r.servedBy ? `${r.servedBy.namespace}/${r.servedBy.name}` : (r.endpoint?.ip ?? 'unknown');
      rep.perPod[pod] = (rep.perPod[pod] ?? 0) + 1;
    }
  }

  private finish(): void {
    if (this.report.done) return;
    const l = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => (l.length === 0 ? 0 : l[Math.min(l.length - 1, Math.floor(q * l.length))]);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    this.report.latencyMs = {
      min: round(l[0] ?? 0),
      mean: round(l.length ? l.reduce((s, x) => s + x, 0) / l.length : 0),
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      max: round(l[l.length - 1] ?? 0),
    };
    this.report.finishedAt = this.engine.now;
    this.report.done = true;
    this.onDone?.(this.report);
  }
}
