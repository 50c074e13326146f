import { ApiError, isObj, KubectlError, type Json, type JsonObj, type Mapping } from '../client';
import { AggregateError, CommandUsageError, goQuote } from '../errors';
import {
  dryRunOf,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAGS,
  patchObject,
  printOutcome,
} from '../mutate';
import { PRINT_FLAGS } from '../output';
import { goJson } from '../printers/json';
import { TabWriter } from '../printers/tabwriter';
import { kindSlashName, objectPath } from '../resource';
import { findObjects, type Found } from '../target';
import type { Command, Ctx } from '../types';
import { listItems } from './get';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** Annotations rollback leaves alone (deployment util's annotationsToSkip). */
const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function num(v: Json | undefined): number {
  return typeof v === 'number' ? v : 0;
}
function obj(v: Json | undefined): JsonObj {
  return isObj(v) ? v : {};
}

async function targets(ctx: Ctx): Promise<Found[]> {
  if (ctx.args.length === 0 && ctx.flags.list('filename').length === 0)
    throw new KubectlError(`required resource not specified`);
  const { found, errors } = await findObjects(ctx, ctx.args, {
    selector: ctx.flags.str('selector'),
    filenames: ctx.flags.list('filename'),
  });
  if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  return found;
}

/** The deployment's ReplicaSets (owned by it), with their revision numbers. */
async function replicaSetsOf(ctx: Ctx, d: Found): Promise<{ rs: JsonObj; revision: number }[]> {
  const rsMapping = await ctx.client.mapping('replicasets.apps');
  const uid = obj(d.obj.metadata).uid;
  const list = await ctx.client.json(objectPath(rsMapping, d.namespace));
  return listItems(list, rsMapping)
    .filter((rs) => {
      const owners = obj(rs.metadata).ownerReferences;
      return Array.isArray(owners) && owners.some((o) => isObj(o) && o.uid === uid && o.controller === true);
    })
    .map((rs) => ({ rs, revision: Number(obj(obj(rs.metadata).annotations)[REVISION] ?? 0) }))
    .sort((a, b) => a.revision - b.revision);
}

/** deploymentStatusViewer.Status from rollout_status.go. */
export function deploymentStatus(
  d: JsonObj,
  name: string,
): { message: string; done: boolean; error?: string } {
  const meta = obj(d.metadata);
  const spec = obj(d.spec);
  const status = obj(d.status);
  if (num(meta.generation) <= num(status.observedGeneration)) {
    const conds = Array.isArray(status.conditions) ? status.conditions.filter(isObj) : [];
    const progressing = conds.find((c) => c.type === 'Progressing');
    if (progressing && progressing.reason === 'ProgressDeadlineExceeded')
      return {
        message: '',
        done: false,
        error: `deployment ${goQuote(name)} exceeded its progress deadline`,
      };
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const updated = num(status.updatedReplicas);
    const total = num(status.replicas);
    const available = num(status.availableReplicas);
    if (updated < replicas)
      return {
        message: `Waiting for deployment ${goQuote(name)} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
        done: false,
      };
    if (total > updated)
      return {
        message: `Waiting for deployment ${goQuote(name)} rollout to finish: ${total - updated} old replicas are pending termination...\n`,
        done: false,
      };
    if (available < updated)
      return {
        message: `Waiting for deployment ${goQuote(name)} rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    return { message: `deployment ${goQuote(name)} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}

function onlyDeployments(m: Mapping): void {
  if (m.kind !== 'Deployment' && m.kind !== 'DaemonSet')
    throw new KubectlError(`no status viewer has been implemented for ${m.kind}`);
}

const status: Command = {
  name: 'status',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'revision', type: 'int' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  async run(ctx) {
    const found = await targets(ctx);
    for (const d of found) {
      onlyDeployments(d.mapping);
      let last = '';
      let cur = d.obj;
      for (let i = 0; ; i++) {
        const s =
          d.mapping.kind === 'Deployment' ? deploymentStatus(cur, d.name) : daemonSetStatus(cur, d.name);
        if (s.error) throw new KubectlError(s.error);
        if (s.message !== last) ctx.out(s.message);
        last = s.message;
        if (s.done || !ctx.flags.bool('watch') || ctx.signal?.aborted || i > 100000) break;
        await ctx.sleep(200);
        cur = await ctx.client.json(objectPath(d.mapping, d.namespace, d.name));
      }
    }
  },
};

function daemonSetStatus(ds: JsonObj, name: string): { message: string; done: boolean; error?: string } {
  const meta = obj(ds.metadata);
  const st = obj(ds.status);
  if (num(meta.generation) > num(st.observedGeneration))
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = num(st.desiredNumberScheduled);
  if (num(st.updatedNumberScheduled) < desired)
    return {
      message: `Waiting for daemon set ${goQuote(name)} rollout to finish: ${num(st.updatedNumberScheduled)} out of ${desired} new pods have been updated...\n`,
      done: false,
    };
  if (num(st.numberAvailable) < desired)
    return {
      message: `Waiting for daemon set ${goQuote(name)} rollout to finish: ${num(st.numberAvailable)} of ${desired} updated pods are available...\n`,
      done: false,
    };
  return { message: `daemon set ${goQuote(name)} successfully rolled out\n`, done: true };
}

const history: Command = {
  name: 'history',
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    { name: 'revision', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  async run(ctx) {
    for (const d of await targets(ctx)) {
      if (d.mapping.kind !== 'Deployment')
        throw new KubectlError(`no history viewer has been implemented for ${d.mapping.kind}`);
      const sets = await replicaSetsOf(ctx, d);
      const rev = ctx.flags.int('revision');
      if (rev > 0) {
        const r = sets.find((s) => s.revision === rev);
        if (!r) throw new KubectlError(`unable to find the specified revision`);
        ctx.out(`${kindSlashName(d.mapping, d.name)} with revision #${rev}\n`);
        ctx.out(describeTemplate(obj(obj(r.rs.spec).template)));
        continue;
      }
      if (sets.length === 0) {
        ctx.out(`No rollout history found.\n`);
        continue;
      }
      ctx.out(`${kindSlashName(d.mapping, d.name)} \n`);
      const w = new TabWriter(0, 2);
      w.write('REVISION\tCHANGE-CAUSE\n');
      for (const s of sets) {
        const cause = obj(obj(s.rs.metadata).annotations)[CHANGE_CAUSE];
        w.write(`${s.revision}\t${typeof cause === 'string' && cause ? cause : '<none>'}\n`);
      }
      ctx.out(w.flush() + '\n');
    }
  },
};

/** A short text of a pod template (the rollout history --revision view). */
function describeTemplate(tpl: JsonObj): string {
  const meta = obj(tpl.metadata);
  const labels = obj(meta.labels);
  const spec = obj(tpl.spec);
  let s = 'Pod Template:\n';
  const keys = Object.keys(labels).sort();
  s += `  Labels:\t${keys.map((k) => `${k}=${String(labels[k])}`).join('\n  \t') || '<none>'}\n`;
  s += '  Containers:\n';
  for (const c of (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj)) {
    s += `   ${String(c.name)}:\n    Image:\t${String(c.image)}\n`;
  }
  const w = new TabWriter(0, 2);
  w.write(s);
  return w.flush() + '\n';
}

const undo: Command = {
  name: 'undo',
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    { name: 'to-revision', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  async run(ctx) {
    const dry = dryRunOf(ctx.flags);
    for (const d of await targets(ctx)) {
      if (d.mapping.kind !== 'Deployment')
        throw new KubectlError(`no rollbacker has been implemented for "${d.mapping.kind}"`);
      if (obj(d.obj.spec).paused === true)
        throw new KubectlError(
          `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
        );
      const sets = await replicaSetsOf(ctx, d);
      let to = ctx.flags.int('to-revision');
      if (to === 0) {
        if (sets.length < 2)
          throw new KubectlError(`no rollout history found for deployment ${goQuote(d.name)}`);
        to = sets[sets.length - 2].revision;
      }
      const target = sets.find((s) => s.revision === to);
      if (!target) throw new KubectlError(`unable to find specified revision ${to} in history`);
      const tpl = structuredClone(obj(obj(target.rs.spec).template));
      const tplMeta = obj(tpl.metadata);
      const labels = { ...obj(tplMeta.labels) };
      delete labels['pod-template-hash'];
      tplMeta.labels = labels;
      tpl.metadata = tplMeta;
      const current = obj(obj(d.obj.spec).template);
      if (goJson(tpl, '') === goJson(current, '')) {
        ctx.out(
          `${kindSlashName(d.mapping, d.name)} skipped rollback (current template already matches revision ${to})\n`,
        );
        continue;
      }
      const annotations: JsonObj = {};
      const dAnn = obj(obj(d.obj.metadata).annotations);
      for (const k of SKIP) if (k in dAnn) annotations[k] = dAnn[k];
      const rsAnn = obj(obj(target.rs.metadata).annotations);
      for (const [k, v] of Object.entries(rsAnn)) if (!SKIP.has(k)) annotations[k] = v;
      const patch = goJson(
        [
          { op: 'replace', path: '/spec/template', value: tpl },
          { op: 'replace', path: '/metadata/annotations', value: annotations },
        ],
        '',
      );
      if (dry !== 'client') {
        try {
          await patchObject(ctx, d.mapping, d.namespace, d.name, patch, 'json', 'kubectl-rollout');
        } catch (e) {
          throw new KubectlError(
            `failed restoring revision ${to}: ${e instanceof ApiError ? e.message : String(e)}`,
          );
        }
      }
      printOutcome(ctx, d.mapping, d.obj, 'rolled back', dry);
    }
  },
};

function simplePatch(name: string, verb: string, build: (d: Found, ctx: Ctx) => string | Error): Command {
  return {
    name,
    flags: [
      ...PRINT_FLAGS,
      ...FILENAME_FLAGS,
      DRY_RUN_FLAG,
      FIELD_MANAGER_FLAG,
      { name: 'selector', short: 'l', type: 'string' },
    ],
    async run(ctx) {
      const dry = dryRunOf(ctx.flags);
      const errs: Error[] = [];
      for (const d of await targets(ctx)) {
        const p = build(d, ctx);
        if (p instanceof Error) {
          errs.push(p);
          continue;
        }
        const result =
          dry === 'client'
            ? d.obj
            : await patchObject(ctx, d.mapping, d.namespace, d.name, p, 'strategic', 'kubectl-rollout');
        printOutcome(ctx, d.mapping, result, verb, dry);
      }
      if (errs.length === 1) throw errs[0];
      if (errs.length > 1) throw new AggregateError(errs);
    },
  };
}

/** RFC3339 in the local zone as Go prints it; KubeSim's terminal runs in UTC. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const rolloutCommand: Command = {
  name: 'rollout',
  subcommands: [
    status,
    history,
    undo,
    simplePatch('restart', 'restarted', (d, ctx) => {
      if (obj(d.obj.spec).paused === true)
        return new KubectlError(`can't restart paused deployment (run rollout resume first)`);
      return goJson(
        {
          spec: {
            template: {
              metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.now()) } },
            },
          },
        },
        '',
      );
    }),
    simplePatch('pause', 'paused', (d) =>
      obj(d.obj.spec).paused === true
        ? new KubectlError(
            `${d.mapping.resource}${d.mapping.group ? '.' + d.mapping.group : ''} ${goQuote(d.name)} is already paused`,
          )
        : '{"spec":{"paused":true}}',
    ),
    simplePatch('resume', 'resumed', (d) =>
      obj(d.obj.spec).paused !== true
        ? new KubectlError(
            `${d.mapping.resource}${d.mapping.group ? '.' + d.mapping.group : ''} ${goQuote(d.name)} is not paused`,
          )
        : '{"spec":{"paused":null}}',
    ),
  ],
  help: `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
};
void CommandUsageError;
