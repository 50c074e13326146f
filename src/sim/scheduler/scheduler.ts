/**
 * The kube-scheduler process (pkg/scheduler/scheduler.go, schedule_one.go, eventhandlers.go, v1.32):
 * informers feed the cache (assigned pods, nodes) and the queue (unassigned pods of this scheduler);
 * scheduleOne pops a pod, runs the framework over the cache's snapshot, assumes the pod onto the
 * chosen node and binds it through `pods/<name>/binding`; a pod that fits nowhere gets a
 * FailedScheduling event, PodScheduled=False, and waits in the queue for the cluster to change.
 *
 * Like every component, it reaches the cluster only through the API server (DESIGN.md rule 2).
 */
import type { Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { toKube, type KubeObject } from '../api/object';
import type { ApiServer } from '../apiserver/apiserver';
import { Client } from '../client/clientset';
import { EventRecorder } from '../client/event-recorder';
import { Informer, objectKey } from '../client/informer';
import { InformerFactory } from '../client/informer-factory';
import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import type { SystemdUnit } from '../shell/systemd';
import type { FlowStep } from '../engine/trace';
import { SchedulerCache } from './cache';
import { DecisionLog, type DecisionLogOptions } from './decisions';
import type { SchedulingContext } from './framework/context';
import { podNamespace } from './framework/node-info';
import { defaultProfile, type Profile } from './framework/profile';
import { schedulePod, type SchedulingDecision } from './schedule-one';
import { SchedulingQueue, type ClusterEvent, type QueuedPodInfo } from './scheduling-queue';

export const SCHEDULER_COMPONENT = 'kube-scheduler';
export const SCHEDULER_USER = 'system:kube-scheduler';
/** The event source upstream's profile reports (`From` in `kubectl describe`). */
export const SCHEDULER_EVENT_SOURCE = 'default-scheduler';
/** truncateMessage's limit for event notes. */
const NOTE_LENGTH_LIMIT = 1024;

export interface SchedulerOptions {
  /** Virtual time one scheduling cycle takes (decision → bind), so the canvas can show it. */
  cycleMs?: number;
  decisions?: DecisionLogOptions;
  /** Keep per-node scores in the decision log (the choice is the same either way). */
  recordScores?: boolean;
  profile?: Profile;
}

function assigned(pod: Pod): boolean {
  return !!pod.spec?.nodeName;
}

/** The same test the apiserver's flow-step tagging uses: a pod of a Deployment's ReplicaSet. */
function isDeploymentPod(pod: Pod): boolean {
  return (
    !!pod.metadata?.labels?.['pod-template-hash'] &&
    (pod.metadata.ownerReferences ?? []).some((o) => o.kind === 'ReplicaSet')
  );
}

/** truncateMessage (schedule_one.go). */
function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

/** Plugins that rejected the pod: PreFilter rejections and every node's failing filter. */
function unschedulablePluginsOf(d: SchedulingDecision): Set<string> {
  const out = new Set<string>();
  for (const p of d.preFilter) {
    if (p.code === 'Unschedulable' || p.code === 'UnschedulableAndUnresolvable') out.add(p.plugin);
  }
  for (const f of d.filters) if (f.failure) out.add(f.failure.plugin);
  // PreFilter results that narrowed the search to no node leave no per-node record; which plugin
  // narrowed is not in the decision, so every PreFilter that ran is counted (it may retry more often).
  if (out.size === 0 && d.result === 'Unschedulable')
    for (const p of d.preFilter) if (p.code !== 'Skip') out.add(p.plugin);
  return out;
}

/** nodeSchedulingPropertiesChange (eventhandlers.go): which node changes may help a pending pod. */
export function nodeSchedulingPropertiesChange(oldNode: Node, newNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) out.push('UpdateNodeTaint');
  if (!same(oldNode.status?.allocatable, newNode.status?.allocatable)) out.push('UpdateNodeAllocatable');
  if (!same(oldNode.metadata?.labels, newNode.metadata?.labels)) out.push('UpdateNodeLabel');
  if (!same(oldNode.spec?.taints, newNode.spec?.taints) && !out.includes('UpdateNodeTaint'))
    out.push('UpdateNodeTaint');
  // Heartbeat times change every few seconds; only a condition's status counts.
  const conds = (n: Node): string =>
    (n.status?.conditions ?? [])
      .map((c) => `${c.type}=${c.status}`)
      .sort()
      .join(',');
  if (conds(oldNode) !== conds(newNode)) out.push('UpdateNodeCondition');
  if (!same(oldNode.metadata?.annotations, newNode.metadata?.annotations)) out.push('UpdateNodeAnnotation');
  return out;
}

