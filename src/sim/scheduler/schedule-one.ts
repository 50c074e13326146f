/**
 * One scheduling cycle's decision, as pkg/scheduler/schedule_one.go makes it: PreFilter, Filter over
 * the nodes (starting where the last cycle stopped, stopping once enough feasible nodes are found),
 * PreScore, Score + NormalizeScore × weight, selectHost; or, when nothing fits, the FitError message
 * with the default preemption plugin's PostFilter verdict. Binding and the queue live elsewhere.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { SeededRandom } from '../engine/random';
import { EMPTY_CONTEXT, type SchedulingContext } from './framework/context';
import {
  ERR_NO_NODES_AVAILABLE,
  fitErrorMessage,
  newDiagnosis,
  NodeToStatus,
  type Diagnosis,
} from './framework/fit-error';
import { podNamespace, PodInfo, type NodeInfo } from './framework/node-info';
import { defaultProfile, type Profile } from './framework/profile';
import {
  CycleState,
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  newStatus,
  SchedulerError,
  type Code,
  type Status,
  type NodeScore,
  type PluginHandle,
} from './framework/types';

/** minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** numberOfHighestScoredNodesToReport. */
export const NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT = 3;

export interface StatusRecord {
  plugin: string;
  code: Code;
  reasons: string[];
}

/** How one node fared in Filter. Plugins run in `filterPlugins` order and stop at the first rejection. */
export interface NodeFilterRecord {
  node: string;
  feasible: boolean;
  /** How many of `filterPlugins` passed before `failure` (all of them when feasible). */
  passed: number;
  failure?: StatusRecord;
}

/** How one feasible node scored; arrays run parallel to `scorePlugins`. */
export interface NodeScoreRecord {
  node: string;
  raw: number[];
  normalized: number[];
  weighted: number[];
  total: number;
}

export interface SchedulingDecision {
  pod: string;
  result: 'Scheduled' | 'Unschedulable' | 'Error';
  /** The chosen node (SuggestedHost). */
  node?: string;
  /** The FailedScheduling event message / PodScheduled condition message. */
  message?: string;
  /** PodScheduled condition reason when not scheduled: Unschedulable or SchedulerError. */
  reason?: 'Unschedulable' | 'SchedulerError';
  numAllNodes: number;
  numNodesToFind: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  /** PreFilter outcome per plugin, in order (Skip means its Filter did not run). */
  preFilter: StatusRecord[];
  /** Nodes a PreFilterResult narrowed the search to, if any. */
  preFilterNodeNames?: string[];
  /** Filter plugins run this cycle, in order (the skipped ones left out). */
  filterPlugins: string[];
  /** Every node Filter looked at, in the order it looked. */
  filters: NodeFilterRecord[];
  /** Score plugins run this cycle with their weights (PreScore Skip leaves a plugin out). */
  scorePlugins: Array<{ plugin: string; weight: number }>;
  skippedScorePlugins: string[];
  /** Per feasible node; empty when a single node was feasible (upstream does not score then). */
  scores: NodeScoreRecord[];
  /** selectHost's top nodes by total score (the chosen one first). */
  topNodes: Array<{ node: string; total: number }>;
  /** PostFilter (DefaultPreemption) message, when nothing fit. */
  postFilterMessage?: string;
  /** Where the next cycle starts its search (sched.nextStartNodeIndex). */
  nextStartNodeIndex: number;
}

export interface ScheduleOptions {
  profile?: Profile;
  context?: SchedulingContext;
  /** sched.nextStartNodeIndex from the previous cycle. */
  nextStartNodeIndex?: number;
  /** Skip recording per-node scores (bulk runs); the choice is the same. */
  recordScores?: boolean;
}

/** numFeasibleNodesToFind: all nodes below 100, else an adaptive share of them, never below 100. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  if (numNodes < MIN_FEASIBLE_NODES_TO_FIND) return MIN_FEASIBLE_NODES_TO_FIND;
  return numNodes;
}

function record(s: Status): StatusRecord {
  return { plugin: s.plugin, code: s.code, reasons: [...s.reasons] };
}

let sharedDefaultProfile: Profile | undefined;

/**
 * Schedules one pod against the nodes (in snapshot order). Deterministic: the only chance is the
 * tie-break among equally scored nodes (and the preemption offset draw), both from `random`.
 */
