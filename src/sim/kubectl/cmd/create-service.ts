import { KubectlError, type Json, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { createObject, dryRunOf, printOutcome, VALIDATE_FLAG, WRITE_FLAGS } from '../mutate';
import { TYPED } from '../output';
import type { Command } from '../types';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** The Service `kubectl create service <type>` builds (create_service.go). */
export function serviceFor(
  name: string,
  type: ServiceType,
  tcp: string[],
  opts: { clusterIP?: string; nodePort?: number; externalName?: string },
): JsonObj {
  // Keys in Go struct field order: kubectl's -o json of a client dry run prints them so.
  const ports: Json[] = tcp.map((spec) => {
    const [p, t] = spec.split(':');
    const port = Number(p);
    if (!/^\d+$/.test(p)) throw new KubectlError(`strconv.Atoi: parsing "${p}": invalid syntax`);
    const target = t === undefined ? port : /^\d+$/.test(t) ? Number(t) : t;
    const entry: JsonObj = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort: target };
    if (opts.nodePort) entry.nodePort = opts.nodePort;
    return entry;
  });
  const spec: JsonObj = {};
  if (type !== 'ExternalName') {
    spec.ports = ports;
    spec.selector = { app: name };
  }
  if (opts.clusterIP) spec.clusterIP = opts.clusterIP;
  spec.type = type;
  if (type === 'ExternalName') spec.externalName = opts.externalName ?? '';
  const obj: JsonObj = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels: { app: name } },
    spec,
    status: { loadBalancer: {} },
  };
  TYPED.add(obj);
  return obj;
}

function serviceSub(name: string, type: ServiceType): Command {
  const flags = [
    ...WRITE_FLAGS,
    VALIDATE_FLAG,
    { name: 'tcp', type: 'stringSlice' as const },
    { name: 'save-config', type: 'bool' as const },
  ];
  if (type === 'ClusterIP') flags.push({ name: 'clusterip', type: 'string' });
  if (type === 'NodePort') flags.push({ name: 'node-port', type: 'int' });
  if (type === 'ExternalName') flags.push({ name: 'external-name', type: 'string' });
  return {
    name,
    flags,
    async run(ctx) {
      if (ctx.args.length !== 1)
        throw new CommandUsageError(`exactly one NAME is required, got ${ctx.args.length}`);
      const tcp = ctx.flags.list('tcp');
      if (type !== 'ExternalName' && tcp.length === 0 && ctx.flags.str('clusterip') !== 'None')
        throw new KubectlError('at least one tcp port specifier must be provided');
      const obj = serviceFor(ctx.args[0], type, tcp, {
        clusterIP: ctx.flags.str('clusterip') || undefined,
        nodePort: ctx.flags.int('node-port') || undefined,
        externalName: ctx.flags.str('external-name') || undefined,
      });
      const dry = dryRunOf(ctx.flags);
      const m = await ctx.client.mapping('services');
      const out =
        dry === 'client'
          ? obj
          : await createObject(ctx, m, ctx.namespace, obj).catch((e: Error) => {
              throw new KubectlError(`failed to create ${type} service: ${e.message}`);
            });
      printOutcome(ctx, m, out, 'created', dry);
    },
  };
}

export const createServiceCommand: Command = {
  name: 'service',
  aliases: ['svc'],
  subcommands: [
    serviceSub('clusterip', 'ClusterIP'),
    serviceSub('nodeport', 'NodePort'),
    serviceSub('loadbalancer', 'LoadBalancer'),
    serviceSub('externalname', 'ExternalName'),
  ],
  help: 'Create a service using a specified subcommand.\n',
};