export class Scheduler {
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly decisions: DecisionLog;
  readonly informers: InformerFactory;
  /** Pods that are not Succeeded or Failed, as upstream's pod informer field selector. */
  readonly podInformer: Informer;
  readonly nodeInformer: Informer;
  private readonly context: SchedulingContext;
  private readonly profile: Profile;
  private readonly cycleMs: number;
  private readonly recordScores: boolean;
  private running = false;
  private informersStarted = false;
  private cycleTimer: ScheduledEvent | undefined;
  /** A cycle in progress keeps the loop busy until then (its bind runs at that instant). */
  private busyUntil = 0;
  private nextStartNodeIndex = 0;
  private stateChangedAt: number;
  /** Scheduling attempts, bindings and failures so far (what the metrics endpoint would count). */
  readonly stats = { attempts: 0, scheduled: 0, unschedulable: 0, errors: 0 };

  constructor(
    private readonly engine: Engine,
    api: ApiServer,
    opts: SchedulerOptions = {},
  ) {
    this.cycleMs = opts.cycleMs ?? 1;
    this.recordScores = opts.recordScores ?? true;
    this.profile = opts.profile ?? defaultProfile();
    this.stateChangedAt = engine.now;
    this.client = new Client(api, {
      user: { name: SCHEDULER_USER, groups: ['system:authenticated'] },
      component: SCHEDULER_COMPONENT,
    });
    this.recorder = new EventRecorder(engine, this.client, SCHEDULER_EVENT_SOURCE);
    this.decisions = new DecisionLog(opts.decisions);
    this.queue = new SchedulingQueue(engine, () => this.kick());
    this.informers = new InformerFactory(api, SCHEDULER_COMPONENT);
    this.podInformer = new Informer(api, {
      component: SCHEDULER_COMPONENT,
      resource: 'pods',
      filter: (o) => {
        const phase = (o as Pod).status?.phase;
        return phase !== 'Succeeded' && phase !== 'Failed';
      },
    });
    this.nodeInformer = this.informers.informer('nodes');
    const services = this.informers.informer('services');
    const replicaSets = this.informers.informer('replicasets', 'apps');
    const namespaces = this.informers.informer('namespaces');
    this.context = {
      services: (ns) => services.byIndex('namespace', ns) as Service[],
      replicaSet: (ns, name) => replicaSets.get(`${ns}/${name}`) as ReplicaSet | undefined,
      namespaceLabels: (ns) => (namespaces.get(ns) as Namespace | undefined)?.metadata?.labels,
      namespaces: () => namespaces.list().map((n) => n.metadata?.name ?? ''),
    };
    this.addEventHandlers();
  }

  // ---------------------------------------------------------------- process control

  get isRunning(): boolean {
    return this.running;
  }

  /** Virtual ms of the last start or stop (systemd's "since"). */
  get since(): number {
    return this.stateChangedAt;
  }

  start(): void {
    if (this.running) return;
    const restart = this.informersStarted;
    this.running = true;
    this.stateChangedAt = this.engine.now;
    if (!this.informersStarted) {
      this.informersStarted = true;
      // Nodes first, so the first pods find a populated cache (upstream waits for all caches to sync).
      this.nodeInformer.run();
      this.informers.start();
      this.podInformer.run();
    }
    // A restarted process has no back-off memory: every pending pod is tried afresh.
    if (restart) this.queue.resetToActive();
    this.kick();
  }

