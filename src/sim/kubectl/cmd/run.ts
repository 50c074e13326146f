import { KubectlError, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { createObject, dryRunOf, printOutcome, VALIDATE_FLAG, WRITE_FLAGS } from '../mutate';
import { TYPED } from '../output';
import { requiredFlagMessage } from '../klog';
import type { Command } from '../types';

/** The Pod `kubectl run` builds (generate/versioned/run.go), with Go's empty fields kept. */
export function podFor(
  name: string,
  image: string,
  opts: {
    restart: string;
    labels?: Record<string, string>;
    port?: number;
    env: string[];
    args: string[];
    command: boolean;
  },
): JsonObj {
  // Keys in Go struct field order: kubectl's -o json of a client dry run prints them so.
  const container: JsonObj = { name, image };
  if (opts.args.length) container[opts.command ? 'command' : 'args'] = opts.args;
  if (opts.port !== undefined && opts.port >= 0) container.ports = [{ containerPort: opts.port }];
  if (opts.env.length)
    container.env = opts.env.map((e) => {
      const i = e.indexOf('=');
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
  container.resources = {};
  const obj: JsonObj = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels: opts.labels ?? { run: name } },
    spec: { containers: [container], restartPolicy: opts.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  TYPED.add(obj);
  return obj;
}

export const runCommand: Command = {
  name: 'run',
  flags: [
    ...WRITE_FLAGS,
    VALIDATE_FLAG,
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'port', type: 'int', default: -1 },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'command', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'overrides', type: 'string' },
    { name: 'privileged', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    if (ctx.args.length === 0) throw new CommandUsageError('NAME is required for run');
    if (!f.str('image')) throw new KubectlError(requiredFlagMessage('image', ctx.now()), 1, true);
    const restart = f.str('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart))
      throw new KubectlError(`invalid restart policy: ${restart}`);
    if (f.bool('stdin') || f.bool('tty') || f.bool('attach'))
      throw new KubectlError(
        'interactive run (-i, -t, --attach) is not available in KubeSim; run the pod, then use "kubectl logs" or "kubectl exec"',
      );
    const name = ctx.args[0];
    let labels: Record<string, string> | undefined;
    if (f.str('labels')) {
      labels = {};
      for (const kv of f.str('labels').split(',')) {
        const i = kv.indexOf('=');
        if (i <= 0) throw new KubectlError(`invalid label spec: ${kv}`);
        labels[kv.slice(0, i)] = kv.slice(i + 1);
      }
    }
    const args = ctx.argsLenAtDash >= 0 ? ctx.args.slice(ctx.argsLenAtDash) : ctx.args.slice(1);
    const pod = podFor(name, f.str('image'), {
      restart,
      labels,
      port: f.int('port'),
      env: f.list('env'),
      args,
      command: f.bool('command'),
    });
    if (f.str('image-pull-policy'))
      ((pod.spec as JsonObj).containers as JsonObj[])[0].imagePullPolicy = f.str('image-pull-policy');
    const dry = dryRunOf(f);
    const m = await ctx.client.mapping('pods');
    const out = dry === 'client' ? pod : await createObject(ctx, m, ctx.namespace, pod);
    printOutcome(ctx, m, out, 'created', dry);
  },
};
