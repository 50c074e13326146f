import type { ContainerImage, Node, NodeCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../api/object';
import type { Client } from '../client/clientset';
import type { EventRecorder } from '../client/event-recorder';
import type { Engine } from '../engine/simulation';
import type { ContainerRuntime } from './container-runtime';

/** Post at least this often even when nothing changed (nodeStatusReportFrequency). */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** How many images a node reports (nodeStatusMaxImages). */
const MAX_IMAGES = 50;

const CONDITIONS: Array<[string, string, string, string]> = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

/** `status.images` as the kubelet reports them: biggest first, digests then tags. */
export function nodeImages(runtime: ContainerRuntime): ContainerImage[] {
  return [...runtime.images.values()]
    .sort((a, b) => b.entry.sizeBytes - a.entry.sizeBytes || (a.entry.ref < b.entry.ref ? -1 : 1))
    .slice(0, MAX_IMAGES)
    .map((i) => ({
      names: i.entry.ref.includes('@') ? [i.repoDigest] : [i.repoDigest, i.entry.ref],
      sizeBytes: i.entry.sizeBytes,
    }));
}

/**
 * The kubelet's node status loop (kubelet_node_status.go): every 10 s it works out the status
 * and writes it only when something other than the heartbeat changed, or 5 min have passed.
 */
export class NodeStatusReporter {
  private lastKey = '';
  private lastPostedAt = -Infinity;

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    private readonly recorder: EventRecorder,
    private readonly runtime: ContainerRuntime,
    private readonly nodeName: string,
    private readonly bootID: string,
  ) {}

  /** Post on the next tick whatever the last post was (the API's copy may have moved meanwhile). */
  forget(): void {
    this.lastKey = '';
  }

  tick(): void {
    const images = nodeImages(this.runtime);
    const key = JSON.stringify([images, this.bootID]);
    if (key === this.lastKey && this.engine.now - this.lastPostedAt < NODE_STATUS_REPORT_MS) return;
    const got = this.client.get({ resource: 'nodes' }, this.nodeName);
    if (!got.ok) return;
    const node = got.object as Node;
    const now = this.engine.timestamp();
    const conditions: Mutable<NodeCondition>[] = CONDITIONS.map(([type, status, reason, message]) => {
      const old = node.status?.conditions?.find((c) => c.type === type);
      if (old?.status !== status) {
        // A condition turning to its healthy value is announced as an event (recordNodeStatusEvent).
        const text = type === 'Ready' ? 'NodeReady' : reason.replace('Kubelet', 'Node');
        this.recorder.event(
          nodeRef(this.nodeName),
          'Normal',
          text,
          `Node ${this.nodeName} status is now: ${text}`,
        );
      }
      return {
        type,
        status,
        lastHeartbeatTime: now,
        lastTransitionTime: old?.status === status ? old.lastTransitionTime : now,
        reason,
        message,
      };
    });
    const r = this.client.patch(
      { resource: 'nodes' },
      this.nodeName,
      'application/merge-patch+json',
      { status: { conditions, images, nodeInfo: { ...node.status?.nodeInfo, bootID: this.bootID } } },
      { subresource: 'status', summary: `PATCH nodes/${this.nodeName}/status` },
    );
    if (r.ok) {
      this.lastKey = key;
      this.lastPostedAt = this.engine.now;
    }
  }
}

/** Node events name the node by name as its uid, as the kubelet's nodeRef does. */
export function nodeRef(nodeName: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName, uid: nodeName } };
}
