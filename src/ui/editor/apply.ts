/**
 * Apply and Delete from the editor make the same API calls `kubectl apply` / `kubectl delete`
 * make: discovery to find the resource, GET, then POST (create, with the last-applied annotation)
 * or PATCH (a merge patch of the manifest), or DELETE. Nothing is sent when the YAML is invalid.
 */
import { parseAllDocuments } from 'yaml';
import type { ApiResponse, ClusterClient } from '../store/client';

export interface ManifestError {
  message: string;
  line?: number;
  column?: number;
  field?: string;
}

export interface ApplyOutcome {
  ok: boolean;
  /** kubectl-style lines: `deployment.apps/web created`. */
  lines: string[];
  errors: ManifestError[];
}

interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  [k: string]: unknown;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const HEADERS = { 'content-type': 'application/json', 'x-kubesim-client': 'kubectl' };

/** Parses every document; any syntax error (with its line and column) means nothing is applied. */
export function parseManifests(text: string): { objects: Obj[]; errors: ManifestError[] } {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const errors: ManifestError[] = [];
  const objects: Obj[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const e of doc.errors)
      errors.push({
        message: e.message.split('\n')[0],
        line: e.linePos?.[0]?.line,
        column: e.linePos?.[0]?.col,
      });
    if (doc.errors.length) continue;
    const v: unknown = doc.toJS();
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) {
      errors.push({ message: 'a manifest must be a mapping (apiVersion, kind, metadata, …)' });
      continue;
    }
    const o = v as Obj;
    if (!o.apiVersion || !o.kind) errors.push({ message: 'apiVersion and kind are required', field: 'kind' });
    else if (!o.metadata?.name) errors.push({ message: 'metadata.name is required', field: 'metadata.name' });
    else objects.push(o);
  }
  if (!objects.length && !errors.length) errors.push({ message: 'no manifest to apply' });
  return { objects, errors };
}

interface Resource {
  name: string;
  namespaced: boolean;
  group: string;
  version: string;
}

const discoveryCache = new Map<string, Promise<Resource[]>>();

async function discover(client: ClusterClient, apiVersion: string): Promise<Resource[]> {
  let p = discoveryCache.get(apiVersion);
  if (!p) {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    p = client.request({ method: 'GET', path }).then((r) => {
      if (r.status !== 200) return [];
      const list = JSON.parse(r.body) as {
        resources?: { name: string; kind: string; namespaced: boolean }[];
      };
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      return (list.resources ?? [])
        .filter((x) => !x.name.includes('/'))
        .map((x) => ({ name: x.name, kind: x.kind, namespaced: x.namespaced, group, version }));
    });
    discoveryCache.set(apiVersion, p);
  }
  return p;
}

async function resourceFor(
  client: ClusterClient,
  o: Obj,
): Promise<(Resource & { kind: string }) | undefined> {
  const all = (await discover(client, o.apiVersion!)) as (Resource & { kind: string })[];
  return all.find((r) => r.kind === o.kind);
}

function statusOf(r: ApiResponse): ManifestError {
  try {
    const s = JSON.parse(r.body) as {
      message?: string;
      details?: { causes?: { field?: string; message?: string }[] };
    };
    return { message: s.message ?? `HTTP ${r.status}`, field: s.details?.causes?.[0]?.field };
  } catch {
    return { message: r.body || `HTTP ${r.status}` };
  }
}

function display(res: Resource & { kind: string }, name: string): string {
  return `${res.name.replace(/s$/, '')}${res.group ? `.${res.group}` : ''}/${name}`;
}

function paths(res: Resource, o: Obj) {
  const base = res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
  const ns = o.metadata?.namespace ?? 'default';
  const collection = res.namespaced ? `${base}/namespaces/${ns}/${res.name}` : `${base}/${res.name}`;
  return { collection, item: `${collection}/${o.metadata!.name}` };
}

export async function applyManifests(client: ClusterClient, text: string): Promise<ApplyOutcome> {
  const { objects, errors } = parseManifests(text);
  if (errors.length) return { ok: false, lines: [], errors };
  const lines: string[] = [];
  for (const o of objects) {
    const res = await resourceFor(client, o);
    if (!res) {
      errors.push({
        message: `resource mapping not found for name: "${o.metadata!.name}" namespace: "" from "editor": no matches for kind "${o.kind}" in version "${o.apiVersion}"`,
      });
      continue;
    }
    const { collection, item } = paths(res, o);
    const applied = JSON.stringify(o);
    const withAnnotation: Obj = {
      ...o,
      metadata: {
        ...o.metadata,
        annotations: { ...o.metadata?.annotations, [LAST_APPLIED]: `${applied}\n` },
      },
    };
    const cur = await client.request({ method: 'GET', path: item, headers: HEADERS });
    let r: ApiResponse;
    let verb: string;
    if (cur.status === 404) {
      r = await client.request({
        method: 'POST',
        path: collection,
        query: 'fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
        headers: HEADERS,
        body: JSON.stringify(withAnnotation),
      });
      verb = 'created';
    } else if (cur.status === 200) {
      const before = (JSON.parse(cur.body) as Obj).metadata?.annotations?.[LAST_APPLIED];
      if (before && before.trim() === applied) {
        lines.push(`${display(res, o.metadata!.name!)} unchanged`);
        continue;
      }
      r = await client.request({
        method: 'PATCH',
        path: item,
        query: 'fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
        headers: { ...HEADERS, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify(withAnnotation),
      });
      verb = 'configured';
    } else {
      errors.push(statusOf(cur));
      continue;
    }
    if (r.status >= 300) errors.push(statusOf(r));
    else lines.push(`${display(res, o.metadata!.name!)} ${verb}`);
  }
  return { ok: errors.length === 0, lines, errors };
}

export async function deleteManifests(client: ClusterClient, text: string): Promise<ApplyOutcome> {
  const { objects, errors } = parseManifests(text);
  if (errors.length) return { ok: false, lines: [], errors };
  const lines: string[] = [];
  for (const o of objects) {
    const res = await resourceFor(client, o);
    if (!res) {
      errors.push({ message: `no matches for kind "${o.kind}" in version "${o.apiVersion}"` });
      continue;
    }
    const r = await client.request({ method: 'DELETE', path: paths(res, o).item, headers: HEADERS });
    if (r.status >= 300) errors.push(statusOf(r));
    else lines.push(`${display(res, o.metadata!.name!)} deleted`);
  }
  return { ok: errors.length === 0, lines, errors };
}
