import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, it } from 'vitest';
import { rest } from '../apiserver/testing';
import { createCluster, type Cluster } from '../cluster';
import { podSearchPath } from './dns';
import { ALL_NODES, clientPod, deploy, dnatTargets, expose, readyPods, scale, WORKERS } from './testing';

const podIPs = (cluster: Cluster, app: string) =>
  readyPods(cluster, app)
    .map((p) => `${p.status?.podIP}:80`)
    .sort();

describe('services through kube-proxy on every node', () => {
  let cluster: Cluster;
  let svc: Service;

  beforeEach(() => {
    cluster = createCluster({ nodes: 3 });
    deploy(cluster, 'web', 1);
    svc = expose(cluster, 'web');
    cluster.engine.advance(30_000);
  });

  it('writes the rules for 1, 2 and 3 endpoints on every node after the sync', () => {
    for (const replicas of [1, 2, 3]) {
      scale(cluster, 'web', replicas);
      cluster.engine.advance(30_000);
      const want = podIPs(cluster, 'web');
      expect(want).toHaveLength(replicas);
      for (const node of ALL_NODES) expect(dnatTargets(cluster, node, 'web')).toEqual(want);
    }
    const save = cluster.shell.run('node-2', 'iptables-save -t nat').stdout;
    expect(save).toContain('-m statistic --mode random --probability 0.33333333349');
    expect(save).toContain('-m statistic --mode random --probability 0.50000000000');
  });

  it('records each sync on the trace, and keeps the last diff for the inspector', () => {
    scale(cluster, 'web', 2);
    cluster.engine.advance(30_000);
    const syncs = cluster.engine.trace
      .since(0)
      .filter((r) => r.kind === 'sync' && r.from === 'kube-proxy@node-1');
    expect(syncs.length).toBeGreaterThan(1);
    expect(syncs.at(-1)?.to).toBe('node@node-1');
    expect(syncs.at(-1)?.summary).toMatch(/^iptables-restore: \d+ rules changed$/);
    const last = cluster.network.proxies.get('node-1')?.lastSync;
    expect(last?.rulesChanged).toBeGreaterThan(0);
  });

  it('a node still DNATs to the old endpoints for a moment after a change', () => {
    scale(cluster, 'web', 2);
    cluster.engine.advance(30_000);
    const before = dnatTargets(cluster, 'node-1', 'web');
    scale(cluster, 'web', 1);
    cluster.engine.advance(20);
    expect(dnatTargets(cluster, 'node-1', 'web')).toEqual(before);
    cluster.engine.advance(30_000);
    expect(dnatTargets(cluster, 'node-1', 'web')).toHaveLength(1);
  });

  it('shares one computed ruleset among nodes whose rules are the same', () => {
    const builds = cluster.network.proxies.cache.builds;
    scale(cluster, 'web', 3);
    cluster.engine.advance(30_000);
    const syncs = [...cluster.network.proxies.proxies.values()].reduce((n, p) => n + p.syncs, 0);
    expect(cluster.network.proxies.cache.builds - builds).toBeLessThan(syncs);
  });

  it('curl to the ClusterIP from every node reaches a ready nginx that names its pod', () => {
    scale(cluster, 'web', 3);
    cluster.engine.advance(30_000);
    const names = new Set(readyPods(cluster, 'web').map((p) => p.metadata?.name));
    for (const node of ALL_NODES) {
      const r = cluster.shell.run(node, `curl -s http://${svc.spec?.clusterIP}`);
      expect(r.exitCode).toBe(0);
      const served = /Served by pod <b>([^<]+)<\/b>/.exec(r.stdout)?.[1];
      expect(names.has(served)).toBe(true);
    }
  });

  it('a NodePort answers on every node, from another node and from localhost', () => {
    const np = expose(cluster, 'web-np', { type: 'NodePort', selector: { app: 'web' } });
    cluster.engine.advance(30_000);
    const port = np.spec?.ports?.[0]?.nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    for (const target of WORKERS) {
      const ip = cluster.nodeIP(target);
      const r = cluster.shell.run('node-1', `curl -s http://${ip}:${port}/`);
      expect(r.exitCode, `${target}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('Welcome to nginx!');
    }
    expect(cluster.shell.run('node-3', `curl -s localhost:${port}`).exitCode).toBe(0);
  });

  it('a service without endpoints is refused; a port nobody serves times out', () => {
    const empty = expose(cluster, 'nobody', { selector: { app: 'nobody' } });
    cluster.engine.advance(30_000);
    const r = cluster.shell.run('node-1', `curl http://${empty.spec?.clusterIP}`);
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toMatch(
      new RegExp(
        `^curl: \\(7\\) Failed to connect to ${empty.spec?.clusterIP} port 80 after \\d+ ms: Couldn't connect to server\\n$`,
      ),
    );
    const t = cluster.shell.run('node-1', `curl --connect-timeout 2 http://${svc.spec?.clusterIP}:81`);
    expect(t.exitCode).toBe(28);
    expect(t.stderr).toContain('Timeout was reached');
    expect(cluster.shell.run('node-1', 'curl http://web.default.svc.cluster.local').exitCode).toBe(6);
  });

  it('readiness failure takes a pod out of every node table', () => {
    const probed = 'probed';
    deploy(cluster, probed, 3, {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2, failureThreshold: 1 },
        },
      ],
    });
    expose(cluster, probed);
    cluster.engine.advance(60_000);
    const victim = readyPods(cluster, probed)[0];
    const ip = `${victim.status?.podIP}:80`;
    for (const node of ALL_NODES) expect(dnatTargets(cluster, node, probed)).toContain(ip);
    // The page goes away; nginx answers 404 and the kubelet's readiness probe fails.
    const machine = cluster.machines.get(victim.spec?.nodeName ?? '')!;
    const container = [...machine.runtime.containers.values()].find(
      (c) => c.podName === victim.metadata?.name,
    )!;
    machine.runtime.exec(container.id, ['rm', '/usr/share/nginx/html/index.html']);
    cluster.engine.advance(30_000);
    expect(readyPods(cluster, probed).map((p) => p.metadata?.name)).not.toContain(victim.metadata?.name);
    for (const node of ALL_NODES) {
      const targets = dnatTargets(cluster, node, probed);
      expect(targets).toHaveLength(2);
      expect(targets).not.toContain(ip);
    }
    const ep = rest(cluster, 'GET', `/api/v1/namespaces/default/endpoints/${probed}`).json() as Endpoints;
    expect(ep.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual([victim.status?.podIP]);
  });
});

