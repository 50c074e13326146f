import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { HttpRequest, HttpResponse, ResponseStream } from '../sim/apiserver/http';
import { runKubectlStream } from '../sim/kubectl';
import type { KubeconfigInfo } from '../sim/kubectl/types';

/**
 * `npm run kubectl -- [--kubeconfig FILE] <args…>`: KubeSim's TypeScript kubectl from Node, against
 * `npm run cluster` (or any apiserver the kubeconfig names), so it can be compared with the real
 * kubectl command by command.
 */

export interface KubeconfigTarget {
  server: string;
  token?: string;
  caPem?: string;
  info: KubeconfigInfo;
}

interface RawKubeconfig {
  clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
  contexts?: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  users?: { name: string; user: { token?: string } }[];
  'current-context'?: string;
}

export function readKubeconfig(path: string): KubeconfigTarget {
  const cfg = parseYaml(readFileSync(path, 'utf8')) as RawKubeconfig;
  const ctxName = cfg['current-context'] ?? cfg.contexts?.[0]?.name ?? '';
  const ctx = cfg.contexts?.find((c) => c.name === ctxName)?.context;
  const cluster = cfg.clusters?.find((c) => c.name === ctx?.cluster)?.cluster ?? cfg.clusters?.[0]?.cluster;
  const user = cfg.users?.find((u) => u.name === ctx?.user)?.user ?? cfg.users?.[0]?.user;
  if (!cluster?.server) throw new Error(`no server in kubeconfig ${path}`);
  const ca = cluster['certificate-authority-data'];
  const info: KubeconfigInfo = {
    server: cluster.server,
    contextName: ctxName,
    clusterName: ctx?.cluster ?? '',
    userName: ctx?.user ?? '',
  };
  if (ctx?.namespace) info.namespace = ctx.namespace;
  const t: KubeconfigTarget = { server: cluster.server, info };
  if (user?.token) t.token = user.token;
  if (ca) t.caPem = Buffer.from(ca, 'base64').toString('utf8');
  return t;
}

/** A transport over HTTP(S); watch and follow responses become streams. */
export function httpTransport(target: KubeconfigTarget): (req: HttpRequest) => Promise<HttpResponse> {
  const base = new URL(target.server);
  return (req) =>
    new Promise((resolve, reject) => {
      const qs = req.query.toString();
      const headers: Record<string, string> = { ...req.headers };
      if (target.token && !headers.authorization) headers.authorization = `Bearer ${target.token}`;
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const opts = {
        method: req.method,
        hostname: base.hostname,
        port: base.port,
        path: req.path + (qs ? `?${qs}` : ''),
        headers,
        ...(target.caPem ? { ca: target.caPem } : {}),
      };
      const streaming = req.query.get('watch') === 'true' || req.query.get('follow') === 'true';
      const onResponse = (res: IncomingMessage) => {
        res.setEncoding('utf8');
        const outHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') outHeaders[k] = v;
        if (streaming && (res.statusCode ?? 0) < 300) {
          const stream: ResponseStream = {
            subscribe(onChunk, onEnd) {
              res.on('data', (d: string) => onChunk(d));
              res.on('end', onEnd);
              res.on('close', onEnd);
            },
            close() {
              res.destroy();
              r.destroy();
            },
          };
          resolve({ status: res.statusCode ?? 0, headers: outHeaders, body: '', stream });
          return;
        }
        let body = '';
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: outHeaders, body }));
        res.on('error', reject);
      };
      const r = base.protocol === 'https:' ? httpsRequest(opts, onResponse) : httpRequest(opts, onResponse);
      r.on('error', reject);
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
}

/** Reads `-f` paths from the disk up front: the TypeScript kubectl only sees a file map. */
export function filesFor(args: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let vals: string[] = [];
    if ((a === '-f' || a === '--filename') && i + 1 < args.length) vals = args[i + 1].split(',');
    else if (a.startsWith('--filename=')) vals = a.slice('--filename='.length).split(',');
    else if (a.startsWith('-f') && a.length > 2) vals = a.slice(2).replace(/^=/, '').split(',');
    for (const v of vals) {
      if (v === '-' || files[v] !== undefined) continue;
      try {
        files[v] = readFileSync(v, 'utf8');
      } catch {
        // Missing files are reported by kubectl itself ("the path … does not exist").
      }
    }
  }
  return files;
}

function kubeconfigArg(args: string[]): { path: string; rest: string[] } {
  const rest: string[] = [];
  let path = process.env.KUBECONFIG ?? join(homedir(), '.kube', 'config');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--kubeconfig' && i + 1 < args.length) path = args[++i];
    else if (args[i].startsWith('--kubeconfig=')) path = args[i].slice('--kubeconfig='.length);
    else rest.push(args[i]);
  }
  return { path, rest };
}

async function readStdin(args: string[]): Promise<string> {
  const wantsStdin = args.some((a, i) => a === '-' && ['-f', '--filename'].includes(args[i - 1] ?? ''));
  if (!wantsStdin && !args.includes('--filename=-') && !args.includes('-f-')) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[]): Promise<number> {
  const { path, rest } = kubeconfigArg(argv);
  let target: KubeconfigTarget;
  try {
    target = readKubeconfig(path);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const r = await runKubectlStream(rest, {
    transport: httpTransport(target),
    stdin: await readStdin(rest),
    files: filesFor(rest),
    kubeconfig: target.info,
    onStdout: (s) => process.stdout.write(s),
    onStderr: (s) => process.stderr.write(s),
    signal: abort.signal,
  });
  return r.exitCode;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
