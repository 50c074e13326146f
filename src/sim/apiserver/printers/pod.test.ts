import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { printPod } from './pod';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

function pod(p: Partial<Pod> & { status?: Pod['status'] }, containers = ['app']): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(300), ...p.metadata },
    spec: { containers: containers.map((name) => ({ name, image: 'nginx' })), ...p.spec },
    status: p.status,
  };
}

const running = (name = 'app', extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: true,
  restartCount: 0,
  state: { running: { startedAt: ago(200) } },
  ...extra,
});
const waiting = (reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: 'app',
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (
  reason: string | undefined,
  exitCode: number,
  extra: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name: 'app',
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { reason, exitCode } },
  ...extra,
});

const status = (p: Pod) => printPod(p as KubeObject, NOW).cells[2];
const cells = (p: KubeObject) => printPod(p, NOW).cells;

describe('pod printer', () => {
  it('prints a running pod with wide cells', () => {
    const p = pod({
      spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-1' },
      status: {
        phase: 'Running',
        podIP: '10.244.1.5',
        podIPs: [{ ip: '10.244.1.5' }],
        containerStatuses: [running()],
      },
    });
    expect(cells(p)).toEqual([
      'web',
      '1/1',
      'Running',
      '0',
      '5m',
      '10.244.1.5',
      'node-1',
      '<none>',
      '<none>',
    ]);
  });

  it('prints <none> for every empty wide cell of a pending pod', () => {
    expect(cells(pod({ status: { phase: 'Pending' } }))).toEqual([
      'web',
      '0/1',
      'Pending',
      '0',
      '5m',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });

  it.each([
    ['ContainerCreating', waiting('ContainerCreating')],
    ['ErrImagePull', waiting('ErrImagePull')],
    ['ImagePullBackOff', waiting('ImagePullBackOff')],
    ['CrashLoopBackOff', waiting('CrashLoopBackOff')],
    ['Error', terminated('Error', 1)],
    ['OOMKilled', terminated('OOMKilled', 137)],
    ['ExitCode:2', terminated(undefined, 2)],
  ])('shows the container reason %s', (want, cs) => {
    expect(status(pod({ status: { phase: 'Running', containerStatuses: [cs] } }) as Pod)).toBe(want);
  });

  it('shows Signal:N for a signalled container without a reason', () => {
    const cs = terminated(undefined, 137);
    cs.state!.terminated!.signal = 9;
    expect(status(pod({ status: { phase: 'Running', containerStatuses: [cs] } }) as Pod)).toBe('Signal:9');
  });

  it('shows Completed and marks the row for a succeeded pod', () => {
    const row = printPod(
      pod({ status: { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] } }),
      NOW,
    );
    expect(row.cells.slice(1, 3)).toEqual(['0/1', 'Completed']);
    expect(row.conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
  });

  it('marks a failed pod', () => {
    const row = printPod(
      pod({ status: { phase: 'Failed', containerStatuses: [terminated('Error', 1)] } }),
      NOW,
    );
    expect(row.cells[2]).toBe('Error');
    expect(row.conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
  });

  it('prints restarts with the age of the last restart', () => {
    const cs = waiting('CrashLoopBackOff', {
      restartCount: 3,
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(42) } },
    });
    expect(cells(pod({ status: { phase: 'Running', containerStatuses: [cs] } })).slice(1, 4)).toEqual([
      '0/1',
      'CrashLoopBackOff',
      '3 (42s ago)',
    ]);
  });

  it('takes the latest restart across containers, and the first container wins STATUS', () => {
    const a = waiting('CrashLoopBackOff', {
      name: 'a',
      restartCount: 2,
      lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } },
    });
    const b = running('b', {
      restartCount: 1,
      lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } },
    });
    expect(
      cells(pod({ status: { phase: 'Running', containerStatuses: [a, b] } }, ['a', 'b'])).slice(1, 4),
    ).toEqual(['1/2', 'CrashLoopBackOff', '3 (90s ago)']);
  });

  it('prints Init:i/n while an init container runs', () => {
    const p = pod({
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'init' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [running('init', { ready: false })],
        containerStatuses: [waiting('PodInitializing')],
      },
    });
    expect(cells(p).slice(1, 3)).toEqual(['0/1', 'Init:0/1']);
  });

  it('counts finished init containers in Init:i/n', () => {
    const p = pod({
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          terminated('Completed', 0, { name: 'a' }),
          waiting('PodInitializing', { name: 'b' }),
        ],
      },
    });
    expect(cells(p)[2]).toBe('Init:1/2');
  });

  it.each([
    ['Init:CrashLoopBackOff', waiting('CrashLoopBackOff', { name: 'init', restartCount: 2 })],
    ['Init:ErrImagePull', waiting('ErrImagePull', { name: 'init' })],
    ['Init:Error', terminated('Error', 1, { name: 'init' })],
    ['Init:ExitCode:3', terminated(undefined, 3, { name: 'init' })],
  ])('prints %s for a failing init container', (want, cs) => {
    const p = pod({
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'init' }] },
      status: { phase: 'Pending', initContainerStatuses: [cs] },
    });
    expect(cells(p)[2]).toBe(want);
  });

  it('counts init container restarts while initializing', () => {
    const cs = waiting('CrashLoopBackOff', {
      name: 'init',
      restartCount: 4,
      lastState: { terminated: { exitCode: 1, finishedAt: ago(20) } },
    });
    const p = pod({
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'init' }] },
      status: { phase: 'Pending', initContainerStatuses: [cs] },
    });
    expect(cells(p)[3]).toBe('4 (20s ago)');
  });

  it('counts a started sidecar (restartable init container) in READY', () => {
    const p = pod({
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          running('proxy', {
            started: true,
            restartCount: 1,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } },
          }),
        ],
        containerStatuses: [running('app')],
      },
    });
    expect(cells(p).slice(1, 4)).toEqual(['2/2', 'Running', '1 (30s ago)']);
  });

  it('shows Running (or NotReady) when one container completed and another still runs', () => {
    const statuses = [terminated('Completed', 0, { name: 'job' }), running('server')];
    const ready = pod(
      {
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: statuses,
        },
      },
      ['job', 'server'],
    );
    const notReady = pod({ status: { phase: 'Running', containerStatuses: statuses } }, ['job', 'server']);
    expect(cells(ready)[2]).toBe('Running');
    expect(cells(notReady)[2]).toBe('NotReady');
  });

  it('shows Terminating for a deleted pod that is not finished', () => {
    const p = pod({
      metadata: { deletionTimestamp: ago(5) },
      status: { phase: 'Running', containerStatuses: [running()] },
    });
    expect(cells(p)[2]).toBe('Terminating');
    const done = pod({
      metadata: { deletionTimestamp: ago(5) },
      status: { phase: 'Succeeded', containerStatuses: [terminated('Completed', 0)] },
    });
    expect(cells(done)[2]).toBe('Completed');
  });

  it('shows NodeLost, and Unknown once such a pod is being deleted', () => {
    const st = { phase: 'Running', reason: 'NodeLost', containerStatuses: [running()] };
    expect(cells(pod({ status: st }))[2]).toBe('NodeLost');
    expect(cells(pod({ metadata: { deletionTimestamp: ago(1) }, status: st }))[2]).toBe('Unknown');
  });

  it('shows SchedulingGated and the status reason (Evicted)', () => {
    const gated = pod({
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    });
    expect(cells(gated)[2]).toBe('SchedulingGated');
    expect(cells(pod({ status: { phase: 'Failed', reason: 'Evicted' } }))[2]).toBe('Evicted');
  });

  it('prints readiness gates and the nominated node', () => {
    const p = pod({
      spec: {
        containers: [{ name: 'app' }],
        readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }],
      },
      status: {
        phase: 'Pending',
        nominatedNodeName: 'node-2',
        conditions: [
          { type: 'a', status: 'True' },
          { type: 'b', status: 'False' },
        ],
      },
    });
    expect(cells(p).slice(5)).toEqual(['<none>', '<none>', 'node-2', '1/2']);
  });

  it('prints <unknown> AGE without a creationTimestamp', () => {
    const p = { ...pod({ status: { phase: 'Pending' } }), metadata: { name: 'web' } };
    expect(cells(p)[4]).toBe('<unknown>');
  });
});