describe('traffic', () => {
  let cluster: Cluster;
  let svc: Service;

  beforeEach(() => {
    cluster = createCluster({ nodes: 3 });
    deploy(cluster, 'web', 3);
    svc = expose(cluster, 'web');
    clientPod(cluster);
    cluster.engine.advance(30_000);
  });

  it('spreads 3,000 requests within 5 % of uniform across the pods', () => {
    const res = rest(cluster, 'POST', '/simulator/v1/traffic', {
      from: 'default/client',
      url: `http://${svc.spec?.clusterIP}`,
      requests: 3000,
      rate: 100,
    });
    expect(res.status).toBe(200);
    const report = res.json() as { succeeded: number; perPod: Record<string, number>; errors: object };
    expect(report.succeeded).toBe(3000);
    expect(report.errors).toEqual({});
    const counts = Object.values(report.perPod);
    expect(counts).toHaveLength(3);
    for (const n of counts) expect(Math.abs(n - 1000)).toBeLessThanOrEqual(50);
  });

  it('ClientIP affinity pins a client to one pod', () => {
    const sticky = expose(cluster, 'sticky', { selector: { app: 'web' }, sessionAffinity: 'ClientIP' });
    cluster.engine.advance(30_000);
    const report = cluster.network.runTraffic({
      from: 'default/client',
      url: `http://${sticky.spec?.clusterIP}`,
      requests: 200,
      rate: 50,
    });
    if (typeof report === 'string') throw new Error(report);
    expect(Object.values(report.perPod)).toEqual([200]);
  });

  it('curl from a pod by DNS name goes through CoreDNS and reaches a ready pod', () => {
    const r = cluster.network.curlFrom('default/client', ['http://web']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Served by pod <b>web-');
    const full = cluster.network.curlFrom('default/client', ['-s', 'http://web.default.svc.cluster.local/']);
    expect(full.exitCode).toBe(0);
    const missing = cluster.network.curlFrom('default/client', ['http://nope']);
    expect(missing).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n', exitCode: 6 });
  });

  it('answers cluster DNS: short names via the search path, headless names with pod IPs', () => {
    expose(cluster, 'web-headless', { clusterIP: 'None', selector: { app: 'web' } });
    cluster.engine.advance(30_000);
    const dns = cluster.network.dns;
    const search = podSearchPath('default');
    expect(dns.resolve('web', search).answer).toEqual({
      rcode: 'NOERROR',
      name: 'web.default.svc.cluster.local',
      addresses: [svc.spec?.clusterIP],
    });
    const h = dns.resolve('web-headless.default', search);
    expect(h.tried).toEqual([
      'web-headless.default.default.svc.cluster.local',
      'web-headless.default.svc.cluster.local',
    ]);
    expect(h.answer.rcode === 'NOERROR' && h.answer.addresses).toEqual(
      readyPods(cluster, 'web')
        .map((p) => p.status?.podIP)
        .sort(),
    );
    expect(dns.resolve('nope', search).answer.rcode).toBe('NXDOMAIN');
  });

  it('a powered-off node fails requests until the endpoints and tables catch up', () => {
    const client = readyPods(cluster, 'web');
    const clientNode = (
      rest(cluster, 'GET', '/api/v1/namespaces/default/pods/client').json() as { spec: { nodeName: string } }
    ).spec.nodeName;
    const victim = client.map((p) => p.spec?.nodeName ?? '').find((n) => n !== clientNode)!;
    cluster.shell.run(victim, 'poweroff');
    cluster.engine.advance(1);
    expect(cluster.machines.get(victim)?.powered).toBe(false);
    const report = cluster.network.runTraffic({
      from: 'default/client',
      url: `http://${svc.spec?.clusterIP}`,
      requests: 1200,
      rate: 10,
    });
    if (typeof report === 'string') throw new Error(report);
    expect(report.errors.timeout).toBeGreaterThan(0);
    const firstClean = report.timeline.findIndex((_s, i) =>
      report.timeline.slice(i).every((t) => t.failed === 0),
    );
    expect(firstClean).toBeGreaterThan(0);
    // Node lifecycle notices after its 50 s grace period; the endpoints follow at once.
    expect(report.timeline[firstClean].second).toBeLessThan(90);
    expect(report.timeline.at(-1)?.failed).toBe(0);
  });
});
