/**
 * `npm run bench [-- --nodes 1000 --replicas 10000 --seed 1]`: a headless cluster runs one big
 * Deployment to all-Running and prints wall time, virtual time, events per second and peak memory,
 * plus the wall time of each successive tenth of the pods — flat if cost per pod does not grow
 * with the pods already running. A measurement, not a test: nothing here asserts a time.
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
const created = rest(cluster, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'bench' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'bench' } },
    template: {
      metadata: { labels: { app: 'bench' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
    },
  },
});
if (created.status !== 201) throw new Error(`create failed: ${created.body}`);

const pods = cluster.apiserver.cache('pods');
const running = () => {
  let n = 0;
  for (const p of pods.list('default'))
    if ((p.status as { phase?: string } | undefined)?.phase === 'Running') n++;
  return n;
};

const t1 = performance.now();
const tenth = Math.max(1, Math.floor(replicas / 10));
const marks: number[] = [];
let done = 0;
while (done < replicas && cluster.engine.now - startVirtual < maxVirtualMs) {
  cluster.engine.advance(1000);
  sample();
  done = running();
  while (marks.length < 10 && done >= (marks.length + 1) * tenth) marks.push(performance.now());
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
console.log(`\nwall seconds per tenth of the pods (flat = cost per pod does not grow):`);
let prev = t1;
marks.forEach((m, i) => {
  console.log(`  ${String((i + 1) * 10).padStart(3)}%  ${((m - prev) / 1000).toFixed(2)} s`);
  prev = m;
});
if (done < replicas) process.exitCode = 1;
