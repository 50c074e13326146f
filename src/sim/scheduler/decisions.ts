/**
 * The record of scheduling decisions, served at `/simulator/v1/scheduler/decisions`. Upstream keeps
 * none (it logs at -v=10); KubeSim keeps the last ones so a learner can see why a pod went where it
 * did: per node, each filter's verdict and reason, and each score plugin's raw, normalized and
 * weighted score.
 *
 * Memory is bounded twice: by the number of decisions kept (overall and per pod), and by the number
 * of per-node entries across them, since one decision on 1,000 nodes holds 1,000 filter rows.
 * Past that budget the oldest decisions keep their outcome and lose their per-node detail.
 */
import type { SchedulingDecision } from './schedule-one';

export interface DecisionLogOptions {
  /** Decisions kept overall. */
  capacity?: number;
  /** Decisions kept per pod. */
  perPod?: number;
  /** Per-node rows (filter + score) kept across all decisions. */
  nodeEntryBudget?: number;
}

export interface StoredDecision {
  seq: number;
  namespace: string;
  name: string;
  uid: string;
  /** Virtual milliseconds since the cluster started. */
  at: number;
  /** The same instant as an RFC 3339 timestamp. */
  time: string;
  attempt: number;
  /** Plugin order of the profile's Filter extension point (to report plugins a node never reached). */
  profileFilters: readonly string[];
  decision: SchedulingDecision;
  detailDropped: boolean;
}

export interface FilterVerdictView {
  plugin: string;
  /** Success, Unschedulable, UnschedulableAndUnresolvable, Error, or Skip (PreFilter said so) / NotRun (an earlier filter rejected the node). */
  verdict: string;
  reason?: string;
}

export interface ScoreView {
  plugin: string;
  weight: number;
  raw: number;
  normalized: number;
  weighted: number;
}

export interface NodeDecisionView {
  name: string;
  feasible: boolean;
  filters: FilterVerdictView[];
  scores?: ScoreView[];
  total?: number;
  chosen: boolean;
}

export interface DecisionView {
  pod: { namespace: string; name: string; uid: string };
  time: string;
  virtualTimeMs: number;
  attempt: number;
  result: SchedulingDecision['result'];
  node?: string;
  message?: string;
  reason?: string;
  numAllNodes: number;
  numNodesToFind: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  preFilter: Array<{ plugin: string; verdict: string; reason?: string }>;
  scorePlugins: Array<{ plugin: string; weight: number }>;
  skippedScorePlugins: string[];
  topNodes: Array<{ node: string; total: number }>;
  postFilterMessage?: string;
  /** Set when the per-node detail was dropped to keep memory bounded. */
  detailDropped?: true;
  nodes: NodeDecisionView[];
}

function entriesOf(d: SchedulingDecision): number {
  return d.filters.length + d.scores.length;
}

export class DecisionLog {
  private readonly capacity: number;
  private readonly perPod: number;
  private readonly budget: number;
  /** Oldest first; `head` is the index of the oldest live entry (a cheap queue). */
  private ring: StoredDecision[] = [];
  private head = 0;
  private readonly byPod = new Map<string, StoredDecision[]>();
  /** Oldest decision that may still hold detail (everything before it has been stripped). */
  private detailCursor = 0;
  private entries = 0;
  private seq = 0;

  constructor(opts: DecisionLogOptions = {}) {
    this.capacity = opts.capacity ?? 2_000;
    this.perPod = opts.perPod ?? 10;
    this.budget = opts.nodeEntryBudget ?? 200_000;
  }

  get size(): number {
    return this.ring.length - this.head;
  }

  add(d: Omit<StoredDecision, 'seq' | 'detailDropped'>): StoredDecision {
    const rec: StoredDecision = { ...d, seq: ++this.seq, detailDropped: false };
    this.ring.push(rec);
    const key = `${rec.namespace}/${rec.name}`;
    let list = this.byPod.get(key);
    if (!list) this.byPod.set(key, (list = []));
    list.push(rec);
    if (list.length > this.perPod) this.strip(list.shift()!);
    this.entries += entriesOf(rec.decision);

    while (this.size > this.capacity) this.evictOldest();
    while (this.entries > this.budget && this.detailCursor < this.ring.length) {
      this.strip(this.ring[this.detailCursor++]);
    }
    if (this.head > 1024 && this.head * 2 > this.ring.length) this.compact();
    return rec;
  }

