import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import type { RuntimeContainer } from './container-runtime';
import type { ProbeOutcome, ProbeSpec } from './runtime/behaviour';

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'unknown' | 'success' | 'failure';

/** What a probe worker needs from its pod worker. */
export interface ProbeHost {
  current(container: string): RuntimeContainer | undefined;
  started(container: string): boolean;
  deleting(): boolean;
  run(containerId: string, spec: ProbeSpec, timeoutSeconds: number): ProbeOutcome;
  recordUnhealthy(container: string, message: string): void;
  /** The result crossed its threshold (or reset for a new container). */
  changed(type: ProbeType, container: string, result: ProbeResult): void;
}

const TITLE: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** A probe's handler as the behaviour model takes it; a named port is looked up on the container. */
export function probeSpecOf(probe: Probe, container: Container): ProbeSpec | undefined {
  const port = (p: number | string): number => {
    if (typeof p === 'number') return p;
    const named = container.ports?.find((cp) => cp.name === p);
    return named ? named.containerPort : Number(p);
  };
  if (probe.exec) return { kind: 'exec', command: [...(probe.exec.command ?? [])] };
  if (probe.httpGet) {
    const headers: Record<string, string> = {};
    for (const h of probe.httpGet.httpHeaders ?? []) headers[h.name] = h.value;
    return {
      kind: 'httpGet',
      port: port(probe.httpGet.port),
      path: probe.httpGet.path ?? '/',
      headers,
      scheme: probe.httpGet.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP',
    };
  }
  if (probe.tcpSocket) return { kind: 'tcpSocket', port: port(probe.tcpSocket.port) };
  // gRPC probes: KubeSim checks only that the port accepts connections.
  if (probe.grpc) return { kind: 'tcpSocket', port: probe.grpc.port };
  return undefined;
}

/**
 * pkg/kubelet/prober/worker.go: one worker per probe of a container, ticking every
 * periodSeconds from when the pod was added. Readiness starts as failure, liveness as success,
 * startup as unknown; a result must repeat successThreshold / failureThreshold times to count.
 */
export class ProbeWorker {
  result: ProbeResult;
  private lastResult: ProbeResult = 'unknown';
  private resultRun = 0;
  private containerId = '';
  private onHold = false;
  private timer: ScheduledEvent | undefined;
  private readonly spec: ProbeSpec | undefined;

  constructor(
    private readonly engine: Engine,
    readonly type: ProbeType,
    private readonly probe: Probe,
    private readonly container: Container,
    private readonly host: ProbeHost,
  ) {
    this.result = this.initial();
    this.spec = probeSpecOf(probe, container);
  }

  private initial(): ProbeResult {
    return this.type === 'readiness' ? 'failure' : this.type === 'liveness' ? 'success' : 'unknown';
  }

  private get periodMs(): number {
    return (this.probe.periodSeconds ?? 10) * 1000;
  }

  start(): void {
    this.timer = this.engine.schedule(0, `probe ${this.type} ${this.container.name}`, () => this.tick());
  }

  stop(): void {
    this.engine.cancel(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.timer = undefined;
    if (!this.doProbe()) return;
    this.timer = this.engine.schedule(this.periodMs, `probe ${this.type} ${this.container.name}`, () =>
      this.tick(),
    );
  }

  private set(result: ProbeResult): void {
    if (this.result === result) return;
    this.result = result;
    this.host.changed(this.type, this.container.name, result);
  }

  /** One tick; false stops the worker. */
  private doProbe(): boolean {
    const c = this.host.current(this.container.name);
    if (!c || c.state === 'CONTAINER_CREATED') return true;
    if (c.id !== this.containerId) {
      this.containerId = c.id;
      this.onHold = false;
      this.lastResult = 'unknown';
      this.resultRun = 0;
      this.set(this.initial());
    }
    if (this.onHold) return true;
    if (c.state !== 'CONTAINER_RUNNING') {
      this.set('failure');
      return true;
    }
    if (this.host.deleting() && this.type !== 'readiness') {
      this.set('success');
      return false;
    }
    const sinceStart = Math.floor((this.engine.epochMs + this.engine.now - (c.startedAt ?? 0)) / 1000);
    if (sinceStart < (this.probe.initialDelaySeconds ?? 0)) return true;
    if (this.host.started(this.container.name)) {
      if (this.type === 'startup') return true;
    } else if (this.type !== 'startup') return true;
    if (!this.spec) return true;
    const out = this.host.run(c.id, this.spec, this.probe.timeoutSeconds ?? 1);
    const result: ProbeResult = out.result;
    if (result === 'failure')
      this.host.recordUnhealthy(this.container.name, `${TITLE[this.type]} probe failed: ${out.output}`);
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if (
      (result === 'failure' && this.resultRun < (this.probe.failureThreshold ?? 3)) ||
      (result === 'success' && this.resultRun < (this.probe.successThreshold ?? 1))
    )
      return true;
    this.set(result);
    if (result === 'failure' && this.type !== 'readiness') {
      // Hold until the kubelet has replaced the container, as upstream does.
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