  /**
   * Stops scheduling. KubeSim keeps the informers' caches (as the controller manager does), so a
   * start resumes at once instead of relisting; the learner sees pods pile up Pending meanwhile.
   */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.stateChangedAt = this.engine.now;
    this.engine.cancel(this.cycleTimer);
    this.cycleTimer = undefined;
  }

  // ---------------------------------------------------------------- informer handlers

  private responsibleForPod(pod: Pod): boolean {
    return (pod.spec?.schedulerName || 'default-scheduler') === this.profile.schedulerName;
  }

  private addEventHandlers(): void {
    this.podInformer.addEventHandler({
      onAdd: (o) => {
        const pod = o as Pod;
        if (assigned(pod)) {
          this.cache.addPod(pod);
          this.queue.moveAllToActiveOrBackoffQueue('AssignedPodAdd');
        } else if (this.responsibleForPod(pod)) {
          this.queue.add(pod);
        }
      },
      onUpdate: (o, n) => {
        const oldPod = o as Pod;
        const newPod = n as Pod;
        if (assigned(newPod)) {
          if (!assigned(oldPod)) {
            // Bound: it leaves the unscheduled-pod handler (a delete there) and enters the cache.
            this.queue.delete(oldPod);
            this.cache.addPod(newPod);
            this.queue.moveAllToActiveOrBackoffQueue('AssignedPodAdd');
          } else {
            this.cache.updatePod(oldPod, newPod);
            this.queue.moveAllToActiveOrBackoffQueue('AssignedPodUpdate');
          }
          return;
        }
        if (!this.responsibleForPod(newPod)) return;
        // An assumed pod is between its bind request and the event confirming it: leave it.
        if (this.cache.isAssumed(newPod)) return;
        this.queue.update(oldPod, newPod);
      },
      onDelete: (o) => {
        const pod = o as Pod;
        if (assigned(pod)) {
          this.cache.removePod(pod);
          this.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
        } else {
          this.queue.delete(pod);
        }
      },
    });
    this.nodeInformer.addEventHandler({
      onAdd: (o) => {
        this.cache.addNode(o as Node);
        this.queue.moveAllToActiveOrBackoffQueue('NodeAdd');
      },
      onUpdate: (o, n) => {
        this.cache.updateNode(n as Node);
        for (const e of nodeSchedulingPropertiesChange(o as Node, n as Node))
          this.queue.moveAllToActiveOrBackoffQueue(e);
      },
      onDelete: (o) => {
        this.cache.removeNode(o as Node);
        this.queue.moveAllToActiveOrBackoffQueue('NodeDelete');
      },
    });
  }

  // ---------------------------------------------------------------- the scheduling loop

  /** Starts a cycle when there is work and none is under way. */
  private kick(): void {
    if (!this.running || this.cycleTimer || this.queue.activeCount === 0) return;
    // Delay at least 0 so pods arriving at the same instant are all queued (and ordered) first.
    const delay = Math.max(0, this.busyUntil - this.engine.now);
    this.cycleTimer = this.engine.schedule(delay, 'kube-scheduler scheduleOne', () => {
      this.cycleTimer = undefined;
      this.scheduleOne();
      this.kick();
    });
  }

  /** scheduleOne: one pod through the scheduling cycle; its binding follows `cycleMs` later. */
  private scheduleOne(): void {
    if (!this.running) return;
    const qpi = this.queue.pop();
    if (!qpi) return;
    const pod = qpi.pod;
    // skipPodSchedule: a pod being deleted or already assumed needs nothing.
    if (pod.metadata?.deletionTimestamp || this.cache.isAssumed(pod)) return;

    this.stats.attempts++;
    const decision = schedulePod(pod, this.cache.snapshot(), this.engine.random, {
      profile: this.profile,
      context: this.context,
      nextStartNodeIndex: this.nextStartNodeIndex,
      recordScores: this.recordScores,
    });
    this.nextStartNodeIndex = decision.nextStartNodeIndex;
    this.busyUntil = this.engine.now + this.cycleMs;
    this.decisions.add({
      namespace: podNamespace(pod),
      name: pod.metadata?.name ?? '',
      uid: pod.metadata?.uid ?? '',
      at: this.engine.now,
      time: this.engine.timestamp(),
      attempt: qpi.attempts,
      profileFilters: this.profile.filter.map((f) => f.name),
      decision,
    });
    this.engine.hop(
      {
        from: SCHEDULER_COMPONENT,
        to: SCHEDULER_COMPONENT,
        kind: 'schedule',
        summary: cycleSummary(decision),
        step: isDeploymentPod(pod) ? (5 satisfies FlowStep) : undefined,
        object: { kind: 'Pod', namespace: podNamespace(pod), name: pod.metadata?.name ?? '' },
      },
      undefined,
      this.cycleMs,
    );

    if (decision.result === 'Scheduled' && decision.node) {
      const assumedPod: Pod = { ...pod, spec: { ...pod.spec!, nodeName: decision.node } };
      this.cache.assumePod(assumedPod);
      this.engine.schedule(this.cycleMs, 'kube-scheduler bind', () => this.bind(assumedPod, qpi));
      return;
    }
    qpi.unschedulablePlugins =
      decision.result === 'Unschedulable' ? unschedulablePluginsOf(decision) : new Set();
    if (decision.result === 'Unschedulable') this.stats.unschedulable++;
    else this.stats.errors++;
    const reason = decision.reason ?? 'SchedulerError';
    const message = decision.message ?? '';
    this.engine.schedule(this.cycleMs, 'kube-scheduler handleSchedulingFailure', () =>
      this.handleSchedulingFailure(qpi, reason, message),
    );
  }

  /** The binding cycle: DefaultBinder's POST pods/<name>/binding, then the Scheduled event. */
  private bind(assumedPod: Pod, qpi: QueuedPodInfo): void {
    const ns = podNamespace(assumedPod);
    const name = assumedPod.metadata?.name ?? '';
    const node = assumedPod.spec?.nodeName ?? '';
    const r = this.client.create(
      { resource: 'pods', namespace: ns },
      toKube({
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { namespace: ns, name, uid: assumedPod.metadata?.uid },
        target: { kind: 'Node', name: node },
      }),
      { subresource: 'binding', name, summary: `bind → ${node}` },
    );
    if (r.ok) {
      this.stats.scheduled++;
      this.recorder.event(
        assumedPod as KubeObject,
        'Normal',
        'Scheduled',
        `Successfully assigned ${ns}/${name} to ${node}`,
      );
      return;
    }
    // handleBindingCycleError: give the node's room back, let others retry, and back off this pod.
    this.stats.errors++;
    this.cache.forgetPod(assumedPod);
    this.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
    qpi.unschedulablePlugins = new Set();
    this.handleSchedulingFailure(
      qpi,
      'SchedulerError',
      `running Bind plugin "DefaultBinder": ${r.error.message}`,
    );
  }

  /**
   * handleSchedulingFailure: requeue the newest copy of the pod (unless it is gone or bound
   * meanwhile), then a FailedScheduling event and the PodScheduled=False condition.
   */
  private handleSchedulingFailure(
    qpi: QueuedPodInfo,
    reason: 'Unschedulable' | 'SchedulerError',
    message: string,
  ): void {
    const pod = qpi.pod;
    const cached = this.podInformer.get(objectKey(pod as KubeObject)) as Pod | undefined;
    if (cached && assigned(cached)) {
      // Upstream still posts the event and condition here; KubeSim does not mark a bound pod unschedulable.
      return;
    }
    if (cached) {
      qpi.pod = cached;
      this.queue.addUnschedulableIfNotPresent(qpi);
    }
    this.recorder.event(pod as KubeObject, 'Warning', 'FailedScheduling', truncateMessage(message));
    this.updatePodScheduledCondition(cached ?? pod, reason, message);
  }

  /** updatePod: patch PodScheduled only when it changes (podutil.UpdatePodCondition). */
  private updatePodScheduledCondition(pod: Pod, reason: string, message: string): void {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (old && old.status === 'False' && old.reason === reason && old.message === message) return;
    const lastTransitionTime =
      old && old.status === 'False' && old.lastTransitionTime
        ? old.lastTransitionTime
        : this.engine.timestamp();
    this.client.patch(
      { resource: 'pods', namespace: podNamespace(pod) },
      pod.metadata?.name ?? '',
      'application/strategic-merge-patch+json',
      {
        // The uid makes the patch a precondition: a recreated pod of the same name is not touched.
        metadata: { uid: pod.metadata?.uid },
        status: {
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime,
              reason,
              message,
            },
          ],
        },
      },
      { subresource: 'status' },
    );
  }
}

function cycleSummary(d: SchedulingDecision): string {
  if (d.result === 'Scheduled') {
    // Upstream skips scoring when one node fits.
    const scored = d.feasibleNodes > 1 ? d.feasibleNodes : 0;
    return `filter ${d.evaluatedNodes} nodes, score ${scored} → ${d.node}`;
  }
  if (d.result === 'Unschedulable') return `filter ${d.evaluatedNodes} nodes, none fit → unschedulable`;
  return `scheduling error: ${d.message ?? ''}`;
}

/** The unit `systemctl … kube-scheduler` drives on the control-plane node. */
export function schedulerUnit(s: Scheduler): SystemdUnit {
  return {
    description: 'Kubernetes Scheduler',
    documentation: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/',
    fragmentPath: '/etc/systemd/system/kube-scheduler.service',
    execStart:
      '/usr/local/bin/kube-scheduler --authentication-kubeconfig=/etc/kubernetes/scheduler.conf --authorization-kubeconfig=/etc/kubernetes/scheduler.conf --bind-address=127.0.0.1 --kubeconfig=/etc/kubernetes/scheduler.conf --leader-elect=true',
    isActive: () => s.isRunning,
    since: () => s.since,
    start: () => s.start(),
    stop: () => s.stop(),
  };
}
