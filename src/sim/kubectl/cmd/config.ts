import { KubectlError } from '../client';
import { toYaml } from '../printers/yaml';
import type { Command } from '../types';

/** `config view|current-context|get-contexts`, from the kubeconfig the terminal runs with. */
const view: Command = {
  name: 'view',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: 'yaml' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'merge', type: 'bool', default: true },
  ],
  async run(ctx) {
    const k = ctx.kubeconfig;
    const context: Record<string, string> = { cluster: k.clusterName, user: k.userName };
    if (k.namespace) context.namespace = k.namespace;
    const doc = {
      apiVersion: 'v1',
      clusters: [
        { cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: k.server }, name: k.clusterName },
      ],
      contexts: [{ context, name: k.contextName }],
      'current-context': k.contextName,
      kind: 'Config',
      preferences: {},
      users: [{ name: k.userName, user: { token: 'REDACTED' } }],
    };
    ctx.out(toYaml(doc));
  },
};

const currentContext: Command = {
  name: 'current-context',
  async run(ctx) {
    if (!ctx.kubeconfig.contextName) throw new KubectlError('current-context is not set');
    ctx.out(`${ctx.kubeconfig.contextName}\n`);
  },
};

const getContexts: Command = {
  name: 'get-contexts',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
  ],
  async run(ctx) {
    const k = ctx.kubeconfig;
    if (ctx.flags.str('output') === 'name') {
      ctx.out(`${k.contextName}\n`);
      return;
    }
    const { TabWriter } = await import('../printers/tabwriter');
    const w = new TabWriter();
    if (!ctx.flags.bool('no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    w.write(`*\t${k.contextName}\t${k.clusterName}\t${k.userName}\t${k.namespace ?? ''}\n`);
    ctx.out(w.flush());
  },
};

export const configCommand: Command = {
  name: 'config',
  subcommands: [view, currentContext, getContexts],
  help: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n',
};
