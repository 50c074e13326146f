import type { Engine } from '../engine/simulation';
import type { HttpOutcome, HttpRequest } from '../kubelet/runtime/servers';
import { conntrackExpire, conntrackLookup, conntrackRecord } from '../proxy/iptables/conntrack';
import type { Protocol } from '../proxy/iptables/model';
import { walkPacket, type MatchedRule } from '../proxy/iptables/packet-walk';
import type { ProxyManager } from '../proxy/proxy-manager';
import type { NodeDataplane } from './dataplane';
import { podSearchPath, type ClusterDns } from './dns';
import type { Routes } from './routes';

/** Where traffic starts: a node's own process, or a pod (`<namespace>/<pod>`). */
export type TrafficSource = { kind: 'node'; node: string } | { kind: 'pod'; namespace: string; name: string };

export function parseSource(text: string): TrafficSource {
  const i = text.indexOf('/');
  return i < 0
    ? { kind: 'node', node: text }
    : { kind: 'pod', namespace: text.slice(0, i), name: text.slice(i + 1) };
}

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?][^#\s]*)?$/.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  const rawPath = m[4] ?? '/';
  return { scheme, host: m[2], port, path: rawPath.startsWith('?') ? `/${rawPath}` : rawPath };
}

/** One hop of a request, as its trace record shows it (kept whole here for the inspector). */
export interface PacketHop {
  seq: number;
  from: string;
  to: string;
  summary: string;
  /** The rules the packet matched on this node, in order (walk hops only). */
  matched?: MatchedRule[];
}

export type RequestError =
  | { kind: 'source'; message: string }
  | { kind: 'resolve'; host: string; message: string }
  | { kind: 'refused'; ip: string; port: number }
  | { kind: 'timeout'; ip: string; port: number }
  | { kind: 'reset'; ip: string; port: number };

export interface RequestResult {
  /** The destination address curl connected to (after DNS, before DNAT). */
  ip?: string;
  port: number;
  /** Where the connection really ended up (after DNAT). */
  endpoint?: { ip: string; port: number };
  servedBy?: { namespace: string; name: string; node: string };
  response?: { status: number; body: string };
  error?: RequestError;
  /** Virtual milliseconds the request took (connect time-outs included). */
  latencyMs: number;
  /** A note when KubeSim answered something a real cluster would route elsewhere. */
  note?: string;
  hops: PacketHop[];
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** curl's `--connect-timeout` / `-m`, in ms; undefined = the kernel's SYN retries. */
  connectTimeoutMs?: number;
}

/** Time for the kernel to give up on a SYN nobody answers (tcp_syn_retries 6: 1+2+…+64 s, plus RTO slack). */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;
/** glibc's resolver: `timeout:5 attempts:2` against the one nameserver. */
export const RESOLVER_TIMEOUT_MS = 10_000;
const SAME_NODE_MS = 0.05;
const CROSS_NODE_MS = 0.4;
const SERVER_MS = 0.5;
const MAX_NODE_HOPS = 4;
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

interface Flow {
  srcIP: string;
  srcPort: number;
  dstIP: string;
  dstPort: number;
  protocol: Protocol;
}

/**
 * A request's way through the cluster: DNS through the cluster's nameserver, the source node's
 * iptables rules (walked rule by rule, the statistic matches drawn from the seeded random source),
 * the route to the node owning the destination (a NodePort walks that node's rules too), and the
 * container that answers. Every hop is a trace record (kind `packet`).
 */
export class PacketPath {
  private readonly ports = new Map<string, number>();
  private connections = 0;
  private readonly detail = new Map<number, PacketHop>();

  constructor(
    private readonly engine: Engine,
    private readonly routes: Routes,
    private readonly proxies: ProxyManager,
    private readonly dns: ClusterDns,
    private readonly dataplane: () => NodeDataplane,
  ) {}

  /** The full hop (matched rules included) behind a trace record, while it is recent. */
  hop(seq: number): PacketHop | undefined {
    return this.detail.get(seq);
  }

  request(source: TrafficSource, url: string, opts: RequestOptions = {}): RequestResult {
    const hops: PacketHop[] = [];
    const parsed = parseUrl(url);
    if (!parsed)
      return {
        port: 0,
        latencyMs: 0,
        hops,
        error: { kind: 'source', message: `URL rejected: Bad hostname` },
      };
    const src = this.locate(source);
    if ('message' in src)
      return { port: parsed.port, latencyMs: 0, hops, error: { kind: 'source', message: src.message } };
    let latency = 0;
    const label = src.label;

    // Name resolution.
    let ip = parsed.host;
    let note: string | undefined;
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
      const r = this.resolveName(src, parsed.host, hops);
      latency += r.latencyMs;
      note = r.note;
      if (!r.ip)
        return {
          port: parsed.port,
          latencyMs: latency,
          hops,
          note,
          error: { kind: 'resolve', host: parsed.host, message: r.message ?? '' },
        };
      ip = r.ip;
    }

