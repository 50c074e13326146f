import { isObj, KubectlError } from '../client';
import { CommandUsageError } from '../errors';
import { goQuote } from '../errors';
import type { Command } from '../types';

/**
 * `kubectl exec POD [-c C] -- CMD…`. A real kubectl upgrades the connection (SPDY/WebSocket) to
 * stream stdin/stdout; KubeSim's API answers the same `pods/<name>/exec` request with one JSON
 * document `{stdout, stderr, exitCode}` once the command has run, so -i/-t are not interactive.
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
    const query = new Map<string, string>();
    query.set('container', container);
    query.set('stdout', 'true');
    query.set('stderr', 'true');
    const q: Record<string, string> = Object.fromEntries(query);
    const res = await ctx.client.raw(
      `/api/v1/namespaces/${ctx.namespace}/pods/${String((podObj.metadata as { name?: string }).name)}/exec`,
      {
        method: 'POST',
        query: { ...q, command: command.join('\u0000') },
        body: JSON.stringify({ command, container, stdin: ctx.stdin }),
      },
    );
    if (res.status >= 300) {
      let msg = res.body;
      try {
        const s = JSON.parse(res.body) as { message?: string };
        msg = s.message ?? msg;
      } catch {
        // a plain-text error body is printed as it came
      }
      throw new KubectlError(msg || `exec is not available (HTTP ${res.status})`);
    }
    const out = JSON.parse(res.body) as { stdout?: string; stderr?: string; exitCode?: number };
    ctx.out(out.stdout ?? '');
    ctx.err(out.stderr ?? '');
    const code = out.exitCode ?? 0;
    if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
    return code;
  },
};
