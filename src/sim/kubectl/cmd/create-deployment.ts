import { KubectlError, type Json, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { createObject, dryRunOf, printOutcome, VALIDATE_FLAG, WRITE_FLAGS } from '../mutate';
import { TYPED } from '../output';
import { requiredFlagMessage } from '../klog';
import type { Command } from '../types';

/** Container name from an image reference: last path part, without tag or digest (create_deployment.go). */
export function containerNameFor(image: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  return name.replace(/_/g, '-');
}

/** The Deployment `kubectl create deployment` builds, with the empty fields Go's encoder keeps. */
export function deploymentFor(
  name: string,
  images: string[],
  replicas: number,
  port: number,
  command: string[],
): JsonObj {
  const labels = { app: name };
  // Keys in Go struct field order: kubectl's -o json of a client dry run prints them so.
  const containers: Json[] = images.map((image, i) => {
    const c: JsonObj = { name: containerNameFor(image), image };
    if (command.length) c.command = command;
    if (port >= 0 && i === 0) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  const obj: JsonObj = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, creationTimestamp: null, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  TYPED.add(obj);
  return obj;
}

export const createDeploymentCommand: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [
    ...WRITE_FLAGS,
    VALIDATE_FLAG,
    { name: 'image', type: 'stringSlice' },
    { name: 'replicas', short: 'r', type: 'int', default: 1 },
    { name: 'port', type: 'int', default: -1 },
    { name: 'save-config', type: 'bool' },
  ],
  async run(ctx) {
    const images = ctx.flags.list('image');
    if (ctx.args.length === 0) throw new CommandUsageError('exactly one NAME is required, got 0');
    if (ctx.args.length > 1 && ctx.argsLenAtDash !== 1)
      throw new CommandUsageError(`exactly one NAME is required, got ${ctx.args.length}`);
    if (images.length === 0) throw new KubectlError(requiredFlagMessage('image', ctx.now()), 1, true);
    const name = ctx.args[0];
    const command = ctx.argsLenAtDash >= 0 ? ctx.args.slice(ctx.argsLenAtDash) : [];
    const obj = deploymentFor(name, images, ctx.flags.int('replicas'), ctx.flags.int('port'), command);
    const dry = dryRunOf(ctx.flags);
    const m = await ctx.client.mapping('deployments.apps');
    const out =
      dry === 'client'
        ? obj
        : await createObject(ctx, m, ctx.namespace, obj).catch((e: Error) => {
            throw new KubectlError(`failed to create deployment: ${e.message}`);
          });
    printOutcome(ctx, m, out, 'created', dry);
  },
};
