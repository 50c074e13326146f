import { ApiError, isObj, KubectlError, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { dryRunOf, DRY_RUN_FLAG } from '../mutate';
import { metaName, metaNamespace } from '../resource';
import type { Command, Ctx } from '../types';
import { setUnschedulable } from './cordon';
import { listItems } from './get';

/** drain.go's pod filters, in its order; each yields a delete / skip decision with its message. */
function classify(pod: JsonObj, f: Ctx['flags']): { del: boolean; warn?: string; error?: string } {
  const meta = isObj(pod.metadata) ? pod.metadata : {};
  const annots = isObj(meta.annotations) ? meta.annotations : {};
  const owners = (Array.isArray(meta.ownerReferences) ? meta.ownerReferences : []).filter(isObj);
  const ctl = owners.find((o) => o.controller === true);
  const phase = isObj(pod.status) ? pod.status.phase : undefined;
  if (annots['kubernetes.io/config.mirror']) return { del: false };
  if (phase === 'Succeeded' || phase === 'Failed') return { del: true };
  if (ctl?.kind === 'DaemonSet') {
    if (!f.bool('ignore-daemonsets'))
      return {
        del: false,
        error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
      };
    return { del: false, warn: 'ignoring DaemonSet-managed Pods' };
  }
  if (!ctl && !f.bool('force'))
    return {
      del: false,
      error: 'cannot delete Pods that declare no controller (use --force to override)',
    };
  const spec = isObj(pod.spec) ? pod.spec : {};
  const emptyDir = (Array.isArray(spec.volumes) ? spec.volumes : []).some(
    (v) => isObj(v) && v.emptyDir !== undefined,
  );
  if (emptyDir && !f.bool('delete-emptydir-data'))
    return {
      del: false,
      error: 'Pods with local storage (use --delete-emptydir-data to override)',
    };
  return { del: true, warn: !ctl ? 'deleting Pods that declare no controller' : undefined };
}

export const drainCommand: Command = {
  name: 'drain',
  flags: [
    DRY_RUN_FLAG,
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'skip-wait-for-delete-timeout', type: 'int' },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  async run(ctx) {
    if (ctx.args.length !== 1) throw new CommandUsageError('USAGE: drain NODE [flags]');
    const node = ctx.args[0];
    await setUnschedulable(ctx, true, 'drain');
    const dry = dryRunOf(ctx.flags);
    const podsMapping = await ctx.client.mapping('pods');
    const query: Record<string, string> = { fieldSelector: `spec.nodeName=${node}` };
    if (ctx.flags.str('pod-selector')) query.labelSelector = ctx.flags.str('pod-selector');
    const pods = listItems(await ctx.client.json('/api/v1/pods', { query }), podsMapping);
    const errors = new Map<string, string[]>();
    const warnings = new Map<string, string[]>();
    const victims: JsonObj[] = [];
    for (const p of pods) {
      const c = classify(p, ctx.flags);
      const id = `${metaNamespace(p)}/${metaName(p)}`;
      if (c.error) errors.set(c.error, [...(errors.get(c.error) ?? []), id]);
      else if (c.warn) warnings.set(c.warn, [...(warnings.get(c.warn) ?? []), id]);
      if (c.del && !c.error) victims.push(p);
    }
    if (errors.size) {
      // drain.go prefixes every filter message with "cannot delete " (doubling it for unreplicated pods).
      const lines = [...errors].map(([k, v]) => `cannot delete ${k}: ${v.join(', ')}`);
      const agg = lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
      ctx.err(
        `error: unable to drain node "${node}" due to error: ${agg}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n`,
      );
      throw new KubectlError(lines.join('\n'), 1, true);
    }
    for (const [k, v] of warnings) ctx.err(`Warning: ${k}: ${v.join(', ')}\n`);
    for (const p of victims) {
      const ns = metaNamespace(p);
      const name = metaName(p);
      if (dry !== 'client') {
        ctx.out(`evicting pod ${ns}/${name}\n`);
        const body = JSON.stringify({
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name, namespace: ns },
        });
        try {
          if (ctx.flags.bool('disable-eviction')) throw new ApiError({ reason: 'NotFound' });
          await ctx.client.json(`/api/v1/namespaces/${ns}/pods/${name}/eviction`, { method: 'POST', body });
        } catch (e) {
          if (!(e instanceof ApiError) || (e.status.code ?? 404) === 429) throw e;
          // No eviction subresource: drain falls back to deleting the pod.
          await ctx.client
            .json(`/api/v1/namespaces/${ns}/pods/${name}`, { method: 'DELETE', body: '{}' })
            .catch(() => undefined);
        }
      }
      ctx.out(`pod/${name} ${dry === 'none' ? 'evicted' : 'evicted (dry run)'}\n`);
    }
    ctx.out(
      `node/${node} drained${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`,
    );
  },
};