  /** The pod's decisions, newest first. */
  forPod(namespace: string, name: string): StoredDecision[] {
    return [...(this.byPod.get(`${namespace}/${name}`) ?? [])].reverse();
  }

  /** The latest decisions in a namespace (all namespaces when undefined), newest first. */
  latest(namespace: string | undefined, limit: number): StoredDecision[] {
    const out: StoredDecision[] = [];
    for (let i = this.ring.length - 1; i >= this.head && out.length < limit; i--) {
      const r = this.ring[i];
      if (namespace === undefined || r.namespace === namespace) out.push(r);
    }
    return out;
  }

  private evictOldest(): void {
    const rec = this.ring[this.head++];
    if (this.detailCursor < this.head) this.detailCursor = this.head;
    this.strip(rec);
    const key = `${rec.namespace}/${rec.name}`;
    const list = this.byPod.get(key);
    if (!list) return;
    const i = list.indexOf(rec);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byPod.delete(key);
  }

  private strip(rec: StoredDecision): void {
    if (rec.detailDropped) return;
    this.entries -= entriesOf(rec.decision);
    rec.decision = { ...rec.decision, filters: [], scores: [] };
    rec.detailDropped = true;
  }

  private compact(): void {
    this.ring = this.ring.slice(this.head);
    this.detailCursor = Math.max(0, this.detailCursor - this.head);
    this.head = 0;
  }
}

/** The JSON a learner reads: one entry per node Filter looked at, in the order it looked. */
export function decisionView(rec: StoredDecision): DecisionView {
  const d = rec.decision;
  const scoresByNode = new Map(d.scores.map((s) => [s.node, s]));
  const skippedFilters = new Set(d.preFilter.filter((p) => p.code === 'Skip').map((p) => p.plugin));
  const nodes: NodeDecisionView[] = d.filters.map((f) => {
    const filters: FilterVerdictView[] = [];
    let ran = 0;
    for (const plugin of rec.profileFilters) {
      if (skippedFilters.has(plugin)) {
        filters.push({ plugin, verdict: 'Skip' });
        continue;
      }
      if (ran < f.passed) filters.push({ plugin, verdict: 'Success' });
      else if (ran === f.passed && f.failure)
        filters.push({ plugin, verdict: f.failure.code, reason: f.failure.reasons.join(', ') });
      else filters.push({ plugin, verdict: 'NotRun' });
      ran++;
    }
    const view: NodeDecisionView = { name: f.node, feasible: f.feasible, filters, chosen: f.node === d.node };
    const s = scoresByNode.get(f.node);
    if (s) {
      view.scores = d.scorePlugins.map((p, i) => ({
        plugin: p.plugin,
        weight: p.weight,
        raw: s.raw[i],
        normalized: s.normalized[i],
        weighted: s.weighted[i],
      }));
      view.total = s.total;
    }
    return view;
  });
  const out: DecisionView = {
    pod: { namespace: rec.namespace, name: rec.name, uid: rec.uid },
    time: rec.time,
    virtualTimeMs: rec.at,
    attempt: rec.attempt,
    result: d.result,
    node: d.node,
    message: d.message,
    reason: d.reason,
    numAllNodes: d.numAllNodes,
    numNodesToFind: d.numNodesToFind,
    evaluatedNodes: d.evaluatedNodes,
    feasibleNodes: d.feasibleNodes,
    preFilter: d.preFilter.map((p) => ({
      plugin: p.plugin,
      verdict: p.code,
      ...(p.reasons.length > 0 ? { reason: p.reasons.join(', ') } : {}),
    })),
    scorePlugins: d.scorePlugins,
    skippedScorePlugins: d.skippedScorePlugins,
    topNodes: d.topNodes,
    postFilterMessage: d.postFilterMessage,
    nodes,
  };
  if (rec.detailDropped) out.detailDropped = true;
  return out;
}
