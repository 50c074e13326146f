import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import type { FlowStep, ObjectRef } from '../engine/trace';
import { intToIp, ipToInt, parseCidr } from '../network/ipv4';
import {
  createContainer as startBehaviour,
  exec as execBehaviour,
  handleHttp,
  listeningPorts,
  probe as probeBehaviour,
  resolveArgv,
  stepContainer,
  type Container as Process,
  type ProbeOutcome,
  type ProbeSpec,
} from './runtime/behaviour';
import { lookupImage, pullErrorMessage, type ImageEntry } from './runtime/images';
import { createLog, type ContainerLog } from './runtime/log';
import { parseImageReference, repositoryOf } from './runtime/reference';
import type { HttpOutcome, HttpRequest } from './runtime/servers';
import type { ExecResult } from './runtime/shell/exec';
import type { PodNetwork } from './runtime/shell/network';
import { hexId } from './go-format';

/** CRI states (runtime/v1 ContainerState / PodSandboxState), as crictl prints them. */
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** Who a CRI call is about, so the hop lands on the right object (and step 9 of the flow). */
export interface CriContext {
  object: ObjectRef;
  step?: FlowStep;
}

export interface Sandbox {
  id: string;
  podUid: string;
  podName: string;
  namespace: string;
  attempt: number;
  ip: string;
  hostNetwork: boolean;
  state: SandboxState;
  /** Epoch ms. */
  createdAt: number;
  labels: Record<string, string>;
}

export interface RuntimeContainer {
  id: string;
  sandboxId: string;
  podUid: string;
  podName: string;
  namespace: string;
  name: string;
  attempt: number;
  /** The image as the pod spec names it. */
  image: string;
  entry: ImageEntry;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  /** The process once started (behaviour model of PID 1). */
  proc?: Process;
  log: ContainerLog;
  /** What the kubelet asked to run. */
  spec: ContainerLaunch;
}

export interface ContainerLaunch {
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  hostname: string;
  memoryLimitBytes?: number;
}

export interface StoredImage {
  entry: ImageEntry;
  /** `docker.io/library/nginx@sha256:…` */
  repoDigest: string;
}

export type PullResult =
  { ok: true; entry: ImageEntry; pullMs: number; sizeBytes: number } | { ok: false; message: string };

/** containerd unpacks about this fast on the simulated network (bytes per second). */
const PULL_BYTES_PER_SEC = 20_000_000;
/** Resolving the manifest and setting up the snapshot, before and besides the layers. */
const PULL_BASE_MS = 400;
/** A registry answering "not found" or "denied". */
const PULL_FAIL_MS = 700;
const SANDBOX_MS = 250;
const CREATE_MS = 40;
const START_MS = 60;
/** How fast a process that handles SIGTERM (nginx, pause, Go servers) is gone. */
const TERM_EXIT_MS = 100;
/** Images on every node before any pod: kubeadm pulls the sandbox (pause) image at install time. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** `docker.io/library/nginx@sha256:…` for an entry. */
export function repoDigestOf(entry: ImageEntry): string {
  const p = parseImageReference(entry.ref);
  return p.ok ? `${repositoryOf(p.ref)}@${entry.digest}` : entry.ref;
}

/**
 * The node's container runtime (containerd behind the CRI): pod sandboxes with IPs from the
 * node's pod CIDR (host-local IPAM), an image store with one pull at a time (the kubelet's
 * default `serializeImagePulls`), and containers whose processes run on the virtual clock
 * whether or not a kubelet is watching — as on a real node, where stopping the kubelet leaves
 * containers running.
 */
export class ContainerRuntime {
  readonly images = new Map<string, StoredImage>();
  readonly sandboxes = new Map<string, Sandbox>();
  readonly containers = new Map<string, RuntimeContainer>();
  /** PLEG: told when a container changes state on its own (it exited). */
  onContainerEvent: ((podUid: string) => void) | undefined;
  /** Bumped when `status.images` would change, so the node status knows to post. */
  imagesVersion = 0;
  private readonly wakes = new Map<string, ScheduledEvent>();
  private readonly pullQueue: Array<{ image: string; cb: (r: PullResult) => void; ctx: CriContext }> = [];
  private pulling = false;
  private readonly cidrBase: number;
  private readonly cidrSize: number;
  private readonly usedIPs = new Set<number>();
  private lastIP = 1;
  private timers = new Set<ScheduledEvent>();
  private powered = true;

