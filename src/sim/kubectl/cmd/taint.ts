import { isObj, KubectlError, type Json, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { dryRunOf, DRY_RUN_FLAG, patchObject, printOutcome } from '../mutate';
import { PRINT_FLAGS } from '../output';
import { goJson } from '../printers/json';
import { findObjects } from '../target';
import type { Command } from '../types';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface TaintSpec {
  key: string;
  value?: string;
  effect?: string;
}

/** taint.go's parseTaints: `key[=value]:Effect` to add, `key[:Effect]-` to remove. */
function parseTaintArgs(specs: string[]): { add: TaintSpec[]; remove: TaintSpec[] } {
  const add: TaintSpec[] = [];
  const remove: TaintSpec[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1);
      const [kv, effect] = body.split(':');
      const key = kv.split('=')[0];
      remove.push(effect ? { key, effect } : { key });
      continue;
    }
    const colon = s.lastIndexOf(':');
    if (colon < 0) throw new KubectlError(`invalid taint spec: ${s}, unknown taint spec: ${s}`);
    const effect = s.slice(colon + 1);
    const kv = s.slice(0, colon);
    if (!EFFECTS.includes(effect))
      throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const eq = kv.indexOf('=');
    add.push(eq >= 0 ? { key: kv.slice(0, eq), value: kv.slice(eq + 1), effect } : { key: kv, effect });
  }
  return { add, remove };
}

export const taintCommand: Command = {
  name: 'taint',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'field-manager', type: 'string' },
  ],
  async run(ctx) {
    const args = ctx.args;
    const taintStart = args.findIndex((a) => a.includes(':') || a.endsWith('-') || a.includes('='));
    if (args.length === 0 || taintStart < 0)
      throw new CommandUsageError('at least one taint update is required');
    const resources = args.slice(0, taintStart);
    const { add, remove } = parseTaintArgs(args.slice(taintStart));
    const dry = dryRunOf(ctx.flags);
    const { found, errors } = await findObjects(ctx, resources, {
      selector: ctx.flags.str('selector'),
      all: ctx.flags.bool('all'),
    });
    if (errors.length) throw errors[0];
    for (const n of found) {
      const spec = isObj(n.obj.spec) ? n.obj.spec : {};
      const old: JsonObj[] = Array.isArray(spec.taints) ? spec.taints.filter(isObj) : [];
      let next = [...old];
      let op = 'tainted';
      for (const t of add) {
        const same = next.findIndex((x) => x.key === t.key && x.effect === t.effect);
        if (same >= 0) {
          if (!ctx.flags.bool('overwrite'))
            throw new KubectlError(
              `node ${n.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`,
            );
          op = 'modified';
          const entry: JsonObj = { effect: t.effect ?? '', key: t.key };
          if (t.value) entry.value = t.value;
          next[same] = entry;
        } else {
          const entry: JsonObj = { effect: t.effect ?? '', key: t.key };
          if (t.value) entry.value = t.value;
          next.push(entry);
        }
      }
      for (const t of remove) {
        const before = next.length;
        next = next.filter((x) => !(x.key === t.key && (!t.effect || x.effect === t.effect)));
        if (next.length === before)
          throw new KubectlError(`taint "${t.key}${t.effect ? ':' + t.effect : ''}" not found`);
        op = add.length ? 'modified' : 'untainted';
      }
      const patch = goJson({ spec: { taints: next.length ? (next as Json[]) : null } }, '');
      const result =
        dry === 'client'
          ? n.obj
          : await patchObject(ctx, n.mapping, '', n.name, patch, 'merge', 'kubectl-taint');
      printOutcome(ctx, n.mapping, result, op, dry);
    }
  },
};
