/**
 * The vocabulary of pkg/scheduler/framework (interface.go, cycle_state.go): status codes, the
 * per-cycle state, node scores and the plugin extension points the default profile uses.
 */
import type { NodeInfo, PodInfo } from './node-info';
import type { SchedulingContext } from './context';

/** Upstream framework.MaxNodeScore / MinNodeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** framework.Code, with the same names upstream prints. */
export type Code =
  'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

/** framework.Status: a code, the reasons a plugin gave, and the plugin that gave them. */
export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    public plugin = '',
  ) {}

  /** Upstream Message(): the reasons joined with ", ". */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  isSkip(): boolean {
    return this.code === 'Skip';
  }

  /** Unschedulable or UnschedulableAndUnresolvable: the pod is rejected, not failed. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable';
  }

  withPlugin(plugin: string): Status {
    return new Status(this.code, this.reasons, plugin);
  }
}

/** Shared immutable statuses, so the hot path (1,000 nodes × 12 filters) allocates nothing on success. */
export const SUCCESS: Status = Object.freeze(new Status('Success')) as Status;
export const SKIP: Status = Object.freeze(new Status('Skip')) as Status;

export function newStatus(code: Code, ...reasons: string[]): Status {
  return new Status(code, reasons);
}

/** A plugin error that aborts the cycle, as a Status with code Error would upstream. */
export class SchedulerError extends Error {}

/** framework.CycleState: data plugins compute in PreFilter/PreScore and read in Filter/Score. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run (upstream SkipFilterPlugins). */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run (upstream SkipScorePlugins). */
  readonly skipScorePlugins = new Set<string>();

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
}

/** framework.NodeScore. */
export interface NodeScore {
  name: string;
  score: number;
}

/** framework.PreFilterResult: undefined nodeNames means "all nodes". */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

/** Everything a plugin may read besides the pod and the node it is asked about (upstream Handle). */
export interface PluginHandle {
  /** Every node in the snapshot, in snapshot order (upstream SnapshotSharedLister().NodeInfos().List()). */
  allNodes: readonly NodeInfo[];
  context: SchedulingContext;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(
    state: CycleState,
    pod: PodInfo,
    handle: PluginHandle,
  ): { result?: PreFilterResult; status: Status };
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], handle: PluginHandle): Status;
}

export interface ScorePlugin extends Plugin {
  /** Upstream Score returns (int64, *Status); a failure here throws SchedulerError instead. */
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): Status;
}

export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
}
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}
export function isPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === 'function';
}
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}

/** Go's int64 division truncates toward zero; operands here stay far below 2^53, so this is exact. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}