  constructor(
    private readonly engine: Engine,
    readonly nodeName: string,
    podCIDR: string,
    readonly nodeIP: string,
    preloaded: string[] = [],
  ) {
    const cidr = parseCidr(podCIDR);
    this.cidrBase = cidr.base;
    this.cidrSize = cidr.size;
    for (const ref of [PAUSE_IMAGE, ...preloaded]) {
      const entry = lookupImage(ref);
      if (entry) this.images.set(entry.ref, { entry, repoDigest: repoDigestOf(entry) });
    }
  }

  get component(): string {
    return `container-runtime@${this.nodeName}`;
  }

  private now(): number {
    return this.engine.epochMs + this.engine.now;
  }

  private hop(summary: string, ctx: CriContext): void {
    this.engine.hop({
      from: `kubelet@${this.nodeName}`,
      to: this.component,
      kind: 'cri',
      summary,
      step: ctx.step,
      object: ctx.object,
    });
  }

  /** Runs `fn` after `ms`, unless the node loses power first. */
  private after(ms: number, label: string, fn: () => void): void {
    const ev = this.engine.schedule(ms, `${this.component} ${label}`, () => {
      this.timers.delete(ev);
      if (this.powered) fn();
    });
    this.timers.add(ev);
  }

  // ------------------------------------------------------------ images

  /** The stored image a spec reference resolves to, if the node has it. */
  imageFor(specImage: string): StoredImage | undefined {
    const entry = lookupImage(specImage);
    return entry ? this.images.get(entry.ref) : undefined;
  }

  /** PullImage: queued behind other pulls; `cb` gets the result when the pull ends. */
  pullImage(image: string, ctx: CriContext, cb: (r: PullResult) => void): void {
    this.hop(`PullImage ${image}`, ctx);
    this.pullQueue.push({ image, cb, ctx });
    this.nextPull();
  }

  private nextPull(): void {
    if (this.pulling) return;
    const job = this.pullQueue.shift();
    if (!job) return;
    this.pulling = true;
    const entry = lookupImage(job.image);
    // A present image only needs its manifest checked; its layers are already there.
    const ms = !entry
      ? PULL_FAIL_MS
      : this.images.has(entry.ref)
        ? PULL_BASE_MS
        : PULL_BASE_MS + Math.round((entry.sizeBytes / PULL_BYTES_PER_SEC) * 1000);
    this.after(ms, `pull ${job.image}`, () => {
      this.pulling = false;
      if (entry) {
        if (!this.images.has(entry.ref)) {
          this.images.set(entry.ref, { entry, repoDigest: repoDigestOf(entry) });
          this.imagesVersion++;
        }
        job.cb({ ok: true, entry, pullMs: ms, sizeBytes: entry.sizeBytes });
      } else job.cb({ ok: false, message: pullErrorMessage(job.image) });
      this.nextPull();
    });
  }

  // ------------------------------------------------------------ sandboxes

  private allocateIP(): string | undefined {
    // host-local IPAM: the next free address after the last one handed out, from .2 upward.
    for (let i = 0; i < this.cidrSize - 3; i++) {
      let candidate = this.lastIP + 1 + i;
      if (candidate >= this.cidrSize - 1) candidate = 2 + ((candidate - 2) % (this.cidrSize - 3));
      if (!this.usedIPs.has(candidate)) {
        this.usedIPs.add(candidate);
        this.lastIP = candidate;
        return intToIp(this.cidrBase + candidate);
      }
    }
    return undefined;
  }

  private releaseIP(ip: string): void {
    const n = ipToInt(ip);
    if (n !== undefined) this.usedIPs.delete(n - this.cidrBase);
  }

  runPodSandbox(
    pod: {
      uid: string;
      name: string;
      namespace: string;
      hostNetwork: boolean;
      labels: Record<string, string>;
    },
    attempt: number,
    ctx: CriContext,
    cb: (s: Sandbox | string) => void,
  ): void {
    this.hop(`RunPodSandbox ${pod.namespace}/${pod.name}`, ctx);
    this.after(SANDBOX_MS, `sandbox ${pod.name}`, () => {
      const ip = pod.hostNetwork ? this.nodeIP : this.allocateIP();
      if (!ip)
        return cb(
          `failed to setup network for sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set`,
        );
      const s: Sandbox = {
        id: hexId(() => this.engine.random.nextUint32()),
        podUid: pod.uid,
        podName: pod.name,
        namespace: pod.namespace,
        attempt,
        ip,
        hostNetwork: pod.hostNetwork,
        state: 'SANDBOX_READY',
        createdAt: this.now(),
        labels: pod.labels,
      };
      this.sandboxes.set(s.id, s);
      cb(s);
    });
  }

