import type { ApiServer } from '../apiserver/apiserver';
import type { Engine } from '../engine/simulation';
import { iptablesSave } from '../proxy/iptables/save';
import type { TableName } from '../proxy/iptables/model';
import { ProxyManager } from '../proxy/proxy-manager';
import type { NodeShell, ShellResult } from '../shell/shell';
import { curl, type CurlOutput } from './curl';
import { NO_RUNTIME, type NodeDataplane } from './dataplane';
import { ClusterDns } from './dns';
import {
  PacketPath,
  parseSource,
  type RequestOptions,
  type RequestResult,
  type TrafficSource,
} from './packet-path';
import { CLUSTER_CIDR } from './pod-cidr';
import { Routes } from './routes';
import { TrafficRun, validateTrafficSpec, type TrafficReport } from './traffic';

/**
 * The cluster's network as one piece of wiring: a kube-proxy and a netfilter state per node,
 * CoreDNS's view of Services, the pod routes, and the packet path that uses them all. The node
 * shell gets `iptables-save` and `curl`; the simulator API gets the traffic generator.
 */
export class ClusterNetwork {
  readonly proxies: ProxyManager;
  readonly dns: ClusterDns;
  readonly routes: Routes;
  readonly path: PacketPath;
  private dataplane: NodeDataplane = NO_RUNTIME;

  constructor(
    private readonly engine: Engine,
    api: ApiServer,
  ) {
    this.routes = new Routes(api);
    this.dns = new ClusterDns(api);
    // kube-proxy on a node whose link is cut hears nothing from the apiserver: its rules go stale.
    this.proxies = new ProxyManager(
      engine,
      api,
      CLUSTER_CIDR,
      (n) => this.dataplane.isPowered(n) && (this.dataplane.linkUp?.(n) ?? true),
    );
    this.path = new PacketPath(engine, this.routes, this.proxies, this.dns, () => this.dataplane);
  }

  /** Attach the machines (the kubelets' container runtimes and power state). */
  setDataplane(dp: NodeDataplane): void {
    this.dataplane = dp;
  }

  start(): void {
    this.routes.start();
    this.dns.start();
    this.proxies.start();
  }

  registerShell(shell: NodeShell): void {
    shell.register('iptables-save', (host, args) => this.iptablesSave(host, args));
    shell.register('curl', (host, args) => {
      if (!this.dataplane.isPowered(host)) return unreachable(host);
      return this.curlFrom({ kind: 'node', node: host }, args);
    });
  }

  /** `curl` run by a process in a pod (`kubectl exec <pod> -- curl …`) or on a node. */
  curlFrom(source: TrafficSource | string, argv: string[]): CurlOutput {
    const src = typeof source === 'string' ? parseSource(source) : source;
    return curl(argv, (url, opts) => this.request(src, url, opts));
  }

  request(source: TrafficSource | string, url: string, opts: RequestOptions = {}): RequestResult {
    return this.path.request(typeof source === 'string' ? parseSource(source) : source, url, opts);
  }

  /** Start a traffic run over virtual time (the UI's clock drives it); the report fills in as it goes. */
  startTraffic(
    spec: Record<string, unknown>,
    onDone?: (r: TrafficReport) => void,
    onProgress?: (r: TrafficReport) => void,
  ): TrafficRun | string {
    const v = validateTrafficSpec(spec);
    if (typeof v === 'string') return v;
    return new TrafficRun(this.engine, this.path, v, onDone, onProgress);
  }

  /** Run a whole traffic run now: the clock advances by its duration and the report is final. */
  runTraffic(spec: Record<string, unknown>): TrafficReport | string {
    const run = this.startTraffic(spec);
    if (typeof run === 'string') return run;
    this.engine.advance(run.durationMs);
    return run.report;
  }

  private iptablesSave(host: string, args: string[]): ShellResult {
    if (!this.dataplane.isPowered(host)) return unreachable(host);
    let table: TableName | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const t =
        a === '-t' || a === '--table'
          ? args[++i]
          : a.startsWith('--table=')
            ? a.slice(8)
            : a.startsWith('-t') && a.length > 2
              ? a.slice(2)
              : undefined;
      if (t !== undefined) {
        if (t !== 'nat' && t !== 'filter')
          // Tables kube-proxy leaves empty (mangle, raw) are not modelled.
          return {
            stdout: '',
            stderr: `iptables-save: KubeSim models only the nat and filter tables\n`,
            exitCode: 1,
          };
        table = t;
      } else return { stdout: '', stderr: `iptables-save: unrecognized option '${a}'\n`, exitCode: 1 };
    }
    const tables = this.proxies.netfilter(host).tables;
    return {
      stdout: iptablesSave(tables, { table, generatedAt: ctime(this.engine.epochMs + this.engine.now) }),
      stderr: '',
      exitCode: 0,
    };
  }
}

function unreachable(host: string): ShellResult {
  return { stdout: '', stderr: `ssh: connect to host ${host} port 22: No route to host\n`, exitCode: 255 };
}

/** C's `ctime` without the newline: `Thu Jan  1 00:00:05 2026`. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
