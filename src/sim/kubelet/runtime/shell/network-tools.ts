/**
 * The network clients images ship — curl, BusyBox `wget` and `nslookup` — as commands of the
 * interpreter. They reach other pods through the process's `PodNetwork` (the packet walk from
 * the pod's node); without one they say plainly that KubeSim does not simulate it.
 */

import { normalizePath, writeFile } from '../fs';
import { curl as curlOver } from '../../../network/curl';
import type { RequestResult } from '../../../network/packet-path';
import type { CommandContext, CommandResult } from './commands';

type Command = (ctx: CommandContext) => CommandResult;

const NO_NETWORK = 'network access from scripts is not simulated in KubeSim (kubectl exec has it)';

const curl: Command = (ctx) => {
  const net = ctx.proc.net;
  const r = curlOver(ctx.args, (url, opts) =>
    net
      ? net.request(url, opts)
      : { port: 0, latencyMs: 0, hops: [], error: { kind: 'source', message: NO_NETWORK } },
  );
  ctx.out(r.stdout);
  if (r.stderr !== '') ctx.err(r.stderr.replace(/\n$/, ''));
  return r.exitCode;
};

const REASONS: Record<number, string> = {
  200: 'OK',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** BusyBox 1.36 `wget`: `-q`, `-O file|-`, `-T seconds`, `-S`; it saves to a file unless told otherwise. */
const wget: Command = (ctx) => {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let url: string | undefined;
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') continue;
    if (!a.startsWith('-') || a === '-') {
      url = a;
      continue;
    }
    if (a.startsWith('--')) {
      if (a === '--quiet') quiet = true;
      else if (a.startsWith('--output-document=')) output = a.slice(18);
      else if (a === '--output-document') output = args[++i];
      else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice(10)) * 1000;
      else if (a === '--spider' || a === '--server-response') continue;
      else {
        ctx.err(`wget: unrecognized option '${a}'`);
        return 1;
      }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      const rest = () => (j + 1 < a.length ? a.slice(j + 1) : args[++i]);
      if (f === 'q') quiet = true;
      else if (f === 'S') continue;
      else if (f === 'O') {
        output = rest();
        break;
      } else if (f === 'T') {
        timeoutMs = Number(rest()) * 1000;
        break;
      } else {
        ctx.err(`wget: invalid option -- '${f}'`);
        return 1;
      }
    }
  }
  if (!url) {
    ctx.err(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...',
    );
    return 1;
  }
  const net = ctx.proc.net;
  if (!net) {
    ctx.err(`wget: ${NO_NETWORK}`);
    return 1;
  }
  const target = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(target)?.[1] ?? url;
  const r: RequestResult = net.request(
    target,
    timeoutMs === undefined ? {} : { connectTimeoutMs: timeoutMs },
  );
  const e = r.error;
  if (e) {
    if (e.kind === 'resolve' || e.kind === 'source') ctx.err(`wget: bad address '${host}'`);
    else if (e.kind === 'timeout') ctx.err('wget: download timed out');
    else
      ctx.err(
        `wget: can't connect to remote host (${e.ip}): Connection ${e.kind === 'refused' ? 'refused' : 'reset by peer'}`,
      );
    return 1;
  }
  if (!quiet) ctx.err(`Connecting to ${host}${r.ip ? ` (${r.ip}:${r.port})` : ''}`);
  const res = r.response!;
  if (res.status >= 400) {
    ctx.err(`wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`);
    return 1;
  }
  const path = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(target)?.[1] ?? '/';
  const file = output ?? (path.endsWith('/') ? 'index.html' : path.slice(path.lastIndexOf('/') + 1));
  if (file === '-') {
    if (!quiet) ctx.err('writing to stdout');
    ctx.out(res.body);
  } else {
    if (!quiet) ctx.err(`saving to '${file}'`);
    const w = writeTo(ctx, file, res.body);
    if (w !== 0) return w;
  }
  if (!quiet) {
    const name = (file === '-' ? '-' : file).padEnd(20);
    const size = new TextEncoder().encode(res.body).length;
    ctx.err(`${name} 100% |********************************|   ${size}  0:00:00 ETA`);
    ctx.err(file === '-' ? 'written to stdout' : `'${file}' saved`);
  }
  return 0;
};

function writeTo(ctx: CommandContext, file: string, body: string): number {
  const err = writeFile(ctx.proc.fs, normalizePath(file, ctx.proc.cwd), body, ctx.nowMs);
  if (!err) return 0;
  ctx.err(`wget: can't open '${file}': ${err === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}`);
  return 1;
}

/** BusyBox `nslookup NAME`: the server it asked, then the answer or `** server can't find`. */
const nslookup: Command = (ctx) => {
  const name = ctx.args.find((a) => !a.startsWith('-'));
  if (!name) {
    ctx.err(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]',
    );
    return 1;
  }
  const net = ctx.proc.net;
  if (!net) {
    ctx.err(`nslookup: ${NO_NETWORK}`);
    return 1;
  }
  const r = net.lookup(name);
  if ('error' in r && r.error === 'timeout') {
    ctx.out(`;; connection timed out; no servers could be reached\n\n`);
    return 1;
  }
  ctx.out(`Server:\t\t${r.server}\nAddress:\t${r.server}:53\n\n`);
  if ('error' in r) {
    ctx.out(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  ctx.out(`Name:\t${r.name}\n${r.addresses.map((a) => `Address: ${a}\n`).join('')}\n`);
  return 0;
};

/** Clients an image provides as a program (curl in curlimages/curl, netshoot, Debian nginx). */
export const NETWORK_PROGRAMS: Record<string, Command> = { curl };

/** BusyBox applets that reach the network. */
export const BUSYBOX_NETWORK: Record<string, Command> = { wget, nslookup };
