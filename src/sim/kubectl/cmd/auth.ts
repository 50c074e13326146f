import { isObj, KubectlError } from '../client';
import { CommandUsageError } from '../errors';
import type { Command } from '../types';

/** `kubectl auth can-i VERB TYPE[/NAME]`: a SelfSubjectAccessReview; exit 0 for yes, 1 for no. */
const canI: Command = {
  name: 'can-i',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'list', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'subresource', type: 'string' },
  ],
  async run(ctx) {
    if (ctx.flags.bool('list')) throw new KubectlError('--list is not available in KubeSim');
    if (ctx.args.length < 2)
      throw new CommandUsageError(
        'you must specify two arguments: verb resource or verb resource/resourceName.',
      );
    const verb = ctx.args[0];
    let resourceArg = ctx.args[1];
    let name = ctx.args[2] ?? '';
    const attrs: Record<string, string> = { verb };
    if (resourceArg.startsWith('/')) {
      const spec = { nonResourceAttributes: { path: resourceArg, verb } };
      return review(spec);
    }
    if (resourceArg.includes('/')) [resourceArg, name] = resourceArg.split('/');
    const all = await ctx.client.discover();
    const m = all.find(
      (x) => x.resource === resourceArg || x.shortNames.includes(resourceArg) || x.singular === resourceArg,
    );
    if (!m) ctx.err(`Warning: the server doesn't have a resource type '${resourceArg}'\n\n`);
    attrs.resource = m?.resource ?? resourceArg;
    if (m?.group) attrs.group = m.group;
    if (name) attrs.name = name;
    if (ctx.flags.str('subresource')) attrs.subresource = ctx.flags.str('subresource');
    if (!ctx.flags.bool('all-namespaces') && (m?.namespaced ?? true)) attrs.namespace = ctx.namespace;
    else if (m && !m.namespaced && !ctx.flags.bool('all-namespaces'))
      ctx.err(`Warning: resource '${m.resource}' is not namespace scoped\n\n`);
    return review({ resourceAttributes: attrs });

    async function review(spec: Record<string, unknown>): Promise<number> {
      const res = await ctx.client.json('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          metadata: { creationTimestamp: null },
          spec,
          status: { allowed: false },
        }),
      });
      const status = isObj(res.status) ? res.status : {};
      const allowed = status.allowed === true;
      if (!ctx.flags.bool('quiet')) ctx.out(allowed ? 'yes\n' : 'no\n');
      return allowed ? 0 : 1;
    }
  },
};

export const authCommand: Command = {
  name: 'auth',
  subcommands: [canI],
  help: 'Inspect authorization.\n',
};