  stopPodSandbox(id: string, ctx: CriContext): void {
    const s = this.sandboxes.get(id);
    if (!s || s.state === 'SANDBOX_NOTREADY') return;
    this.hop(`StopPodSandbox ${s.namespace}/${s.podName}`, ctx);
    for (const c of this.containersOfSandbox(id)) if (c.state === 'CONTAINER_RUNNING') this.kill(c, 137);
    s.state = 'SANDBOX_NOTREADY';
    if (!s.hostNetwork) this.releaseIP(s.ip);
  }

  removePodSandbox(id: string, ctx: CriContext): void {
    const s = this.sandboxes.get(id);
    if (!s) return;
    this.stopPodSandbox(id, ctx);
    this.hop(`RemovePodSandbox ${s.namespace}/${s.podName}`, ctx);
    for (const c of this.containersOfSandbox(id)) this.removeContainer(c.id);
    this.sandboxes.delete(id);
  }

  sandboxesOf(podUid: string): Sandbox[] {
    const out: Sandbox[] = [];
    for (const s of this.sandboxes.values()) if (s.podUid === podUid) out.push(s);
    return out;
  }

  containersOfSandbox(sandboxId: string): RuntimeContainer[] {
    const out: RuntimeContainer[] = [];
    for (const c of this.containers.values()) if (c.sandboxId === sandboxId) out.push(c);
    return out;
  }

  // ------------------------------------------------------------ containers

  createContainer(
    sandbox: Sandbox,
    name: string,
    attempt: number,
    image: string,
    launch: ContainerLaunch,
    ctx: CriContext,
    cb: (c: RuntimeContainer | string) => void,
  ): void {
    this.hop(`CreateContainer ${name}`, ctx);
    this.after(CREATE_MS, `create ${name}`, () => {
      const stored = this.imageFor(image);
      if (!stored) return cb(`failed to get image "${image}": not found`);
      if (resolveArgv(stored.entry, launch.command, launch.args).length === 0)
        return cb('failed to generate container spec: no command specified');
      // The kubelet's container GC keeps one dead container per name (MaxPerPodContainer).
      for (const old of this.containersOfSandbox(sandbox.id))
        if (old.name === name && old.state === 'CONTAINER_EXITED' && old.attempt < attempt - 1)
          this.removeContainer(old.id);
      const c: RuntimeContainer = {
        id: hexId(() => this.engine.random.nextUint32()),
        sandboxId: sandbox.id,
        podUid: sandbox.podUid,
        podName: sandbox.podName,
        namespace: sandbox.namespace,
        name,
        attempt,
        image,
        entry: stored.entry,
        state: 'CONTAINER_CREATED',
        createdAt: this.now(),
        log: createLog(),
        spec: launch,
      };
      this.containers.set(c.id, c);
      cb(c);
    });
  }

  startContainer(id: string, ctx: CriContext, cb: (c: RuntimeContainer) => void): void {
    const c = this.containers.get(id);
    if (!c) return;
    this.hop(`StartContainer ${c.name}`, ctx);
    this.after(START_MS, `start ${c.name}`, () => {
      const now = this.now();
      const r = startBehaviour(
        {
          image: c.entry,
          command: c.spec.command,
          args: c.spec.args,
          env: c.spec.env,
          hostname: c.spec.hostname,
          memoryLimitBytes: c.spec.memoryLimitBytes,
        },
        now,
      );
      if (!r.ok) {
        c.state = 'CONTAINER_EXITED';
        c.exitCode = r.exitCode;
        c.reason = 'StartError';
        c.message = r.message;
        c.startedAt = 0;
        c.finishedAt = now;
        return cb(c);
      }
      c.proc = r.container;
      c.log = r.container.proc.log;
      c.state = 'CONTAINER_RUNNING';
      c.startedAt = now;
      this.advance(c);
      cb(c);
    });
  }

  /** Runs the process up to now; schedules its next wake-up, or records its exit. */
  advance(c: RuntimeContainer): void {
    if (c.state !== 'CONTAINER_RUNNING' || !c.proc) return;
    const now = this.now();
    const r = stepContainer(c.proc, now);
    this.engine.cancel(this.wakes.get(c.id));
    this.wakes.delete(c.id);
    if (r.state === 'exited') {
      this.markExited(c, r.code, r.reason, c.proc.exit?.atMs ?? now);
      this.onContainerEvent?.(c.podUid);
      return;
    }
    if (r.wakeAt !== null) {
      const ev = this.engine.schedule(Math.max(0, r.wakeAt - now), `${this.component} wake ${c.name}`, () => {
        this.wakes.delete(c.id);
        if (this.powered) this.advance(c);
      });
      this.wakes.set(c.id, ev);
    }
  }

