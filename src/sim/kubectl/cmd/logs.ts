import { ApiError, isObj, KubectlError, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { metaName, objectPath, targetsFromArgs } from '../resource';
import type { Command, Ctx } from '../types';
import { listItems } from './get';

const USAGE = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
POD or TYPE/NAME is a required argument for the logs command`;

/** The pod `logs TYPE/NAME` reads: the object itself, or the first pod its selector matches. */
async function podFor(ctx: Ctx, arg: string): Promise<string> {
  if (!arg.includes('/')) return arg;
  const [t] = await targetsFromArgs(ctx, [arg]);
  if (t.mapping.kind === 'Pod') return t.name ?? '';
  const o = await ctx.client.json(objectPath(t.mapping, ctx.namespace, t.name));
  const spec = isObj(o.spec) ? o.spec : {};
  const sel = isObj(spec.selector)
    ? isObj(spec.selector.matchLabels)
      ? spec.selector.matchLabels
      : spec.selector
    : {};
  const labelSelector = Object.entries(sel)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
  const podsMapping = await ctx.client.mapping('pods');
  const pods = listItems(
    await ctx.client.json(objectPath(podsMapping, ctx.namespace), { query: { labelSelector } }),
    podsMapping,
  );
  if (pods.length === 0) throw new KubectlError(`timed out waiting for the condition`);
  const sorted = [...pods].sort((a, b) => (metaName(a) < metaName(b) ? -1 : 1));
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${metaName(sorted[0])}\n`);
  return metaName(sorted[0]);
}

export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'container', short: 'c', type: 'string' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'since-time', type: 'string' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    if (ctx.args.length === 0) throw new CommandUsageError(USAGE);
    if (ctx.args.length > 2) throw new CommandUsageError(USAGE);
    const pod = await podFor(ctx, ctx.args[0]);
    try {
      await ctx.client.json(`/api/v1/namespaces/${ctx.namespace}/pods/${pod}`);
    } catch (e) {
      if (e instanceof ApiError && e.status.reason === 'NotFound')
        throw new KubectlError(
          `error from server (NotFound): pods "${pod}" not found in namespace "${ctx.namespace}"`,
        );
      throw e;
    }
    const container = f.str('container') || ctx.args[1] || undefined;
    const query: Record<string, string | undefined> = { container };
    if (f.bool('previous')) query.previous = 'true';
    if (f.bool('timestamps')) query.timestamps = 'true';
    if (f.int('tail') >= 0) query.tailLines = String(f.int('tail'));
    if (f.int('limit-bytes') > 0) query.limitBytes = String(f.int('limit-bytes'));
    if (f.bool('follow')) query.follow = 'true';
    const res = await ctx.client.raw(`/api/v1/namespaces/${ctx.namespace}/pods/${pod}/log`, {
      query,
      accept: 'application/json, */*',
    });
    if (res.status >= 300) {
      await ctx.client.json(`/api/v1/namespaces/${ctx.namespace}/pods/${pod}/log`, { query });
      return 1;
    }
    if (res.body) ctx.out(res.body);
    const stream = res.stream;
    if (!stream) return 0;
    await new Promise<void>((resolve) => {
      const stop = () => {
        stream.close();
        resolve();
      };
      if (!ctx.signal) return stop();
      if (ctx.signal.aborted) return stop();
      ctx.signal.addEventListener('abort', stop, { once: true });
      stream.subscribe(
        (chunk) => ctx.out(chunk),
        () => resolve(),
      );
    });
    return 0;
  },
};
export type { JsonObj };