export function schedulePod(
  pod: Pod,
  nodes: readonly NodeInfo[],
  random: SeededRandom,
  options: ScheduleOptions = {},
): SchedulingDecision {
  const profile = options.profile ?? (sharedDefaultProfile ??= defaultProfile());
  const context = options.context ?? EMPTY_CONTEXT;
  const recordScores = options.recordScores ?? true;
  const startIndex = options.nextStartNodeIndex ?? 0;
  const decision: SchedulingDecision = {
    pod: `${podNamespace(pod)}/${pod.metadata?.name ?? ''}`,
    result: 'Unschedulable',
    numAllNodes: nodes.length,
    numNodesToFind: 0,
    evaluatedNodes: 0,
    feasibleNodes: 0,
    preFilter: [],
    filterPlugins: [],
    filters: [],
    scorePlugins: [],
    skippedScorePlugins: [],
    scores: [],
    topNodes: [],
    nextStartNodeIndex: startIndex,
  };
  if (nodes.length === 0) {
    return { ...decision, result: 'Error', reason: 'SchedulerError', message: ERR_NO_NODES_AVAILABLE };
  }

  try {
    return run(pod, nodes, random, profile, context, recordScores, startIndex, decision);
  } catch (e) {
    if (!(e instanceof SchedulerError)) throw e;
    return { ...decision, result: 'Error', reason: 'SchedulerError', message: e.message };
  }
}

