/** The kube-scheduler decision engine: framework, default-profile plugins and one scheduling cycle. */
export * from './framework';
export * from './framework/node-tree';
export {
  schedulePod,
  selectHost,
  preemptionMessage,
  numFeasibleNodesToFind,
  type ScheduleOptions,
  type SchedulingDecision,
  type NodeFilterRecord,
  type NodeScoreRecord,
  type StatusRecord,
} from './schedule-one';
