import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { rest } from '../apiserver/testing';
import { createCluster } from '../cluster';
import { deploy, expose, readyPods } from './testing';

const node = (c: ReturnType<typeof createCluster>, name: string) =>
  rest(c, 'GET', `/api/v1/nodes/${name}`).json() as Node;
const ready = (n: Node) => n.status?.conditions?.find((x) => x.type === 'Ready')?.status;

describe('cutting a node off the network (ip link set eth0 down)', () => {
  it('stops its lease, drops packets to it, and heals when the link comes back', () => {
    const c = createCluster({ nodes: 3 });
    deploy(c, 'web', 3);
    const svc = expose(c, 'web');
    c.engine.advance(30_000);
    const victim = readyPods(c, 'web')[0].spec!.nodeName!;
    const other = ['node-1', 'node-2', 'node-3'].find((n) => n !== victim)!;
    const victimIP = readyPods(c, 'web').find((p) => p.spec?.nodeName === victim)!.status!.podIP!;
    const lease = () =>
      (
        rest(c, 'GET', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${victim}`).json() as {
          spec: { renewTime: string };
        }
      ).spec.renewTime;

    expect(c.shell.run(victim, 'ip link set eth0 down').exitCode).toBe(0);
    expect(c.shell.run(victim, 'ip link show eth0').stdout).toContain('state DOWN');
    const renewed = lease();
    c.engine.advance(30_000);
    expect(lease()).toBe(renewed); // renewals no longer reach the apiserver
    // The kubelet and its containers keep running; only the network is gone.
    expect(c.shell.run(victim, 'systemctl is-active kubelet').stdout).toBe('active\n');
    const r = c.network.request(other, `http://${victimIP}`, { connectTimeoutMs: 1000 });
    expect(r.error?.kind).toBe('timeout');
    c.engine.advance(30_000);
    expect(ready(node(c, victim))).toBe('Unknown');
    expect(node(c, victim).spec?.taints?.map((t) => t.key)).toContain('node.kubernetes.io/unreachable');
    // Traffic through the Service stops reaching the cut node once the endpoints drop it.
    const report = c.network.runTraffic({
      from: other,
      url: `http://${svc.spec?.clusterIP}`,
      requests: 30,
      rate: 10,
    });
    if (typeof report === 'string') throw new Error(report);
    expect(report.errors.timeout ?? 0).toBe(0);

    c.shell.run(victim, 'ip link set eth0 up');
    c.engine.advance(20_000);
    expect(lease()).not.toBe(renewed);
    expect(ready(node(c, victim))).toBe('True');
    expect(c.network.request(other, `http://${victimIP}`).response?.status).toBe(200);
  });

  it('kube-controller-manager is a systemd unit: stopped, a Deployment makes no pods', () => {
    const c = createCluster({ nodes: 1 });
    expect(c.shell.run('control-plane', 'systemctl stop kube-controller-manager').exitCode).toBe(0);
    expect(c.shell.run('control-plane', 'systemctl status kube-controller-manager').stdout).toContain(
      'inactive (dead)',
    );
    deploy(c, 'web', 1);
    c.engine.advance(10_000);
    const pods = () => (rest(c, 'GET', '/api/v1/namespaces/default/pods').json() as { items: Pod[] }).items;
    expect(pods()).toHaveLength(0);
    c.shell.run('control-plane', 'systemctl start kube-controller-manager');
    c.engine.advance(10_000);
    expect(pods()).toHaveLength(1);
  });

  it('a live traffic run is watchable and fills in as the clock runs', () => {
    const c = createCluster({ nodes: 2 });
    deploy(c, 'web', 2);
    expose(c, 'web');
    c.engine.advance(30_000);
    const w = c.handle({
      method: 'GET',
      path: '/simulator/v1/traffic/runs',
      query: new URLSearchParams('watch=1'),
      headers: { authorization: `Bearer ${c.adminToken}` },
    });
    const lines: string[] = [];
    w.stream!.subscribe(
      (l) => lines.push(l),
      () => {},
    );
    const r = rest(c, 'POST', '/simulator/v1/traffic/runs', {
      from: 'node-1',
      url: 'http://web.default.svc.cluster.local',
      requests: 20,
      rate: 10,
    });
    expect(r.status, r.body).toBe(201);
    c.engine.advance(3_000);
    const events = lines.map(
      (l) => JSON.parse(l) as { type: string; object: { status: { sent: number; done: boolean } } },
    );
    expect(events[0].type).toBe('ADDED');
    expect(events.length).toBeGreaterThan(3);
    const last = events.at(-1)!.object.status;
    expect(last.done).toBe(true);
    expect(last.sent).toBe(20);
    w.stream!.close();
  });
});
