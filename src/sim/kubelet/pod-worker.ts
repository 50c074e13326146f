import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { parseValue } from '../api/quantity';
import type { Client } from '../client/clientset';
import type { EventRecorder } from '../client/event-recorder';
import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import { KUBERNETES_SERVICE_IP } from '../network/pod-cidr';
import type { Backoff } from './backoff';
import type {
  ContainerLaunch,
  ContainerRuntime,
  CriContext,
  RuntimeContainer,
  Sandbox,
} from './container-runtime';
import { goDuration, rfc3339 } from './go-format';
import type { ImageManager } from './image-manager';
import { generatePodStatus, type ContainerView } from './pod-status';
import { ProbeWorker, type ProbeResult, type ProbeType } from './probes';
import type { StatusManager } from './status-manager';
import { isDeploymentPod } from './status-manager';

/** What a pod worker shares with the rest of its kubelet. */
export interface KubeletContext {
  engine: Engine;
  runtime: ContainerRuntime;
  images: ImageManager;
  status: StatusManager;
  recorder: EventRecorder;
  client: Client;
  nodeName: string;
  nodeIP: string;
  crashBackoff: Backoff;
  /** The worker has finished with a pod that is gone from the API. */
  done(uid: string): void;
}

/** PLEG relists every second: a container's exit is noticed at the next whole second. */
const RELIST_MS = 1000;
/** A force-deleted pod's containers still get this long (the kubelet's minimum grace). */
const MIN_GRACE_S = 2;

interface Slot {
  spec: Container;
  init: boolean;
  current?: RuntimeContainer;
  previous?: RuntimeContainer;
  waiting?: { reason: string; message?: string };
  restartCount: number;
}

/**
 * One pod's worker (pkg/kubelet/pod_workers.go + kuberuntime SyncPod): brings the runtime to
 * what the pod spec asks — sandbox, init containers one by one, then the containers — restarts
 * under the restart policy with the crash back-off, kills on liveness failure, and on deletion
 * stops everything within the grace period and then deletes the pod for good.
 */
export class PodWorker {
  pod: Pod;
  readonly uid: string;
  sandbox: Sandbox | undefined;
  readonly startTime: string;
  private sandboxAttempt = 0;
  private readonly slots = new Map<string, Slot>();
  private readonly probes = new Map<string, ProbeWorker>();
  private readonly stopping = new Set<string>();
  private busy = false;
  private timer: ScheduledEvent | undefined;
  private stopped = false;
  private terminating = false;
  private finalized = false;
  /** Gone from the API (deleted for good, or force-deleted). */
  removed = false;
  rejected: { reason: string; message: string } | undefined;
  /** Static pods post their status to the mirror pod of the same name. */
  readonly isStatic: boolean;

  constructor(
    private readonly ctx: KubeletContext,
    pod: Pod,
    opts: { isStatic?: boolean; rejected?: { reason: string; message: string } } = {},
  ) {
    this.pod = pod;
    this.uid = pod.metadata?.uid ?? '';
    this.isStatic = !!opts.isStatic;
    this.rejected = opts.rejected;
    const prevStart = pod.status?.startTime;
    this.startTime = prevStart ?? rfc3339(this.now());
    for (const c of pod.spec?.initContainers ?? [])
      this.slots.set(c.name, { spec: c, init: true, restartCount: 0 });
    for (const c of pod.spec?.containers ?? [])
      this.slots.set(c.name, { spec: c, init: false, restartCount: 0 });
    this.reattach();
  }

  private now(): number {
    return this.ctx.engine.epochMs + this.ctx.engine.now;
  }

