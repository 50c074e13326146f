import type { Pod } from 'kubernetes-types/core/v1';
import type { Status } from 'kubernetes-types/meta/v1';
import type { Engine } from '../engine/simulation';
import type { ComponentId } from '../engine/trace';
import type { UserInfo } from './authn';
import { type HttpRequest, type HttpResponse, type ResponseStream } from './http';
import { authorize, type RbacObjects } from './rbac';
import type { RequestInfo } from './request-info';
import { ApiError, errors } from './status';

/** What the client asked for in the query (`command`, `container`, `stdin`, `stdout`, `stderr`, `tty`). */
export interface ExecOptions {
  command: string[];
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** How a process run by `kubectl exec` ended. */
export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The runtime could not start the process (runc's "executable file not found"). */
  startError?: string;
}

/** A running container the kubelet agreed to exec in; each `run` is one process. */
export interface ExecTarget {
  run(argv: string[], stdin: string | undefined): ExecOutcome;
}

/**
 * The kubelet's exec handler for the named container of the pod. A string is the kubelet's
 * plain-text refusal (`container not found ("x")`), sent before any upgrade; an ApiError is
 * kube-apiserver failing to reach the kubelet at all.
 */
export type PodExec = (pod: Pod, container: string) => ExecTarget | string | ApiError;

/**
 * An upgraded exec: the HTTP front carries the channels (WebSocket `v5.channel.k8s.io`) and
 * calls `run` with the whole of stdin once the client closes it (at once when there is no
 * stdin). A terminal session calls `run` once per line it collects.
 */
export interface ExecSession extends ResponseStream {
  readonly kind: 'exec';
  readonly options: ExecOptions;
  run(stdin: string | undefined): ExecOutcome;
  /** Another process in the same container (a terminal running each line it reads). */
  exec(argv: string[], stdin: string | undefined): ExecOutcome;
}

export function isExecSession(s: ResponseStream | undefined): s is ExecSession {
  return !!s && (s as Partial<ExecSession>).kind === 'exec';
}

export interface ExecContext {
  engine: Engine;
  rbac: RbacObjects;
  podExec: PodExec | undefined;
}

const bool = (q: URLSearchParams, name: string): boolean => ['true', '1'].includes(q.get(name) ?? '');

export function execOptions(query: URLSearchParams): ExecOptions {
  return {
    command: query.getAll('command'),
    container: query.get('container') ?? '',
    stdin: bool(query, 'stdin'),
    stdout: bool(query, 'stdout'),
    stderr: bool(query, 'stderr'),
    tty: bool(query, 'tty'),
  };
}

/** The kubelet's answer when it refuses to start the stream: plain text, as its HTTP handler writes it. */
function kubeletRefusal(message: string): HttpResponse {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
}

/**
 * `GET|POST /api/v1/namespaces/<ns>/pods/<name>/exec`: the checks of the pod registry's
 * `ExecLocation` (container choice, node assigned), then the kubelet's (container running),
 * then an upgraded session. kube-apiserver authorizes a WebSocket GET as `create` too
 * (AuthorizePodWebsocketUpgradeCreatePermission, on by default since 1.31).
 */
export function restExec(
  ctx: ExecContext,
  req: HttpRequest,
  ri: RequestInfo,
  pod: Pod,
  user: UserInfo,
  from: ComponentId,
): HttpResponse {
  const name = ri.name;
  const opts = execOptions(req.query);
  const podRef = { kind: 'Pod', namespace: ri.namespace, name };
  ctx.engine.hop({
    from,
    to: 'kube-apiserver',
    kind: 'http',
    summary: `${req.method} pods/${name}/exec ${opts.command.join(' ')}`.trim(),
    object: podRef,
  });
  if (ri.verb !== 'create') {
    const d = authorize(
      {
        user,
        verb: 'create',
        isResourceRequest: true,
        path: req.path,
        group: '',
        resource: 'pods',
        subresource: 'exec',
        namespace: ri.namespace,
        name,
      },
      ctx.rbac,
    );
    if (!d.allowed) throw errors.forbidden({ group: '', resource: 'pods' }, name, d.reason);
  }
  if ((req.headers['upgrade'] ?? '') === '') throw errors.badRequest('Upgrade request required');
  const containers = pod.spec?.containers ?? [];
  let container = opts.container;
  if (!container) {
    if (containers.length !== 1)
      throw errors.badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`,
      );
    container = containers[0].name;
  } else if (
    ![...containers, ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].some(
      (c) => c.name === container,
    )
  )
    throw errors.badRequest(`container ${container} is not valid for pod ${name}`);
  const node = pod.spec?.nodeName;
  if (!node) throw errors.badRequest(`pod ${name} does not have a host assigned`);
  if (opts.command.length === 0) throw errors.badRequest('you must specify at least 1 command');
  if (!opts.stdin && !opts.stdout && !opts.stderr)
    throw errors.badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const target = ctx.podExec ? ctx.podExec(pod, container) : `container not found ("${container}")`;
  if (typeof target === 'string') return kubeletRefusal(target);
  if (target instanceof ApiError) throw target;
  ctx.engine.hop({
    from: 'kube-apiserver',
    to: `kubelet@${node}`,
    kind: 'http',
    summary: `POST /exec/${ri.namespace}/${name}/${container} (upgrade)`,
    object: podRef,
  });
  const session: ExecSession = {
    kind: 'exec',
    options: { ...opts, container },
    run: (stdin) => target.run(opts.command, opts.stdin ? (stdin ?? '') : undefined),
    exec: (argv, stdin) => target.run(argv, stdin),
    subscribe: (_onChunk, onEnd) => onEnd(),
    close: () => {},
  };
  return { status: 101, headers: {}, body: '', stream: session };
}

/** The Status the error channel (3) carries when the process ends (the kubelet's `remotecommand` server). */
export function exitStatus(outcome: ExecOutcome): Status {
  if (outcome.startError !== undefined) return errors.internal(outcome.startError).status;
  if (outcome.exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command terminated with exit code ${outcome.exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(outcome.exitCode) }] },
  };
}
