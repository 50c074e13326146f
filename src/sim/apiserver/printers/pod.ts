import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow, type TableRowCondition } from './types';

/** The pod reason the node lifecycle controller sets on pods of an unreachable node. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const POD_SUCCESS_CONDITIONS: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const POD_FAILED_CONDITIONS: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function hasCondition(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The later of a running maximum and a container's last termination time (both may be zero). */
function laterRestart(current: number | undefined, status: ContainerStatus): number | undefined {
  const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
  if (finished === undefined) return current;
  return current === undefined || current < finished ? finished : current;
}

/** printPod: READY, STATUS (the aggregate reason kubectl users know), RESTARTS with the last restart's age. */
export function printPod(obj: KubeObject, nowMs: number): PrintedRow {
  const pod = obj as Pod;
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastRestartableInitContainerRestartDate: number | undefined;

  const podPhase = status.phase ?? '';
  let reason = status.reason ? status.reason : podPhase;

  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated';
  }

  let conditions: TableRowCondition[] | undefined;
  if (podPhase === 'Succeeded') conditions = POD_SUCCESS_CONDITIONS;
  else if (podPhase === 'Failed') conditions = POD_FAILED_CONDITIONS;

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    lastRestartDate = laterRestart(lastRestartDate, container);
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      lastRestartableInitContainerRestartDate = laterRestart(
        lastRestartableInitContainerRestartDate,
        container,
      );
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status.conditions, 'Initialized')) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walk backwards so that the first container's state is the one that ends up in STATUS.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestartDate = laterRestart(lastRestartDate, container);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== undefined) {
    restartsStr = `${restarts} (${humanDuration(nowMs - lastRestartDate)} ago)`;
  }

  // The apiserver always prints wide; kubectl hides the priority-1 cells unless `-o wide`.
  // The kubelet always sets podIPs with podIP; falling back to podIP covers a status that lacks it.
  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const nodeName = spec?.nodeName || '<none>';
  const nominatedNodeName = status.nominatedNodeName || '<none>';
  let readinessGates = '<none>';
  const gates = spec?.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const c = (status.conditions ?? []).find((cond) => cond.type === gate.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  const cells = [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsStr,
    translateTimestampSince(pod.metadata?.creationTimestamp, nowMs),
    podIP,
    nodeName,
    nominatedNodeName,
    readinessGates,
  ];
  return conditions ? { cells, conditions } : { cells };
}

export const podPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('IP', 'string', d.POD_STATUS_POD_IP, { priority: 1 }),
    col('Node', 'string', d.POD_SPEC_NODE_NAME, { priority: 1 }),
    col('Nominated Node', 'string', d.POD_STATUS_NOMINATED_NODE_NAME, { priority: 1 }),
    col('Readiness Gates', 'string', d.POD_SPEC_READINESS_GATES, { priority: 1 }),
  ],
  print: printPod,
};