  /** A restarted kubelet finds what the runtime kept running for this pod. */
  private reattach(): void {
    const sandboxes = this.ctx.runtime.sandboxesOf(this.uid).sort((a, b) => b.attempt - a.attempt);
    if (sandboxes.length === 0) return;
    this.sandbox = sandboxes[0];
    this.sandboxAttempt = this.sandbox.attempt + 1;
    const byName = new Map<string, RuntimeContainer[]>();
    for (const s of sandboxes)
      for (const c of this.ctx.runtime.containersOfSandbox(s.id)) {
        const list = byName.get(c.name) ?? [];
        list.push(c);
        byName.set(c.name, list);
      }
    for (const [name, list] of byName) {
      const slot = this.slots.get(name);
      if (!slot) continue;
      list.sort((a, b) => b.attempt - a.attempt);
      slot.current = list[0];
      slot.previous = list[1];
      slot.restartCount = list[0].attempt;
    }
  }

  private cri(): CriContext {
    const m = this.pod.metadata ?? {};
    return {
      object: { kind: 'Pod', namespace: m.namespace, name: m.name ?? '' },
      step: isDeploymentPod(this.pod) && !this.terminating ? 9 : undefined,
    };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, slot?: Slot): void {
    const fieldPath = slot
      ? `spec.${slot.init ? 'initContainers' : 'containers'}{${slot.spec.name}}`
      : undefined;
    this.ctx.recorder.event(this.pod as unknown as KubeObject, type, reason, message, fieldPath);
  }

  private get podRef(): string {
    const m = this.pod.metadata ?? {};
    return `${m.name}_${m.namespace}(${m.uid})`;
  }

  // ------------------------------------------------------------ entry points

  start(): void {
    if (!this.rejected) this.startProbes();
    this.sync();
  }

  /** A newer copy of the pod from the watch; only a deletion asks for action (status echoes do not). */
  update(pod: Pod): void {
    const old = this.pod.metadata;
    this.pod = pod;
    const m = pod.metadata;
    if (
      m?.deletionTimestamp !== old?.deletionTimestamp ||
      m?.deletionGracePeriodSeconds !== old?.deletionGracePeriodSeconds
    )
      this.sync();
  }

  /** The runtime saw one of this pod's containers change (PLEG). */
  plegEvent(): void {
    const now = this.ctx.engine.now;
    this.wake(Math.ceil((now + 1) / RELIST_MS) * RELIST_MS - now);
  }

  /** The kubelet stopped: drop timers and probes, leave the containers running. */
  stop(): void {
    this.stopped = true;
    this.ctx.engine.cancel(this.timer);
    for (const p of this.probes.values()) p.stop();
  }

  /** The pod is gone from the API: finish terminating it, then forget it. */
  remove(): void {
    this.removed = true;
    const phase = this.ctx.status.last(this.uid)?.phase;
    if (this.finalized || this.rejected || phase === 'Succeeded' || phase === 'Failed') {
      this.cleanup();
      this.ctx.done(this.uid);
      return;
    }
    this.sync();
  }

  /** Drops what the runtime still holds for this pod (its API object is gone). */
  cleanup(): void {
    this.stop();
    for (const s of this.ctx.runtime.sandboxesOf(this.uid))
      this.ctx.runtime.removePodSandbox(s.id, this.cri());
    this.ctx.crashBackoff.forgetPrefix(`${this.uid}_`);
    this.ctx.images.forgetPod(this.uid);
    this.ctx.status.forget(this.uid);
  }

