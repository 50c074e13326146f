import type { FlagSpec, Flags } from './args';
import { ApiError, KubectlError, type JsonObj, type Mapping } from './client';
import { printerFor, PRINT_FLAGS } from './output';
import { kindSlashName, metaName, objectPath } from './resource';
import type { Ctx } from './types';

/** Helpers the writing commands share: dry-run, field validation, and the "… created" printer. */

export type DryRun = 'none' | 'client' | 'server';

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
};
export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: 'strict',
  noOptDefault: 'strict',
};
export const FIELD_MANAGER_FLAG: FlagSpec = { name: 'field-manager', type: 'string' };
export const FILENAME_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
];
export const WRITE_FLAGS: FlagSpec[] = [...PRINT_FLAGS, DRY_RUN_FLAG, FIELD_MANAGER_FLAG];

export function dryRunOf(flags: Flags): DryRun {
  const v = flags.str('dry-run');
  if (v === 'client') return 'client';
  if (v === 'server') return 'server';
  if (v === 'none' || v === '' || v === 'false') return 'none';
  if (v === 'unchanged' || v === 'true')
    throw new KubectlError(
      `--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".`,
    );
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** `fieldValidation` from --validate (true/strict → Strict, warn → Warn, false/ignore → Ignore). */
export function fieldValidation(flags: Flags): string {
  const v = flags.str('validate') || 'strict';
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  return 'Ignore';
}

export function writeQuery(flags: Flags, extra: Record<string, string> = {}): Record<string, string> {
  const q: Record<string, string> = { ...extra };
  if (dryRunOf(flags) === 'server') q.dryRun = 'All';
  const fm = flags.str('field-manager');
  q.fieldManager = fm || 'kubectl-client-side-apply';
  return q;
}

/** The suffix kubectl puts after the verb for a dry run. */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/**
 * Prints the outcome of a write: `-o` formats print the object; otherwise `kind.group/name verb`
 * (PrintFlags.ToPrinter with an operation).
 */
export function printOutcome(ctx: Ctx, m: Mapping, obj: JsonObj, verb: string, dry: DryRun): void {
  const p = printerFor(ctx.flags, { operation: verb + dryRunSuffix(dry) });
  if (p) ctx.out(p.print(obj, m));
  else ctx.out(`${kindSlashName(m, metaName(obj))} ${verb}${dryRunSuffix(dry)}\n`);
}

/** cmdutil.AddSourceToErr: "error when creating "file.yaml": …" on errors from the server. */
export function addSourceToErr(verb: string, source: string, err: unknown): Error {
  if (!source) return err as Error;
  if (err instanceof ApiError) {
    const s = {
      ...err.status,
      message: `error when ${verb} ${JSON.stringify(source)}: ${err.status.message ?? ''}`,
    };
    return new ApiError(s);
  }
  const e = err as Error;
  return new KubectlError(`error when ${verb} ${JSON.stringify(source)}: ${e.message}`);
}

export async function createObject(
  ctx: Ctx,
  m: Mapping,
  namespace: string,
  obj: JsonObj,
  extraQuery: Record<string, string> = {},
): Promise<JsonObj> {
  const q = writeQuery(ctx.flags, extraQuery);
  if (!ctx.flags.str('field-manager')) q.fieldManager = 'kubectl-create';
  return ctx.client.json(objectPath(m, namespace), {
    method: 'POST',
    body: JSON.stringify(obj),
    query: q,
  });
}

export async function patchObject(
  ctx: Ctx,
  m: Mapping,
  namespace: string,
  name: string,
  patch: string,
  type: 'strategic' | 'merge' | 'json',
  fieldManager: string,
  sub?: string,
): Promise<JsonObj> {
  const contentType = {
    strategic: 'application/strategic-merge-patch+json',
    merge: 'application/merge-patch+json',
    json: 'application/json-patch+json',
  }[type];
  const q: Record<string, string> = { fieldManager: ctx.flags.str('field-manager') || fieldManager };
  if (ctx.flags.parsed.flags.has('dry-run') && dryRunOf(ctx.flags) === 'server') q.dryRun = 'All';
  return ctx.client.json(objectPath(m, namespace, name, sub), {
    method: 'PATCH',
    body: patch,
    contentType,
    query: q,
  });
}
