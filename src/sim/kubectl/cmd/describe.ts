import { ApiError, isObj, KubectlError, type JsonObj, type Mapping } from '../client';
import {
  describeConfigMap,
  describeDeployment,
  describeEndpoints,
  describeNamespace,
  describeNode,
  describePod,
  describeReplicaSet,
  describeService,
  type Related,
} from '../describe/describers';
import { AggregateError } from '../errors';
import { FILENAME_FLAGS } from '../mutate';
import { metaName, metaNamespace, objectPath, targetsFromArgs, manifestObjects } from '../resource';
import type { Command, Ctx } from '../types';
import { listItems } from './get';

async function list(
  ctx: Ctx,
  resource: string,
  namespace: string,
  query: Record<string, string> = {},
): Promise<JsonObj[]> {
  const m = await ctx.client.mapping(resource);
  try {
    return listItems(await ctx.client.json(objectPath(m, namespace), { query }), m);
  } catch {
    return [];
  }
}

/** searchEvents: the events whose involvedObject is this object. */
async function eventsFor(ctx: Ctx, o: JsonObj, m: Mapping): Promise<JsonObj[]> {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
  const base = [
    `involvedObject.name=${String(meta.name ?? '')}`,
    `involvedObject.namespace=${ns}`,
    `involvedObject.kind=${m.kind}`,
  ];
  const all = await list(ctx, 'events', ns, {
    fieldSelector: [...base, `involvedObject.uid=${String(meta.uid ?? '')}`].join(','),
    limit: '500',
  });
  // Nodes get a second search: the kubelet puts the node's name where the uid belongs.
  if (m.kind === 'Node')
    all.push(
      ...(await list(ctx, 'events', ns, {
        fieldSelector: [...base, `involvedObject.uid=${String(meta.name ?? '')}`].join(','),
        limit: '500',
      })),
    );
  // The field selector may be served only in part; keep exactly this object's events.
  return all.filter((e) => {
    const io = isObj(e.involvedObject) ? e.involvedObject : {};
    // The kubelet names a node by its name in the uid field; the node controller by its uid.
    return (
      io.name === meta.name && io.kind === m.kind && (!io.uid || io.uid === meta.uid || io.uid === meta.name)
    );
  });
}

async function describeOne(ctx: Ctx, m: Mapping, o: JsonObj, showEvents: boolean): Promise<string> {
  const r: Related = { nowMs: ctx.now() };
  const ns = metaNamespace(o);
  if (showEvents && m.kind !== 'Namespace') r.events = await eventsFor(ctx, o, m);
  switch (m.kind) {
    case 'Pod':
      return describePod(o, r);
    case 'Deployment':
      r.replicaSets = await list(ctx, 'replicasets.apps', ns);
      return describeDeployment(o, r);
    case 'ReplicaSet': {
      const uid = isObj(o.metadata) ? o.metadata.uid : undefined;
      r.pods = (await list(ctx, 'pods', ns)).filter((p) =>
        (isObj(p.metadata) && Array.isArray(p.metadata.ownerReferences)
          ? p.metadata.ownerReferences
          : []
        ).some((ref) => isObj(ref) && ref.uid === uid),
      );
      return describeReplicaSet(o, r);
    }
    case 'Service':
      r.endpointSlices = await list(ctx, 'endpointslices.discovery.k8s.io', ns, {
        labelSelector: `kubernetes.io/service-name=${metaName(o)}`,
      });
      return describeService(o, r);
    case 'Namespace':
      return describeNamespace(o);
    case 'Endpoints':
      return describeEndpoints(o, r);
    case 'ConfigMap':
      return describeConfigMap(o, r);
    case 'Node': {
      r.pods = await list(ctx, 'pods', '', { fieldSelector: `spec.nodeName=${metaName(o)}` });
      const leases = await list(ctx, 'leases.coordination.k8s.io', 'kube-node-lease', {
        fieldSelector: `metadata.name=${metaName(o)}`,
      });
      r.lease = leases.find((l) => metaName(l) === metaName(o));
      return describeNode(o, r);
    }
  }
  throw new KubectlError(`no description has been implemented for ${m.kind}`);
}

export const describeCommand: Command = {
  name: 'describe',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  async run(ctx) {
    const f = ctx.flags;
    if (ctx.args.length === 0 && f.list('filename').length === 0)
      throw new KubectlError(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    const items: { m: Mapping; o: JsonObj }[] = [];
    const errs: Error[] = [];
    if (f.list('filename').length) {
      for (const mo of await manifestObjects(ctx, f.list('filename'))) {
        try {
          items.push({
            m: mo.mapping,
            o: await ctx.client.json(objectPath(mo.mapping, mo.namespace, mo.name)),
          });
        } catch (e) {
          errs.push(e as Error);
        }
      }
    } else {
      for (const t of await targetsFromArgs(ctx, ctx.args)) {
        const ns = f.bool('all-namespaces') ? '' : ctx.namespace;
        if (t.name !== undefined) {
          try {
            items.push({
              m: t.mapping,
              o: await ctx.client.json(objectPath(t.mapping, ctx.namespace, t.name)),
            });
          } catch (e) {
            if (!(e instanceof ApiError && e.status.reason === 'NotFound')) throw e;
            // describe falls back to every object whose name starts with the argument.
            const all = listItems(await ctx.client.json(objectPath(t.mapping, ns)), t.mapping).filter((o) =>
              metaName(o).startsWith(t.name ?? ''),
            );
            if (all.length === 0) errs.push(e);
            for (const o of all) items.push({ m: t.mapping, o });
          }
          continue;
        }
        const query: Record<string, string> = {};
        if (f.str('selector')) query.labelSelector = f.str('selector');
        for (const o of listItems(await ctx.client.json(objectPath(t.mapping, ns), { query }), t.mapping))
          items.push({ m: t.mapping, o });
      }
      if (items.length === 0 && errs.length === 0) {
        ctx.err(
          f.bool('all-namespaces')
            ? 'No resources found\n'
            : `No resources found in ${ctx.namespace} namespace.\n`,
        );
        return 0;
      }
    }
    let first = true;
    for (const { m, o } of items) {
      try {
        const s = await describeOne(ctx, m, o, f.bool('show-events'));
        ctx.out(first ? s : `\n\n${s}`);
        first = false;
      } catch (e) {
        errs.push(e as Error);
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
  },
};