  private wake(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer && !this.timer.cancelled && this.timer.at <= this.ctx.engine.now + delayMs) return;
    this.ctx.engine.cancel(this.timer);
    this.timer = this.ctx.engine.schedule(
      delayMs,
      `kubelet@${this.ctx.nodeName} sync ${this.pod.metadata?.name}`,
      () => {
        this.timer = undefined;
        this.sync();
      },
    );
  }

  // ------------------------------------------------------------ probes

  private startProbes(): void {
    for (const slot of this.slots.values()) {
      if (slot.init) continue;
      const c = slot.spec;
      const add = (type: ProbeType, probe: Container['livenessProbe']) => {
        if (!probe) return;
        const w = new ProbeWorker(this.ctx.engine, type, probe, c, {
          current: (name) => this.slots.get(name)?.current,
          started: (name) => this.isStarted(this.slots.get(name)!),
          deleting: () => this.terminating,
          run: (id, spec, timeout) => this.ctx.runtime.probe(id, spec, timeout, this.sandbox?.ip ?? ''),
          recordUnhealthy: (name, message) =>
            this.event('Warning', 'Unhealthy', message, this.slots.get(name)),
          changed: (t, name, result) => this.probeChanged(t, name, result),
        });
        this.probes.set(`${type}/${c.name}`, w);
        w.start();
      };
      add('startup', c.startupProbe);
      add('liveness', c.livenessProbe);
      add('readiness', c.readinessProbe);
    }
  }

  private probeChanged(type: ProbeType, _name: string, result: ProbeResult): void {
    if (type === 'readiness' || result === 'failure' || type === 'startup') this.sync();
  }

  private probeResult(type: ProbeType, name: string): ProbeResult | undefined {
    return this.probes.get(`${type}/${name}`)?.result;
  }

  private isStarted(slot: Slot): boolean {
    if (slot.current?.state !== 'CONTAINER_RUNNING') return false;
    const r = this.probeResult('startup', slot.spec.name);
    return r === undefined || r === 'success';
  }

  private isReady(slot: Slot): boolean {
    if (!this.isStarted(slot) || this.terminating) return false;
    const r = this.probeResult('readiness', slot.spec.name);
    return r === undefined || r === 'success';
  }

  // ------------------------------------------------------------ sync

  sync(): void {
    this.ctx.engine.cancel(this.timer);
    this.timer = undefined;
    if (this.stopped || this.finalized) return;
    // A chain of CRI calls in flight ends with a sync of its own.
    if (this.busy) return;
    if (this.rejected) return this.postStatus(true);
    if (this.removed || this.pod.metadata?.deletionTimestamp) return this.terminate();
    const phase = this.ctx.status.last(this.uid)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return this.finishTerminal();
    if (!this.sandbox || this.sandbox.state !== 'SANDBOX_READY') return this.createSandbox();

    // Init containers run one at a time, each to a successful exit.
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    for (const slot of this.slots.values()) {
      if (!slot.init) continue;
      const cur = slot.current;
      if (!cur) return this.startChain([slot]);
      if (cur.state !== 'CONTAINER_EXITED') return this.postStatus(false);
      if (cur.exitCode === 0) continue;
      if (policy === 'Never') return this.finishTerminal();
      if (this.inCrashBackoff(slot)) return this.postStatus(false);
      return this.startChain([slot]);
    }

    const toStart: Slot[] = [];
    let anyLive = false;
    for (const slot of this.slots.values()) {
      if (slot.init) continue;
      const cur = slot.current;
      if (cur?.state === 'CONTAINER_RUNNING') {
        anyLive = true;
        const live = this.probeResult('liveness', slot.spec.name);
        const startup = this.probeResult('startup', slot.spec.name);
        if ((live === 'failure' || startup === 'failure') && !this.stopping.has(cur.id)) {
          const which = live === 'failure' ? 'liveness' : 'startup';
          this.killForRestart(slot, `Container ${slot.spec.name} failed ${which} probe, will be restarted`);
        }
        continue;
      }
      if (cur?.state === 'CONTAINER_CREATED') {
        anyLive = true;
        continue;
      }
      if (!cur) {
        toStart.push(slot);
        anyLive = true;
        continue;
      }
      const restart = policy === 'Always' || (policy === 'OnFailure' && cur.exitCode !== 0);
      if (!restart) continue;
      anyLive = true;
      if (!this.inCrashBackoff(slot)) toStart.push(slot);
    }
    if (!anyLive) return this.finishTerminal();
    if (toStart.length > 0) return this.startChain(toStart);
    this.postStatus(false);
  }

  /** doBackOff: true (and CrashLoopBackOff shown) while the container's back-off runs. */
  private inCrashBackoff(slot: Slot): boolean {
    const cur = slot.current!;
    const key = `${this.uid}_${slot.spec.name}`;
    const finished = cur.finishedAt ?? this.now();
    const bo = this.ctx.crashBackoff;
    if (bo.isInBackOffSince(key, finished, this.now())) {
      const name = slot.spec.name;
      this.event(
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${name} in pod ${this.podRef}`,
        slot,
      );
      slot.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${goDuration(bo.get(key))} restarting failed container=${name} pod=${this.podRef}`,
      };
      this.wake(Math.max(0, finished + bo.get(key) - this.now()));
      return true;
    }
    bo.next(key, finished, this.now());
    return false;
  }

  private createSandbox(): void {
    const old = this.sandbox;
    if (old) {
      // The sandbox died (node reboot, `crictl stopp`): everything restarts in a new one.
      for (const slot of this.slots.values()) {
        if (slot.current) {
          slot.previous = slot.current;
          slot.restartCount = slot.current.attempt + 1;
          slot.current = undefined;
        }
      }
    }
    this.busy = true;
    const m = this.pod.metadata ?? {};
    this.ctx.runtime.runPodSandbox(
      {
        uid: this.uid,
        name: m.name ?? '',
        namespace: m.namespace ?? 'default',
        hostNetwork: !!this.pod.spec?.hostNetwork,
        labels: { ...(m.labels ?? {}) },
      },
      this.sandboxAttempt++,
      this.cri(),
      (s) => {
        this.busy = false;
        if (typeof s === 'string') {
          this.event(
            'Warning',
            'FailedCreatePodSandBox',
            `Failed to create pod sandbox: rpc error: code = Unknown desc = ${s}`,
          );
          this.wake(10_000);
          return this.postStatus(false);
        }
        this.sandbox = s;
        this.sync();
      },
    );
    this.postStatus(false);
  }

  /** Starts containers in order, each after the previous has started or failed (SyncPod step 6-7). */
  private startChain(slots: Slot[]): void {
    this.busy = true;
    this.postStatus(false);
    let progressed = false;
    const next = (i: number): void => {
      if (this.stopped) return;
      if (i >= slots.length || this.terminating || this.pod.metadata?.deletionTimestamp || this.removed) {
        this.busy = false;
        // Pull errors are noticed by the next relist, which then shows ImagePullBackOff.
        if (slots.some((s) => s.waiting?.reason === 'ErrImagePull')) this.plegEvent();
        this.wakeForImageBackoff(slots);
        // Without progress, another pass now would only repeat the same failures: wait for a timer.
        if (progressed || this.terminating || this.pod.metadata?.deletionTimestamp || this.removed)
          return this.sync();
        return this.postStatus(false);
      }
      this.startOne(slots[i], (created) => {
        progressed ||= created;
        next(i + 1);
      });
    };
    next(0);
  }

  private wakeForImageBackoff(slots: Slot[]): void {
    for (const s of slots) {
      if (s.waiting?.reason !== 'ImagePullBackOff') continue;
      const end = this.ctx.images.backoffEnds(this.uid, s.spec.image ?? '');
      if (end !== undefined) this.wake(Math.max(0, end - this.now()));
    }
  }

  private startOne(slot: Slot, done: (created: boolean) => void): void {
    const ctx = this.cri();
    const spec = slot.spec;
    const sandbox = this.sandbox!;
    this.ctx.images.ensureImageExists(
      this.pod,
      spec,
      ctx,
      (type, reason, message) => this.event(type, reason, message, slot),
      (r) => {
        if (this.stopped) return;
        if (!r.ok) {
          slot.waiting = { reason: r.reason, message: r.message };
          this.event('Warning', 'Failed', `Error: ${r.reason}`, slot);
          return done(false);
        }
        if (this.terminating || this.pod.metadata?.deletionTimestamp) return done(false);
        const attempt = slot.current ? slot.current.attempt + 1 : slot.restartCount;
        this.ctx.runtime.createContainer(
          sandbox,
          spec.name,
          attempt,
          spec.image ?? '',
          this.launch(spec),
          ctx,
          (c) => {
            if (this.stopped) return;
            if (typeof c === 'string') {
              slot.waiting = { reason: 'CreateContainerError', message: c };
              this.event('Warning', 'Failed', `Error: ${c}`, slot);
              return done(false);
            }
            if (slot.current) slot.previous = slot.current;
            slot.current = c;
            slot.restartCount = c.attempt;
            this.event('Normal', 'Created', `Created container ${spec.name}`, slot);
            this.ctx.runtime.startContainer(c.id, ctx, (started) => {
              if (this.stopped) return;
              slot.waiting = undefined;
              if (started.reason === 'StartError')
                this.event(
                  'Warning',
                  'Failed',
                  `Error: ${started.message ?? 'failed to start container'}`,
                  slot,
                );
              else this.event('Normal', 'Started', `Started container ${spec.name}`, slot);
              done(true);
            });
          },
        );
      },
    );
  }

  /** The container's environment: the pod's env over the Service variables every pod gets. */
  private launch(spec: Container): ContainerLaunch {
    const m = this.pod.metadata ?? {};
    const env: Record<string, string> = {
      HOSTNAME: m.name ?? '',
      KUBERNETES_SERVICE_HOST: KUBERNETES_SERVICE_IP,
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: `tcp://${KUBERNETES_SERVICE_IP}:443`,
      KUBERNETES_PORT_443_TCP: `tcp://${KUBERNETES_SERVICE_IP}:443`,
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: KUBERNETES_SERVICE_IP,
    };
    for (const e of spec.env ?? []) {
      const v = this.envValue(e, env);
      if (v !== undefined) env[e.name] = v;
    }
    const limit = spec.resources?.limits?.memory;
    const launch: ContainerLaunch = {
      command: spec.command ? [...spec.command] : undefined,
      args: spec.args ? [...spec.args] : undefined,
      env,
      hostname: this.pod.spec?.hostNetwork ? this.ctx.nodeName : (m.name ?? ''),
    };
    if (limit !== undefined) launch.memoryLimitBytes = parseValue(limit);
    return launch;
  }

  private envValue(e: EnvVar, env: Record<string, string>): string | undefined {
    if (e.value !== undefined)
      // $(VAR) references expand against variables defined before, as the kubelet does.
      return e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name: string) => env[name] ?? all);
    const f = e.valueFrom?.fieldRef?.fieldPath;
    const m = this.pod.metadata ?? {};
    switch (f) {
      case 'metadata.name':
        return m.name;
      case 'metadata.namespace':
        return m.namespace;
      case 'metadata.uid':
        return m.uid;
      case 'spec.nodeName':
        return this.ctx.nodeName;
      case 'spec.serviceAccountName':
        return this.pod.spec?.serviceAccountName;
      case 'status.podIP':
        return this.sandbox?.ip;
      case 'status.hostIP':
        return this.ctx.nodeIP;
      default:
        return undefined;
    }
  }

  private killForRestart(slot: Slot, message: string): void {
    const cur = slot.current!;
    this.event('Normal', 'Killing', message, slot);
    this.stopping.add(cur.id);
    const probe = slot.spec.livenessProbe?.terminationGracePeriodSeconds;
    const grace = probe ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    this.ctx.runtime.stopContainer(cur.id, grace * 1000, this.cri(), () => {
      this.stopping.delete(cur.id);
      if (!this.stopped) this.sync();
    });
  }

  // ------------------------------------------------------------ termination

  /** Graceful termination: SIGTERM every container, wait, then tell the apiserver we are done. */
  private terminate(): void {
    if (!this.terminating) {
      this.terminating = true;
      for (const p of this.probes.values()) p.stop();
    }
    const meta = this.pod.metadata ?? {};
    const grace = this.removed
      ? MIN_GRACE_S
      : (meta.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30);
    let waiting = 0;
    for (const slot of this.slots.values()) {
      const cur = slot.current;
      if (cur?.state !== 'CONTAINER_RUNNING') continue;
      waiting++;
      if (this.stopping.has(cur.id)) continue;
      this.stopping.add(cur.id);
      this.event('Normal', 'Killing', `Stopping container ${slot.spec.name}`, slot);
      this.ctx.runtime.stopContainer(cur.id, grace * 1000, this.cri(), () => {
        this.stopping.delete(cur.id);
        if (!this.stopped) this.sync();
      });
    }
    if (waiting > 0) return this.postStatus(false);
    this.finalize();
  }

  private finalize(): void {
    if (this.finalized) return;
    this.finalized = true;
    if (this.sandbox) this.ctx.runtime.stopPodSandbox(this.sandbox.id, this.cri());
    if (this.removed) {
      this.cleanup();
      this.ctx.done(this.uid);
      return;
    }
    this.postStatus(true);
    this.ctx.status.flush();
    if (this.isStatic) return;
    const m = this.pod.metadata ?? {};
    this.ctx.client.delete(
      { resource: 'pods', namespace: m.namespace },
      m.name ?? '',
      { gracePeriodSeconds: 0, preconditions: { uid: this.uid } },
      `DELETE pods/${m.name} (grace 0, terminated)`,
    );
  }

  /** Nothing more will run (restart policy says so): stop the sandbox, report the final phase. */
  private finishTerminal(): void {
    if (this.sandbox?.state === 'SANDBOX_READY') this.ctx.runtime.stopPodSandbox(this.sandbox.id, this.cri());
    for (const p of this.probes.values()) p.stop();
    this.postStatus(true);
  }

  // ------------------------------------------------------------ status

  private view(slot: Slot): ContainerView {
    return {
      spec: slot.spec,
      current: slot.current,
      previous: slot.previous,
      waiting: slot.waiting,
      ready: slot.init
        ? slot.current?.state === 'CONTAINER_EXITED' && slot.current.exitCode === 0
        : this.isReady(slot),
      started: slot.init ? slot.current?.state === 'CONTAINER_RUNNING' : this.isStarted(slot),
      restartCount: slot.restartCount,
    };
  }

  postStatus(terminal: boolean): void {
    if (this.stopped) return;
    if (this.rejected) {
      const prev = this.ctx.status.last(this.uid);
      if (prev?.phase === 'Failed') return;
      this.ctx.status.set(this.pod, {
        phase: 'Failed',
        reason: this.rejected.reason,
        message: `Pod was rejected: ${this.rejected.message}`,
        startTime: this.startTime,
      } as Pod['status'] & object);
      return;
    }
    const init: ContainerView[] = [];
    const containers: ContainerView[] = [];
    for (const slot of this.slots.values()) (slot.init ? init : containers).push(this.view(slot));
    const status = generatePodStatus({
      pod: this.pod,
      nodeIP: this.ctx.nodeIP,
      podIP: this.sandbox?.ip,
      startTime: this.startTime,
      sandboxReady: this.sandbox?.state === 'SANDBOX_READY',
      init,
      containers,
      terminal,
      previous: this.ctx.status.last(this.uid) ?? this.pod.status,
      nowMs: this.now(),
    });
    this.ctx.status.set(this.pod, status);
  }

  /** Containers for `kubectl logs` and crictl: the newest and the one before, per name. */
  containersFor(
    name: string,
  ): { current?: RuntimeContainer; previous?: RuntimeContainer; waiting?: string } | undefined {
    const s = this.slots.get(name);
    return s ? { current: s.current, previous: s.previous, waiting: s.waiting?.reason } : undefined;
  }
}