  private markExited(c: RuntimeContainer, code: number, reason: string, at: number): void {
    c.state = 'CONTAINER_EXITED';
    c.exitCode = code;
    c.reason = reason;
    c.finishedAt = at;
    if (c.proc && !c.proc.exit) c.proc.exit = { code, reason: code === 0 ? 'Completed' : 'Error', atMs: at };
    this.engine.cancel(this.wakes.get(c.id));
    this.wakes.delete(c.id);
  }

  private kill(c: RuntimeContainer, code: number): void {
    this.markExited(c, code, code === 0 ? 'Completed' : 'Error', this.now());
  }

  /**
   * StopContainer: SIGTERM, then SIGKILL after the grace period. A shell as PID 1 installs no
   * handler, and the kernel drops signals PID 1 does not handle, so `sh -c "sleep 600"` waits
   * out the whole grace period and dies with 137; servers exit at once with 0.
   */
  stopContainer(id: string, graceMs: number, ctx: CriContext, cb: () => void): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'CONTAINER_RUNNING') return cb();
    this.hop(`StopContainer ${c.name} (SIGTERM, grace ${Math.round(graceMs / 1000)}s)`, ctx);
    this.advance(c);
    if (c.state !== 'CONTAINER_RUNNING') return cb();
    const kind = c.proc?.program.kind;
    const handlesTerm = kind === 'server' || kind === 'pause' || kind === 'agnhost' || kind === 'drill';
    const ms = handlesTerm ? Math.min(TERM_EXIT_MS, graceMs) : graceMs;
    this.after(ms, `stop ${c.name}`, () => {
      if (c.state === 'CONTAINER_RUNNING') this.kill(c, handlesTerm && ms < graceMs ? 0 : 137);
      cb();
    });
  }

  removeContainer(id: string): void {
    this.engine.cancel(this.wakes.get(id));
    this.wakes.delete(id);
    this.containers.delete(id);
  }

  /** A process inside the container, as `kubectl exec` runs it. */
  exec(
    id: string,
    argv: string[],
    timeoutMs?: number,
    io: { stdin?: string; net?: PodNetwork } = {},
  ): ExecResult | undefined {
    const c = this.containers.get(id);
    if (!c || !c.proc || c.state !== 'CONTAINER_RUNNING') return undefined;
    this.advance(c);
    if (c.state !== 'CONTAINER_RUNNING') return undefined;
    return execBehaviour(c.proc, argv, this.now(), timeoutMs, io);
  }

  /** One probe attempt against a running container. */
  probe(id: string, spec: ProbeSpec, timeoutSeconds: number, podIP: string): ProbeOutcome {
    const c = this.containers.get(id);
    if (!c || !c.proc) return { result: 'failure', output: 'container not running' };
    this.advance(c);
    return probeBehaviour(c.proc, spec, this.now(), { podIP, timeoutSeconds, kubeletVersion: '1.32' });
  }

  /** An HTTP request to a pod IP on this node (for curl and Service traffic). */
  http(podIP: string, req: HttpRequest): HttpOutcome {
    for (const s of this.sandboxes.values()) {
      if (s.ip !== podIP || s.state !== 'SANDBOX_READY' || s.hostNetwork) continue;
      for (const c of this.containersOfSandbox(s.id)) {
        if (c.state !== 'CONTAINER_RUNNING' || !c.proc) continue;
        this.advance(c);
        if (c.state === 'CONTAINER_RUNNING' && listeningPorts(c.proc, this.now()).includes(req.port))
          return handleHttp(c.proc, req, this.now());
      }
      return { kind: 'refused' };
    }
    return { kind: 'timeout' };
  }

  /** The node loses power: every process and timer is gone; images stay on disk. */
  powerOff(): void {
    this.powered = false;
    for (const ev of this.timers) this.engine.cancel(ev);
    this.timers.clear();
    for (const ev of this.wakes.values()) this.engine.cancel(ev);
    this.wakes.clear();
    this.containers.clear();
    this.sandboxes.clear();
    this.usedIPs.clear();
    this.pullQueue.length = 0;
    this.pulling = false;
  }

  powerOn(): void {
    this.powered = true;
  }

  get isPowered(): boolean {
    return this.powered;
  }
}