function run(
  pod: Pod,
  allNodes: readonly NodeInfo[],
  random: SeededRandom,
  profile: Profile,
  context: SchedulingContext,
  recordScores: boolean,
  startIndex: number,
  decision: SchedulingDecision,
): SchedulingDecision {
  const state = new CycleState();
  const podInfo = new PodInfo(pod);
  const handle: PluginHandle = { allNodes, context };
  const diagnosis = newDiagnosis();

  // ---- PreFilter (RunPreFilterPlugins) ----
  let nodeNames: Set<string> | undefined;
  const pluginsWithNodes: string[] = [];
  let rejected: Status | undefined;
  for (const pl of profile.preFilter) {
    const { result, status } = pl.preFilter(state, podInfo, handle);
    const s = status.withPlugin(pl.name);
    decision.preFilter.push(record(s));
    if (s.isSkip()) {
      state.skipFilterPlugins.add(pl.name);
      continue;
    }
    if (!s.isSuccess()) {
      if (s.code === 'UnschedulableAndUnresolvable') {
        rejected = s;
        break;
      }
      // An Unschedulable PreFilter still lets the rest run, so preemption sees all of them (kubernetes#119770).
      if (s.code === 'Unschedulable') {
        rejected = s;
        continue;
      }
      throw new SchedulerError(`running PreFilter plugin "${pl.name}": ${s.message()}`);
    }
    if (result?.nodeNames) {
      pluginsWithNodes.push(pl.name);
      nodeNames =
        nodeNames === undefined
          ? new Set(result.nodeNames)
          : new Set([...nodeNames].filter((n) => result.nodeNames!.has(n)));
      if (nodeNames.size === 0) {
        const msg =
          pluginsWithNodes.length === 1
            ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}`
            : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
        rejected = newStatus('UnschedulableAndUnresolvable', msg).withPlugin(pl.name);
        break;
      }
    }
  }
  if (rejected) {
    for (const p of pluginsWithNodes) diagnosis.unschedulablePlugins.add(p);
    diagnosis.unschedulablePlugins.add(rejected.plugin);
    diagnosis.nodeToStatus.absent = rejected;
    diagnosis.preFilterMsg = rejected.message();
    return unschedulable(pod, allNodes, random, diagnosis, decision);
  }

  // ---- Filter (findNodesThatPassFilters) ----
  let nodes: readonly NodeInfo[] = allNodes;
  if (nodeNames !== undefined) {
    // Upstream ranges over a Go map here (random order); snapshot order keeps it deterministic.
    nodes = allNodes.filter((n) => nodeNames!.has(n.name));
    decision.preFilterNodeNames = nodes.map((n) => n.name);
    diagnosis.nodeToStatus.absent = newStatus(
      'UnschedulableAndUnresolvable',
      `node(s) didn't satisfy plugin(s) [${[...pluginsWithNodes].sort().join(' ')}]`,
    );
  }
  const filters = profile.filter.filter((p) => !state.skipFilterPlugins.has(p.name));
  decision.filterPlugins = filters.map((p) => p.name);
  const numAllNodes = nodes.length;
  const numNodesToFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, numAllNodes);
  decision.numNodesToFind = numNodesToFind;
  const feasible: NodeInfo[] = [];
  // Upstream filters in parallel and cancels once enough nodes fit; in order, that is "stop at numNodesToFind".
  for (let i = 0; i < numAllNodes && feasible.length < numNodesToFind; i++) {
    const ni = nodes[(startIndex + i) % numAllNodes];
    let failure: Status | undefined;
    let passed = 0;
    for (const f of filters) {
      const s = f.filter(state, podInfo, ni);
      if (s.isSuccess()) {
        passed++;
        continue;
      }
      if (!s.isRejected()) throw new SchedulerError(`running "${f.name}" filter plugin: ${s.message()}`);
      failure = s.withPlugin(f.name);
      break;
    }
    if (failure) {
      diagnosis.nodeToStatus.set(ni.name, failure);
      diagnosis.unschedulablePlugins.add(failure.plugin);
      decision.filters.push({ node: ni.name, feasible: false, passed, failure: record(failure) });
    } else {
      feasible.push(ni);
      decision.filters.push({ node: ni.name, feasible: true, passed });
    }
  }
  const processed = feasible.length + diagnosis.nodeToStatus.size;
  decision.nextStartNodeIndex = (startIndex + processed) % allNodes.length;
  decision.evaluatedNodes = processed;
  decision.feasibleNodes = feasible.length;

  if (feasible.length === 0) return unschedulable(pod, allNodes, random, diagnosis, decision);

  if (feasible.length === 1) {
    // With one candidate upstream skips scoring altogether.
    decision.result = 'Scheduled';
    decision.node = feasible[0].name;
    decision.topNodes = [{ node: feasible[0].name, total: 0 }];
    return decision;
  }

  // ---- PreScore, Score, NormalizeScore, weights (prioritizeNodes) ----
  for (const pl of profile.preScore) {
    const s = pl.preScore(state, podInfo, feasible, handle);
    if (s.isSkip()) {
      state.skipScorePlugins.add(pl.name);
      continue;
    }
    if (!s.isSuccess()) throw new SchedulerError(`running PreScore plugin "${pl.name}": ${s.message()}`);
  }
  const scorers = profile.score.filter((s) => !state.skipScorePlugins.has(s.plugin.name));
  decision.scorePlugins = scorers.map((s) => ({ plugin: s.plugin.name, weight: s.weight }));
  decision.skippedScorePlugins = profile.score
    .filter((s) => state.skipScorePlugins.has(s.plugin.name))
    .map((s) => s.plugin.name);

  const n = feasible.length;
  const totals = new Array<number>(n).fill(0);
  const records: NodeScoreRecord[] | undefined = recordScores
    ? feasible.map((ni) => ({ node: ni.name, raw: [], normalized: [], weighted: [], total: 0 }))
    : undefined;
  for (const { plugin, weight } of scorers) {
    const list: NodeScore[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const raw = plugin.score(state, podInfo, feasible[i]);
      list[i] = { name: feasible[i].name, score: raw };
      if (records) records[i].raw.push(raw);
    }
    if (plugin.normalizeScore) {
      const s = plugin.normalizeScore(state, podInfo, list);
      if (!s.isSuccess())
        throw new SchedulerError(`running Normalize on Score plugin "${plugin.name}": ${s.message()}`);
    }
    for (let i = 0; i < n; i++) {
      const score = list[i].score;
      if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
        throw new SchedulerError(
          `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
        );
      }
      const weighted = score * weight;
      totals[i] += weighted;
      if (records) {
        records[i].normalized.push(score);
        records[i].weighted.push(weighted);
      }
    }
  }
  if (records) {
    for (let i = 0; i < n; i++) records[i].total = totals[i];
    decision.scores = records;
  }

  const { selected, top } = selectHost(feasible, totals, NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT, random);
  decision.result = 'Scheduled';
  decision.node = selected;
  decision.topNodes = top;
  return decision;
}

/**
 * selectHost (v1.32): pop nodes off a max-heap of total scores; among those tied with the best,
 * reservoir-sample one (each replaces the pick with probability 1/count). Go's container/heap is
 * reproduced exactly, since the order ties come off the heap decides which draw picks which node.
 */
export function selectHost(
  nodes: readonly NodeInfo[],
  totals: readonly number[],
  count: number,
  random: SeededRandom,
): { selected: string; top: Array<{ node: string; total: number }> } {
  const h: number[] = nodes.map((_, i) => i);
  const less = (i: number, j: number): boolean => totals[h[i]] > totals[h[j]];
  const swap = (i: number, j: number): void => {
    const t = h[i];
    h[i] = h[j];
    h[j] = t;
  };
  const down = (i0: number, n: number): void => {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && less(j2, j1)) j = j2;
      if (!less(j, i)) break;
      swap(i, j);
      i = j;
    }
  };
  const pop = (): number => {
    const n = h.length - 1;
    swap(0, n);
    down(0, n);
    return h.pop()!;
  };
  for (let i = Math.trunc(h.length / 2) - 1; i >= 0; i--) down(i, h.length);

  const sorted: number[] = [pop()];
  let cntOfMaxScore = 1;
  let selectedIndex = 0;
  for (let ns = pop(); ; ns = pop()) {
    if (totals[ns] !== totals[sorted[0]] && sorted.length === count) break;
    if (totals[ns] === totals[sorted[0]]) {
      cntOfMaxScore++;
      if (random.int(cntOfMaxScore) === 0) selectedIndex = cntOfMaxScore - 1;
    }
    sorted.push(ns);
    if (h.length === 0) break;
  }
  if (selectedIndex !== 0) {
    const prev = sorted[0];
    sorted[0] = sorted[selectedIndex];
    sorted[selectedIndex] = prev;
  }
  const top = sorted.slice(0, count).map((i) => ({ node: nodes[i].name, total: totals[i] }));
  return { selected: nodes[sorted[0]].name, top };
}

/** FitError plus the DefaultPreemption PostFilter verdict, for a pod no node can take. */
function unschedulable(
  pod: Pod,
  allNodes: readonly NodeInfo[],
  random: SeededRandom,
  diagnosis: Diagnosis,
  decision: SchedulingDecision,
): SchedulingDecision {
  diagnosis.postFilterMsg = preemptionMessage(pod, allNodes, random, diagnosis.nodeToStatus);
  decision.postFilterMessage = diagnosis.postFilterMsg;
  decision.result = 'Unschedulable';
  decision.reason = 'Unschedulable';
  decision.message = fitErrorMessage(allNodes.length, diagnosis);
  return decision;
}

/**
 * DefaultPreemption.PostFilter as it answers when preemption cannot help: nodes rejected as
 * UnschedulableAndUnresolvable are "not helpful"; the others are dry-run. KubeSim simplifies: it does
 * not preempt, so every dry-run node reports that it found no victims.
 */
export function preemptionMessage(
  pod: Pod,
  allNodes: readonly NodeInfo[],
  random: SeededRandom,
  statuses: NodeToStatus,
): string {
  if (pod.spec?.preemptionPolicy === 'Never')
    return 'preemption: not eligible due to preemptionPolicy=Never.';
  const potential = allNodes.filter((n) => statuses.get(n.name).code === 'Unschedulable');
  const dryRun = new NodeToStatus();
  dryRun.absent = newStatus('UnschedulableAndUnresolvable', 'Preemption is not helpful for scheduling');
  if (potential.length > 0) {
    // GetOffsetAndNumCandidates draws a random offset into the candidates; drawn here too.
    random.int(potential.length);
    for (const n of potential) {
      dryRun.set(
        n.name,
        newStatus('UnschedulableAndUnresolvable', 'No preemption victims found for incoming pod'),
      );
    }
  }
  const d = newDiagnosis();
  d.nodeToStatus = dryRun;
  return 'preemption: ' + fitErrorMessage(allNodes.length, d);
}
