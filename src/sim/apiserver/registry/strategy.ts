import type { KubeObject } from '../../api/object';
import type { FieldError } from '../../api/field-errors';

/** What a strategy may use from the apiserver: the clock, the seeded random source, allocators. */
export interface StrategyContext {
  /** metav1.Time for now. */
  timestamp(offsetMs?: number): string;
  uid(): string;
}

/**
 * Per-resource behaviour of the generic store, as `pkg/registry/<group>/<resource>/strategy.go`:
 * what create resets, what an update may not touch, which subresource writes which half.
 */
export interface Strategy {
  /** Does the resource have a `status` subresource (so the main endpoint ignores status changes)? */
  hasStatus: boolean;
  /** Does a spec change bump metadata.generation? */
  tracksGeneration: boolean;
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Allocations before the write (ClusterIPs, NodePorts); errors become 422. */
  allocate?(obj: KubeObject, old: KubeObject | undefined): FieldError[];
  /** Undo allocate (a failed write, or a delete). */
  release?(obj: KubeObject, old: KubeObject | undefined): void;
}

export const DEFAULT_STRATEGY: Strategy = { hasStatus: false, tracksGeneration: false };
