import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Mutable } from '../api/object';
import { repoDigestOf, type RuntimeContainer } from './container-runtime';
import { rfc3339 } from './go-format';

/** What the kubelet knows about one container of a pod when it writes the pod's status. */
export interface ContainerView {
  spec: Container;
  /** The newest container the runtime has for this name. */
  current?: RuntimeContainer;
  /** The one before it, for `lastState`. */
  previous?: RuntimeContainer;
  /** A reason the kubelet could not (re)start it: ErrImagePull, CrashLoopBackOff, … */
  waiting?: { reason: string; message?: string };
  ready: boolean;
  started: boolean;
  restartCount: number;
}

export interface PodStatusInput {
  pod: Pod;
  nodeIP: string;
  podIP?: string;
  startTime: string;
  sandboxReady: boolean;
  init: ContainerView[];
  containers: ContainerView[];
  /** The pod has finished for good (all done under its restart policy, or it is being deleted and is stopped). */
  terminal: boolean;
  previous?: PodStatus;
  nowMs: number;
}

function terminatedOf(c: RuntimeContainer): Mutable<ContainerStatus>['state'] {
  return {
    terminated: {
      exitCode: c.exitCode ?? 0,
      reason: c.reason ?? 'Error',
      ...(c.message ? { message: c.message } : {}),
      startedAt: rfc3339(c.startedAt ?? 0),
      finishedAt: rfc3339(c.finishedAt ?? 0),
      containerID: `containerd://${c.id}`,
    },
  };
}

/** pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses, for one container. */
export function containerStatusOf(v: ContainerView, defaultReason: string): Mutable<ContainerStatus> {
  const cur = v.current;
  const s: Mutable<ContainerStatus> = {
    name: v.spec.name,
    image: cur ? cur.entry.ref : (v.spec.image ?? ''),
    imageID: cur ? repoDigestOf(cur.entry) : '',
    ready: v.ready,
    restartCount: v.restartCount,
    started: v.started,
    state: {},
    lastState: {},
  };
  if (cur && cur.state !== 'CONTAINER_CREATED') s.containerID = `containerd://${cur.id}`;
  if (cur?.state === 'CONTAINER_RUNNING') {
    s.state = { running: { startedAt: rfc3339(cur.startedAt ?? 0) } };
    if (v.previous?.state === 'CONTAINER_EXITED') s.lastState = terminatedOf(v.previous);
  } else if (cur?.state === 'CONTAINER_EXITED') {
    if (v.waiting) {
      s.state = {
        waiting: { reason: v.waiting.reason, ...(v.waiting.message ? { message: v.waiting.message } : {}) },
      };
      s.lastState = terminatedOf(cur);
    } else {
      s.state = terminatedOf(cur);
      if (v.previous?.state === 'CONTAINER_EXITED') s.lastState = terminatedOf(v.previous);
    }
  } else {
    const w = v.waiting ?? { reason: defaultReason };
    s.state = { waiting: { reason: w.reason, ...(w.message ? { message: w.message } : {}) } };
    if (v.previous?.state === 'CONTAINER_EXITED') s.lastState = terminatedOf(v.previous);
    delete s.containerID;
  }
  const mounts = v.spec.volumeMounts ?? [];
  if (mounts.length > 0)
    s.volumeMounts = mounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  return s;
}

/** pkg/kubelet/kubelet_pods.go getPhase (no sidecar containers). */
export function getPhase(
  pod: Pod,
  init: ContainerStatus[],
  regular: ContainerStatus[],
  terminal: boolean,
): string {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of init) {
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of regular) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 && !terminal) return 'Pending';
  if (waiting > 0 && !terminal) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0 || terminal) {
    if (terminal || restartPolicy === 'Never')
      return stopped === succeeded && waiting === 0 ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    return stopped === succeeded ? 'Succeeded' : 'Running';
  }
  return 'Pending';
}

function names(list: ContainerStatus[], pred: (s: ContainerStatus) => boolean): string {
  return `[${list
    .filter(pred)
    .map((s) => s.name)
    .join(' ')}]`;
}

/** The status the kubelet writes for a pod (generateAPIPodStatus), with conditions in upstream order. */
export function generatePodStatus(inp: PodStatusInput): Mutable<PodStatus> {
  const { pod } = inp;
  const hasInit = inp.init.length > 0;
  const initStatuses = inp.init.map((v) => containerStatusOf(v, 'PodInitializing'));
  const statuses = inp.containers.map((v) =>
    containerStatusOf(v, hasInit ? 'PodInitializing' : 'ContainerCreating'),
  );
  let phase = getPhase(pod, initStatuses, statuses, inp.terminal);
  // A pod never leaves a terminal phase.
  const prevPhase = inp.previous?.phase;
  if (prevPhase === 'Succeeded' || prevPhase === 'Failed') phase = prevPhase;
  const now = rfc3339(inp.nowMs);
  const prevConds = inp.previous?.conditions ?? [];
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Mutable<PodCondition> => {
    const status = ok ? 'True' : 'False';
    const prev = prevConds.find((c) => c.type === type);
    return {
      type,
      status,
      lastProbeTime: null as unknown as undefined,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  };
  const initDone = initStatuses.every((s) => s.state?.terminated?.exitCode === 0);
  const incompleteInit = names(initStatuses, (s) => s.state?.terminated?.exitCode !== 0);
  const succeededPod = phase === 'Succeeded';
  const unready = statuses.filter((s) => !s.ready);
  const containersReady = unready.length === 0 && statuses.length > 0;
  let readyReason: string | undefined;
  let readyMessage: string | undefined;
  if (succeededPod) readyReason = 'PodCompleted';
  else if (!initDone) {
    readyReason = 'ContainersNotInitialized';
    readyMessage = `containers with incomplete status: ${incompleteInit}`;
  } else if (!containersReady) {
    readyReason = 'ContainersNotReady';
    readyMessage = `containers with unready status: ${names(statuses, (s) => !s.ready)}`;
  }
  const conditions: Mutable<PodCondition>[] = [
    cond('PodReadyToStartContainers', inp.sandboxReady),
    hasInit
      ? initDone
        ? cond('Initialized', true, succeededPod ? 'PodCompleted' : undefined)
        : cond(
            'Initialized',
            false,
            'ContainersNotInitialized',
            `containers with incomplete status: ${incompleteInit}`,
          )
      : cond('Initialized', true),
    cond('Ready', containersReady && initDone && !succeededPod, readyReason, readyMessage),
    cond('ContainersReady', containersReady && initDone && !succeededPod, readyReason, readyMessage),
  ];
  const scheduled = prevConds.find((c) => c.type === 'PodScheduled') ??
    pod.status?.conditions?.find((c) => c.type === 'PodScheduled') ?? {
      type: 'PodScheduled',
      status: 'True',
      lastTransitionTime: inp.startTime,
    };
  conditions.push({ ...scheduled, lastProbeTime: null as unknown as undefined } as Mutable<PodCondition>);
  const status: Mutable<PodStatus> = {
    phase,
    conditions,
    hostIP: inp.nodeIP,
    hostIPs: [{ ip: inp.nodeIP }],
    ...(inp.podIP ? { podIP: inp.podIP, podIPs: [{ ip: inp.podIP }] } : {}),
    startTime: inp.startTime,
    ...(hasInit ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    qosClass: pod.status?.qosClass,
  };
  if (!status.qosClass) delete status.qosClass;
  return status;
}
