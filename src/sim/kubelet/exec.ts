import type { Pod } from 'kubernetes-types/core/v1';
import type { ExecOutcome, ExecTarget } from '../apiserver/exec';
import { errors, type ApiError } from '../apiserver/status';
import type { Engine } from '../engine/simulation';
import { hexId } from './go-format';
import type { NodeMachine } from './node-machine';
import type { PodNetwork } from './runtime/shell/network';

/**
 * The kubelet's `/exec/<ns>/<pod>/<container>` handler on one node: it finds the running
 * container through the CRI and has the runtime start a process in it (CRI `Exec`). Each
 * process is a hop kubelet → container-runtime on the trace.
 */
export function kubeletExec(
  engine: Engine,
  machine: NodeMachine,
  pod: Pod,
  container: string,
  net: PodNetwork | undefined,
): ExecTarget | string | ApiError {
  const kubelet = machine.kubelet;
  if (!machine.powered || !kubelet?.isRunning)
    // kube-apiserver cannot reach port 10250; it answers with the dial error and no reason.
    return errors.fromCode(
      500,
      '',
      `error dialing backend: dial tcp ${machine.runtime.nodeIP}:10250: connect: ${machine.powered ? 'connection refused' : 'no route to host'}`,
    );
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const find = (): string | undefined => {
    const rt = machine.runtime;
    let best: { id: string; attempt: number } | undefined;
    for (const s of rt.sandboxes.values()) {
      if (s.namespace !== ns || s.podName !== name || s.state !== 'SANDBOX_READY') continue;
      for (const c of rt.containersOfSandbox(s.id))
        if (c.name === container && c.state === 'CONTAINER_RUNNING' && (!best || c.attempt > best.attempt))
          best = { id: c.id, attempt: c.attempt };
    }
    return best?.id;
  };
  if (find() === undefined) return `container not found ("${container}")`;
  const object = { kind: 'Pod', namespace: ns, name };
  return {
    run(argv: string[], stdin: string | undefined): ExecOutcome {
      const rt = machine.runtime;
      engine.hop({
        from: `kubelet@${machine.name}`,
        to: rt.component,
        kind: 'cri',
        summary: `Exec ${container}: ${argv.join(' ')}`,
        object,
      });
      const id = find();
      const execId = hexId(() => engine.random.nextUint32());
      const r = id === undefined ? undefined : rt.exec(id, argv, undefined, { stdin, net });
      if (!r)
        return {
          stdout: '',
          stderr: '',
          exitCode: 1,
          startError: `error executing command in container: container not found ("${container}")`,
        };
      if (r.error !== undefined)
        return {
          stdout: '',
          stderr: '',
          exitCode: 126,
          startError: `error executing command in container: failed to exec in container: failed to start exec "${execId}": ${r.error}`,
        };
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    },
  };
}
