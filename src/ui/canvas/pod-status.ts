/** What the canvas shows of a Pod: its STATUS as `kubectl get pods` derives it, and a colour. */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseMilli, parseValue } from '../../sim/api/quantity';
import type { KubeObject } from '../../worker/protocol';

export type Tone = 'pending' | 'creating' | 'running' | 'terminating' | 'failed' | 'done';

export interface PodView {
  status: string;
  tone: Tone;
  ready: boolean;
  restarts: number;
}

const FAILED_REASONS = new Set([
  'CrashLoopBackOff',
  'Error',
  'ErrImagePull',
  'ImagePullBackOff',
  'OOMKilled',
  'CreateContainerConfigError',
  'InvalidImageName',
  'Evicted',
]);

export function podView(obj: KubeObject): PodView {
  const pod = obj as Pod;
  const st = pod.status ?? {};
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  let restarts = 0;
  let ready = true;
  const statuses = st.containerStatuses ?? [];
  for (const c of statuses) {
    restarts += c.restartCount ?? 0;
    if (!c.ready) ready = false;
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  if (statuses.length === 0) ready = false;
  if (st.phase === 'Pending' && pod.spec?.nodeName && statuses.length === 0) reason = 'ContainerCreating';
  if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  let tone: Tone;
  if (reason === 'Terminating') tone = 'terminating';
  else if (FAILED_REASONS.has(reason) || st.phase === 'Failed') tone = 'failed';
  else if (reason === 'Running') tone = 'running';
  else if (reason === 'Succeeded' || reason === 'Completed') tone = 'done';
  else if (reason === 'ContainerCreating' || reason === 'PodInitializing') tone = 'creating';
  else tone = 'pending';
  return { status: reason, tone, ready: ready && reason === 'Running', restarts };
}

/** Whether a pod still holds its node's resources (not Succeeded or Failed). */
export function podHoldsResources(obj: KubeObject): boolean {
  const phase = (obj as Pod).status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Sum of the containers' requests (what the scheduler counts against allocatable). */
export function podRequests(obj: KubeObject): { cpuMilli: number; memoryBytes: number } {
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const c of (obj as Pod).spec?.containers ?? []) {
    const r = c.resources?.requests ?? {};
    if (r.cpu !== undefined) cpuMilli += parseMilli(String(r.cpu)) ?? 0;
    if (r.memory !== undefined) memoryBytes += parseValue(String(r.memory)) ?? 0;
  }
  return { cpuMilli, memoryBytes };
}

/** The Deployment a pod belongs to, from its ReplicaSet owner and the pod-template-hash label. */
export function podDeployment(obj: KubeObject): string | undefined {
  const rs = obj.metadata?.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;
  const hash = obj.metadata?.labels?.['pod-template-hash'];
  if (!rs) return undefined;
  return hash && rs.endsWith(`-${hash}`) ? rs.slice(0, -hash.length - 1) : rs;
}

const PALETTE = ['#326ce5', '#0f9d8a', '#b4541a', '#8b4fd6', '#c2388b', '#4d7c0f', '#0e7490', '#a16207'];

/** A stable colour for a group name. */
export function groupColor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length];
}