    const conn = this.connect(src, { dstIP: ip, dstPort: parsed.port, protocol: 'tcp' }, hops, latency);
    latency = conn.latencyMs;
    const base = { ip, port: parsed.port, hops, note };
    if (conn.kind !== 'connected') {
      const timeout = conn.kind === 'timeout';
      const wait = opts.connectTimeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS;
      return {
        ...base,
        latencyMs: timeout ? latency + wait : latency,
        error: { kind: conn.kind, ip, port: parsed.port },
      };
    }
    const req: HttpRequest = {
      method: opts.method ?? 'GET',
      path: parsed.path,
      port: conn.endpoint.port,
      headers: {
        Host: parsed.port === 80 ? parsed.host : `${parsed.host}:${parsed.port}`,
        'User-Agent': 'curl/8.5.0',
        Accept: '*/*',
        ...(opts.headers ?? {}),
      },
      clientIp: conn.clientIP,
    };
    const outcome: HttpOutcome = this.dataplane().http(conn.node, conn.endpoint.ip, req);
    const pod = this.routes.podByIP(conn.endpoint.ip);
    const podLabel = pod ? `pod@${pod.namespace}/${pod.name}` : `${conn.endpoint.ip}`;
    const servedBy = pod ? { namespace: pod.namespace, name: pod.name, node: conn.node } : undefined;
    latency += SERVER_MS;
    if (outcome.kind === 'response') {
      this.append(
        hops,
        `node@${conn.node}`,
        podLabel,
        `${req.method} ${req.path} → ${conn.endpoint.ip}:${conn.endpoint.port}`,
        latency,
      );
      const back = conn.dnat
        ? ` (un-DNAT ${conn.endpoint.ip}:${conn.endpoint.port} → ${ip}:${parsed.port})`
        : '';
      latency += conn.node === src.node ? SAME_NODE_MS : CROSS_NODE_MS;
      this.append(hops, podLabel, label, `HTTP/1.1 ${outcome.status}${back}`, latency);
      return {
        ...base,
        endpoint: conn.endpoint,
        servedBy,
        response: { status: outcome.status, body: outcome.body },
        latencyMs: latency,
      };
    }
    const kind = outcome.kind === 'refused' ? 'refused' : outcome.kind === 'malformed' ? 'reset' : 'timeout';
    this.append(
      hops,
      `node@${conn.node}`,
      podLabel,
      `TCP ${conn.endpoint.ip}:${conn.endpoint.port}: ${kind === 'refused' ? 'RST (nothing listening)' : kind === 'reset' ? 'connection reset' : 'no answer'}`,
      latency,
    );
    const wait = kind === 'timeout' ? (opts.connectTimeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS) : 0;
    return {
      ...base,
      endpoint: conn.endpoint,
      servedBy,
      latencyMs: latency + wait,
      error: { kind, ip, port: parsed.port },
    };
  }

  private locate(
    source: TrafficSource,
  ):
    | { node: string; ip: string; label: string; fromLocalProcess: boolean; namespace?: string }
    | { message: string } {
    if (source.kind === 'node') {
      const ip = this.routes.nodeIP(source.node);
      if (!ip) return { message: `no such node: ${source.node}` };
      if (!this.dataplane().isPowered(source.node)) return { message: `node ${source.node} is powered off` };
      return { node: source.node, ip, label: `node@${source.node}`, fromLocalProcess: true };
    }
    const pod = this.routes.pod(source.namespace, source.name);
    if (!pod) return { message: `pods "${source.name}" not found` };
    if (!pod.ip || pod.phase !== 'Running' || !pod.node)
      return { message: `pod ${source.namespace}/${source.name} is not running` };
    if (!this.dataplane().isPowered(pod.node)) return { message: `node ${pod.node} is powered off` };
    return {
      node: pod.node,
      ip: pod.ip,
      label: `pod@${pod.namespace}/${pod.name}`,
      fromLocalProcess: false,
      namespace: pod.namespace,
    };
  }

  /**
   * A pod asks the cluster nameserver (the kube-dns Service, a UDP packet through its node's
   * rules to a CoreDNS pod); a node asks its own resolver, which knows only the nodes.
   */
  private resolveName(
    src: { node: string; ip: string; label: string; fromLocalProcess: boolean; namespace?: string },
    host: string,
    hops: PacketHop[],
  ): { ip?: string; latencyMs: number; message?: string; note?: string } {
    if (host === 'localhost') return { ip: src.fromLocalProcess ? '127.0.0.1' : src.ip, latencyMs: 0 };
    if (src.namespace === undefined) {
      // Node names resolve through /etc/hosts; cluster names are unknown to the host's resolver.
      const nodeIP = this.routes.nodeIP(host);
      if (nodeIP) return { ip: nodeIP, latencyMs: 0 };
      return { latencyMs: 0, message: 'host resolver (systemd-resolved) does not know cluster names' };
    }
    const search = podSearchPath(src.namespace, this.dns.domain);
    const svc = this.dns.dnsService();
    if (!svc) {
      const r = this.dns.resolve(host, search);
      const note =
        'no CoreDNS add-on in this cluster (kube-system/kube-dns is missing): KubeSim answered the name from the API directly';
      return r.answer.rcode === 'NOERROR' && r.answer.addresses.length > 0
        ? { ip: r.answer.addresses[0], latencyMs: 0, note }
        : { latencyMs: 0, note, message: 'NXDOMAIN' };
    }
    const dnsIP = svc.spec?.clusterIP ?? '';
    const conn = this.connect(src, { dstIP: dnsIP, dstPort: 53, protocol: 'udp' }, hops, 0);
    if (conn.kind !== 'connected')
      return {
        latencyMs: RESOLVER_TIMEOUT_MS,
        message: `nameserver ${dnsIP} ${conn.kind === 'refused' ? 'refused (no endpoints)' : 'did not answer'}`,
      };
    if (!this.dataplane().isPowered(conn.node))
      return { latencyMs: RESOLVER_TIMEOUT_MS, message: 'CoreDNS did not answer' };
    const r = this.dns.resolve(host, search);
    const coredns = this.routes.podByIP(conn.endpoint.ip);
    const server = coredns ? `pod@${coredns.namespace}/${coredns.name}` : conn.endpoint.ip;
    const answer =
      r.answer.rcode === 'NOERROR' && r.answer.addresses.length > 0
        ? `${r.answer.name} A ${r.answer.addresses.join(', ')}`
        : `NXDOMAIN (${r.tried.join(', ')})`;
    const latency = conn.latencyMs + SERVER_MS;
    this.append(hops, server, src.label, `DNS ${answer}`, latency);
    if (r.answer.rcode === 'NOERROR' && r.answer.addresses.length > 0) {
      // Round-robin across the A records, as CoreDNS shuffles headless answers.
      const addrs = r.answer.addresses;
      return {
        ip: addrs.length > 1 ? addrs[this.engine.random.int(addrs.length)] : addrs[0],
        latencyMs: latency,
      };
    }
    return { latencyMs: latency, message: 'NXDOMAIN' };
  }

  /**
   * The connection's first packet: the source node's rules, then routing, node by node, until
   * it reaches a pod (or is refused, dropped, or lost).
   */
  private connect(
    src: { node: string; ip: string; label: string; fromLocalProcess: boolean },
    dst: { dstIP: string; dstPort: number; protocol: Protocol },
    hops: PacketHop[],
    startMs: number,
  ):
    | {
        kind: 'connected';
        node: string;
        endpoint: { ip: string; port: number };
        dnat: boolean;
        clientIP: string;
        latencyMs: number;
      }
    | { kind: 'refused' | 'timeout'; latencyMs: number } {
    let latency = startMs;
    const flow: Flow = { srcIP: src.ip, srcPort: this.ephemeralPort(src.ip), ...dst };
    let node = src.node;
    let fromLocal = src.fromLocalProcess;
    let from = src.label;
    let dnat = false;
    if (++this.connections % 1000 === 0)
      for (const nf of this.proxies.netfilters.values()) conntrackExpire(nf.conntrack, this.engine.now);
    const proto = flow.protocol.toUpperCase();
    for (let i = 0; i < MAX_NODE_HOPS; i++) {
      const nf = this.proxies.netfilter(node);
      const nodeIP = this.routes.nodeIP(node) ?? '';
      const tuple = {
        protocol: flow.protocol,
        srcIP: flow.srcIP,
        srcPort: flow.srcPort,
        dstIP: flow.dstIP,
        dstPort: flow.dstPort,
      };
      const before = `${proto} ${flow.srcIP}:${flow.srcPort} → ${flow.dstIP}:${flow.dstPort}`;
      const ct = conntrackLookup(nf.conntrack, tuple, this.engine.now);
      let verdict: string;
      let matched: MatchedRule[] = [];
      let to = ct?.dnatTo;
      let masq = ct?.masquerade ?? false;
      if (ct) verdict = ct.dnatTo ? 'DNAT' : 'ACCEPT';
      else {
        const r = walkPacket(
          nf.tables,
          {
            srcIP: flow.srcIP,
            dstIP: flow.dstIP,
            dstPort: flow.dstPort,
            protocol: flow.protocol,
            fromLocalProcess: fromLocal,
          },
          { random: this.engine.random, recent: nf.recent, nowMs: this.engine.now, localAddresses: [nodeIP] },
        );
        verdict = r.verdict;
        matched = r.matched;
        to = r.dnatTo;
        masq = r.masquerade;
        if (r.verdict === 'DNAT' || r.verdict === 'ACCEPT')
          conntrackRecord(nf.conntrack, tuple, r, this.engine.now);
      }
      latency += i === 0 ? SAME_NODE_MS : 0;
      const path = chainPath(matched);
      const outcome = verdict === 'DNAT' && to ? `DNAT ${to.ip}:${to.port}` : verdict;
      this.append(
        hops,
        from,
        `node@${node}`,
        `${before}${ct ? ' (conntrack: established)' : path ? ` · ${path}` : ''} → ${outcome}${masq ? ' + MASQUERADE' : ''}`,
        latency,
        matched,
      );
      if (verdict === 'REJECT') return { kind: 'refused', latencyMs: latency };
      if (verdict === 'DROP') return { kind: 'timeout', latencyMs: latency };
      if (to) {
        flow.dstIP = to.ip;
        flow.dstPort = to.port;
        dnat = true;
      }
      if (masq) flow.srcIP = nodeIP;

      const podNode = this.routes.nodeForPodIP(flow.dstIP);
      if (podNode) {
        if (podNode !== node) {
          latency += CROSS_NODE_MS;
          this.append(
            hops,
            `node@${node}`,
            `node@${podNode}`,
            `${proto} ${flow.srcIP}:${flow.srcPort} → ${flow.dstIP}:${flow.dstPort} via ${this.routes.nodeIP(podNode)} (${this.routes.podCIDR(podNode)})`,
            latency,
          );
          if (!this.dataplane().isPowered(podNode) || !this.linked(node, podNode))
            return { kind: 'timeout', latencyMs: latency };
        }
        return {
          kind: 'connected',
          node: podNode,
          endpoint: { ip: flow.dstIP, port: flow.dstPort },
          dnat,
          clientIP: flow.srcIP,
          latencyMs: latency,
        };
      }
      const target = flow.dstIP === '127.0.0.1' ? node : this.routes.nodeForIP(flow.dstIP);
      if (!target) {
        // Not a pod, not a node: a Service IP no rule took, or an address outside the cluster.
        return { kind: 'timeout', latencyMs: latency };
      }
      if (target === node) {
        // A host port nothing listens on (NodePorts were DNATed above): the kernel answers RST.
        return { kind: 'refused', latencyMs: latency };
      }
      latency += CROSS_NODE_MS;
      this.append(
        hops,
        `node@${node}`,
        `node@${target}`,
        `${proto} ${flow.srcIP}:${flow.srcPort} → ${flow.dstIP}:${flow.dstPort}`,
        latency,
      );
      if (!this.dataplane().isPowered(target) || !this.linked(node, target))
        return { kind: 'timeout', latencyMs: latency };
      from = `node@${node}`;
      node = target;
      fromLocal = false;
    }
    return { kind: 'timeout', latencyMs: latency };
  }

  /** Whether a packet can cross from node `a` to node `b` (both links up). */
  private linked(a: string, b: string): boolean {
    const dp = this.dataplane();
    return (dp.linkUp?.(a) ?? true) && (dp.linkUp?.(b) ?? true);
  }

  /** Linux hands out local ports in turn; the next request from the same address gets a new one. */
  private ephemeralPort(ip: string): number {
    let p = this.ports.get(ip);
    if (p === undefined) p = EPHEMERAL_LOW + this.engine.random.int(EPHEMERAL_HIGH - EPHEMERAL_LOW);
    p = p >= EPHEMERAL_HIGH ? EPHEMERAL_LOW : p + 1;
    this.ports.set(ip, p);
    return p;
  }

  private append(
    hops: PacketHop[],
    from: string,
    to: string,
    summary: string,
    atMs: number,
    matched?: MatchedRule[],
  ): void {
    const sentAt = this.engine.now + Math.max(0, Math.floor(atMs));
    const rec = this.engine.trace.append({ from, to, kind: 'packet', summary, sentAt, deliverAt: sentAt });
    const hop: PacketHop = { seq: rec.seq, from, to, summary };
    if (matched && matched.length > 0) hop.matched = matched;
    hops.push(hop);
    this.detail.set(rec.seq, hop);
    if (this.detail.size > 5000) this.detail.delete(this.detail.keys().next().value as number);
  }
}

/** The chains a packet jumped through, e.g. `KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…`. */
function chainPath(matched: MatchedRule[]): string {
  const chains: string[] = [];
  for (const m of matched) {
    if (
      m.chain.startsWith('KUBE-') &&
      m.chain !== 'KUBE-MARK-MASQ' &&
      m.chain !== 'KUBE-POSTROUTING' &&
      chains[chains.length - 1] !== m.chain
    )
      chains.push(m.chain);
  }
  return chains.join(' → ');
}
