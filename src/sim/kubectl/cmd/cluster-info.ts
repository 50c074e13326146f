import { isObj } from '../client';
import { listItems } from './get';
import type { Command } from '../types';

/** `kubectl cluster-info`: the control plane URL and the kube-system cluster services. */
export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  async run(ctx) {
    // kubectl colours these only when stdout is a terminal.
    const [GREEN, YELLOW, RESET] = ctx.tty ? ['\x1b[0;32m', '\x1b[0;33m', '\x1b[0m'] : ['', '', ''];
    const server = ctx.kubeconfig.server;
    ctx.out(`${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${server}${RESET}\n`);
    const m = await ctx.client.mapping('services');
    const list = await ctx.client.json('/api/v1/namespaces/kube-system/services', {
      query: { labelSelector: 'kubernetes.io/cluster-service=true' },
    });
    for (const svc of listItems(list, m)) {
      const meta = isObj(svc.metadata) ? svc.metadata : {};
      const labels = isObj(meta.labels) ? meta.labels : {};
      const name = String(labels['kubernetes.io/name'] ?? meta.name ?? '');
      const spec = isObj(svc.spec) ? svc.spec : {};
      const port = Array.isArray(spec.ports) && isObj(spec.ports[0]) ? spec.ports[0] : {};
      const portName = typeof port.name === 'string' && port.name ? port.name : String(port.port ?? '');
      const link = `${server}/api/v1/namespaces/kube-system/services/${String(meta.name)}:${portName}/proxy`;
      ctx.out(`${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`);
    }
    ctx.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};
