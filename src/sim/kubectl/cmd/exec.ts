import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError, isObj, KubectlError } from '../client';
import { CommandUsageError } from '../errors';
import { goQuote } from '../errors';
import type { Command } from '../types';

interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  startError?: string;
}

/**
 * `kubectl exec POD [-c C] -- CMD…`. The request is a real kubectl's; where the transport carries no
 * WebSocket (the browser terminal, in-process), it returns the apiserver's exec session, which runs
 * the command with all of stdin at once — so -i/-t are not interactive here.
 */
export const execCommand: Command = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  async run(ctx) {
    if (ctx.args.length === 0) throw new KubectlError('pod, type/name or --filename must be specified');
    const dash = ctx.argsLenAtDash;
    const pod = ctx.args[0];
    const command = dash >= 0 ? ctx.args.slice(dash) : ctx.args.slice(1);
    if (dash < 0 && command.length)
      throw new KubectlError(
        `exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead`,
      );
    if (command.length === 0)
      throw new CommandUsageError('you must specify at least one command for the container');
    const podObj = await ctx.client.json(
      `/api/v1/namespaces/${ctx.namespace}/pods/${pod.replace(/^pods?\//, '')}`,
    );
    const spec = isObj(podObj.spec) ? podObj.spec : {};
    const containers = (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj);
    let container = ctx.flags.str('container');
    if (!container) {
      container = String(containers[0]?.name ?? '');
      if (containers.length > 1 && !ctx.flags.bool('quiet'))
        ctx.err(
          `Defaulted container ${goQuote(container)} out of: ${containers.map((c) => String(c.name)).join(', ')}\n`,
        );
    }
    const status = isObj(podObj.status) ? podObj.status : {};
    if (status.phase === 'Succeeded' || status.phase === 'Failed')
      throw new KubectlError(
        `cannot exec into a container in a completed pod; current phase is ${String(status.phase)}`,
      );
    const stdin = ctx.flags.bool('stdin') && ctx.stdin !== undefined;
    // The request a real kubectl makes; it then upgrades to WebSocket (v5.channel.k8s.io). A
    // transport that carries no WebSocket (the browser's, in-process) hands back the exec session.
    const res = await ctx.client.raw(
      `/api/v1/namespaces/${ctx.namespace}/pods/${String((podObj.metadata as { name?: string }).name)}/exec`,
      {
        method: 'POST',
        query: { command, container, stdin: stdin ? 'true' : undefined, stdout: 'true', stderr: 'true' },
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-protocol': 'v5.channel.k8s.io',
        },
      },
    );
    const session = res.stream as
      | (typeof res.stream & {
          /** The apiserver's session runs at once; a remote transport's (the browser's) answers later. */
          run?: (stdin: string | undefined) => ExecOutcome | Promise<ExecOutcome>;
        })
      | undefined;
    if (res.status !== 101 || !session?.run) {
      let status: unknown;
      try {
        status = JSON.parse(res.body);
      } catch {
        status = undefined;
      }
      if (isObj(status) && status.kind === 'Status') throw new ApiError(status as Status);
      // The kubelet refuses before the upgrade in plain text; kubectl reports the failed upgrade.
      throw new KubectlError(`unable to upgrade connection: ${res.body.trim() || `HTTP ${res.status}`}`);
    }
    const out = await session.run(stdin ? ctx.stdin : undefined);
    if (out.startError)
      throw new KubectlError(
        `Internal error occurred: error executing command in container: ${out.startError}`,
      );
    ctx.out(out.stdout);
    ctx.err(out.stderr);
    const code = out.exitCode;
    if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
    return code;
  },
};
