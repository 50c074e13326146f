import { isObj, KubectlError, type Json, type JsonObj } from '../client';
import { AggregateError } from '../errors';
import { createObject, dryRunOf, FILENAME_FLAGS, printOutcome, VALIDATE_FLAG, WRITE_FLAGS } from '../mutate';
import { findObjects, requireSome } from '../target';
import { TYPED } from '../output';
import type { Command } from '../types';
import { podSpecOf } from './set-image';

/** The selector `expose` copies from the exposed object (polymorphichelpers.MapBasedSelectorForObject). */
function selectorOf(o: JsonObj): JsonObj | undefined {
  const meta = isObj(o.metadata) ? o.metadata : {};
  if (o.kind === 'Pod' || o.kind === 'Service') {
    if (o.kind === 'Service')
      return isObj((o.spec as JsonObj | undefined)?.selector)
        ? ((o.spec as JsonObj).selector as JsonObj)
        : undefined;
    return isObj(meta.labels) ? meta.labels : undefined;
  }
  const spec = isObj(o.spec) ? o.spec : {};
  const sel = isObj(spec.selector) ? spec.selector : undefined;
  if (sel && Array.isArray(sel.matchExpressions) && sel.matchExpressions.length)
    throw new KubectlError(
      `couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`,
    );
  return sel && isObj(sel.matchLabels) ? sel.matchLabels : undefined;
}

function portsOf(o: JsonObj): JsonObj[] {
  if (o.kind === 'Service')
    return Array.isArray((o.spec as JsonObj).ports) ? ((o.spec as JsonObj).ports as JsonObj[]) : [];
  const spec = podSpecOf(o);
  const out: JsonObj[] = [];
  for (const c of Array.isArray(spec?.containers) ? spec.containers.filter(isObj) : [])
    for (const p of Array.isArray(c.ports) ? c.ports.filter(isObj) : []) out.push(p);
  return out;
}

export const exposeCommand: Command = {
  name: 'expose',
  flags: [
    ...WRITE_FLAGS,
    ...FILENAME_FLAGS,
    VALIDATE_FLAG,
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'overrides', type: 'string' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    requireSome(ctx.args, f.list('filename'));
    const dry = dryRunOf(f);
    const { found, errors } = await findObjects(ctx, ctx.args, { filenames: f.list('filename') });
    const errs = [...errors];
    const svcMapping = await ctx.client.mapping('services');
    for (const o of found) {
      try {
        if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(o.mapping.kind))
          throw new KubectlError(`cannot expose a ${o.mapping.kind}`);
        const selector = f.str('selector')
          ? Object.fromEntries(
              f
                .str('selector')
                .split(',')
                .map((kv) => kv.split('=') as [string, string]),
            )
          : selectorOf(o.obj);
        if (!selector)
          throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection`);
        let ports: JsonObj[];
        const protocol = f.str('protocol') || 'TCP';
        if (f.str('port')) {
          ports = f
            .str('port')
            .split(',')
            .map((p) => ({ port: Number(p), protocol }));
        } else {
          const found = portsOf(o.obj);
          if (found.length === 0)
            throw new KubectlError(`couldn't find port via --port flag or introspection`);
          ports = found.map((p) => ({
            port: Number(o.mapping.kind === 'Service' ? p.port : p.containerPort),
            protocol: String(p.protocol ?? 'TCP'),
          }));
        }
        ports.forEach((p, i) => {
          if (ports.length > 1) p.name = `port-${i + 1}`;
          const tp = f.str('target-port');
          if (tp) p.targetPort = /^\d+$/.test(tp) ? Number(tp) : tp;
          else p.targetPort = p.port as Json;
        });
        const ordered = ports.map((p) => {
          const q: JsonObj = {};
          if (p.name) q.name = p.name;
          q.protocol = p.protocol;
          q.port = p.port;
          q.targetPort = p.targetPort;
          return q;
        });
        const meta = isObj(o.obj.metadata) ? o.obj.metadata : {};
        const name = f.str('name') || o.name;
        const svcMeta: JsonObj = { name, creationTimestamp: null };
        if (f.str('labels'))
          svcMeta.labels = Object.fromEntries(
            f
              .str('labels')
              .split(',')
              .map((kv) => kv.split('=') as [string, string]),
          );
        else if (isObj(meta.labels)) svcMeta.labels = meta.labels;
        const spec: JsonObj = { ports: ordered, selector };
        if (f.str('cluster-ip')) spec.clusterIP = f.str('cluster-ip');
        if (f.str('type')) spec.type = f.str('type');
        if (f.str('external-ip')) spec.externalIPs = [f.str('external-ip')];
        if (f.str('session-affinity')) spec.sessionAffinity = f.str('session-affinity');
        const svc: JsonObj = {
          kind: 'Service',
          apiVersion: 'v1',
          metadata: svcMeta,
          spec,
          status: { loadBalancer: {} },
        };
        TYPED.add(svc);
        const out = dry === 'client' ? svc : await createObject(ctx, svcMapping, o.namespace, svc);
        printOutcome(ctx, svcMapping, out, 'exposed', dry);
      } catch (e) {
        errs.push(e as Error);
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
  },
};
