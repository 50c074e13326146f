/**
 * The trace: every hop between components is a record, so the canvas animates what really
 * happened and a test can check the order of the ten steps of a deployment.
 */

/** A component of the cluster. Per-node components are suffixed with `@<node>`. */
export type ComponentId =
  | 'user'
  | 'kubectl'
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | `kubelet@${string}`
  | `container-runtime@${string}`
  | `kube-proxy@${string}`
  | `pod@${string}`
  | `node@${string}`
  | string;

/** The object a hop concerns. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** One of the ten steps of the deployment flow (DESIGN.md §4). */
export type FlowStep = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export interface TraceRecord {
  seq: number;
  from: ComponentId;
  to: ComponentId;
  /** A short machine-readable kind: `http`, `etcd-put`, `etcd-delete`, `watch`, `bind`, `cri`, `status`, `packet`, `sync`, `fault`, `timer`. */
  kind: string;
  /** What a person reads on the canvas, e.g. `POST deployments` or `put /registry/pods/default/web-…`. */
  summary: string;
  sentAt: number;
  deliverAt: number;
  step?: FlowStep;
  object?: ObjectRef;
}

export type NewTraceRecord = Omit<TraceRecord, 'seq'>;

export class Trace {
  private records: TraceRecord[] = [];
  private nextSeq = 1;
  /** Records dropped off the front when a capacity is set (benchmarks); seq keeps counting. */
  private dropped = 0;
  private listeners = new Set<(r: TraceRecord) => void>();

  constructor(private readonly capacity = Infinity) {}

  append(rec: NewTraceRecord): TraceRecord {
    const r: TraceRecord = { seq: this.nextSeq++, ...rec };
    this.records.push(r);
    if (this.records.length > this.capacity) {
      const cut = Math.ceil(this.capacity / 2);
      this.records.splice(0, cut);
      this.dropped += cut;
    }
    for (const l of this.listeners) l(r);
    return r;
  }

  /** Records with seq greater than `seq`. */
  since(seq: number): TraceRecord[] {
    const start = Math.max(0, seq - this.dropped);
    return this.records.slice(start);
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  subscribe(l: (r: TraceRecord) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
