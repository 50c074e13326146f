/**
 * `npm run bench [-- --nodes 1000 --replicas 10000 --seed 1]`: a headless cluster runs one big
 * Deployment to all-Running and prints wall time, virtual time, events per second and peak memory,
 * scaling up a tenth at a time so the cost of each tenth can be compared — flat if cost per pod
 * does not grow with the pods already running. A measurement, not a test: nothing asserts a time.
 */
import { createCluster } from '../src/sim/cluster';
import { rest } from '../src/sim/apiserver/testing';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const nodes = arg('nodes', 1000);
const replicas = arg('replicas', 10_000);
const seed = arg('seed', 1);
const maxVirtualMs = arg('max-virtual-seconds', 3600) * 1000;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const t0 = performance.now();
const cluster = createCluster({ nodes, seed, traceCapacity: 200_000 });
const bootMs = performance.now() - t0;
sample();
console.log(`cluster of ${nodes} worker nodes booted in ${(bootMs / 1000).toFixed(1)} s wall`);

const startVirtual = cluster.engine.now;
const startEvents = cluster.engine.processedEvents;
const step = Math.max(1, Math.floor(replicas / 10));
const deployment = (n: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'bench' },
  spec: {
    replicas: n,
    selector: { matchLabels: { app: 'bench' } },
    template: {
      metadata: { labels: { app: 'bench' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
    },
  },
});

const pods = cluster.apiserver.cache('pods');
const running = () => {
  let n = 0;
  for (const p of pods.list('default'))
    if ((p.status as { phase?: string } | undefined)?.phase === 'Running') n++;
  return n;
};

// Ten increments of a tenth each: the wall time of each shows whether a pod costs more when
// many are already running.
const t1 = performance.now();
const increments: Array<{ target: number; wallMs: number; cpuMs: number; virtualMs: number }> = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let done = 0;
for (let target = step; target <= replicas; target += step) {
  const res =
    target === step
      ? rest(cluster, 'POST', '/apis/apps/v1/namespaces/default/deployments', deployment(target))
      : rest(
          cluster,
          'PATCH',
          '/apis/apps/v1/namespaces/default/deployments/bench',
          { spec: { replicas: target } },
          {
            'content-type': 'application/merge-patch+json',
          },
        );
  if (res.status >= 300) throw new Error(`scaling to ${target} failed: ${res.body}`);
  const ts = performance.now();
  const cs = cpuNow();
  const vs = cluster.engine.now;
  while (done < target && cluster.engine.now - startVirtual < maxVirtualMs) {
    cluster.engine.advance(500);
    sample();
    done = running();
  }
  increments.push({
    target,
    wallMs: performance.now() - ts,
    cpuMs: cpuNow() - cs,
    virtualMs: cluster.engine.now - vs,
  });
}
const wallMs = performance.now() - t1;
const virtualMs = cluster.engine.now - startVirtual;
const events = cluster.engine.processedEvents - startEvents;

console.log(`\n${done}/${replicas} pods Running`);
console.log(`wall time        ${(wallMs / 1000).toFixed(1)} s`);
console.log(`virtual time     ${(virtualMs / 1000).toFixed(0)} s`);
console.log(`events           ${events} (${Math.round(events / (wallMs / 1000))} per wall second)`);
console.log(`trace records    ${cluster.engine.trace.lastSeq}`);
console.log(`etcd revision    ${cluster.etcd.revision}`);
console.log(`peak RSS         ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
console.log(
  `\nscaling up by ${step} pods at a time (flat CPU ms per pod = cost does not grow with running pods):`,
);
for (const inc of increments)
  console.log(
    `  to ${String(inc.target).padStart(6)}  ${(inc.wallMs / 1000).toFixed(2).padStart(6)} s wall  ${(inc.cpuMs / step).toFixed(2).padStart(6)} CPU ms/pod  ${(inc.virtualMs / 1000).toFixed(1)} s virtual`,
  );
if (done < replicas) process.exitCode = 1;
