import type { Engine } from '../engine/simulation';
import type { EtcdStore } from '../etcd/store';

/** kube-apiserver's `--etcd-compaction-interval` default. */
export const COMPACTION_INTERVAL_MS = 5 * 60_000;

/**
 * The apiserver's etcd compactor (staging/src/k8s.io/apiserver/pkg/storage/etcd3/compact.go):
 * every interval it compacts to the revision it saw one interval earlier, so history older than
 * five minutes is dropped and a watch from before then gets "too old resource version".
 */
export function startCompactor(engine: Engine, etcd: EtcdStore, intervalMs = COMPACTION_INTERVAL_MS): void {
  let previous = etcd.revision;
  const tick = () => {
    if (previous > etcd.compactRevision) {
      engine.record({
        from: 'kube-apiserver',
        to: 'etcd',
        kind: 'etcd-compact',
        summary: `compact to revision ${previous}`,
      });
      etcd.compact(previous);
    }
    previous = etcd.revision;
    engine.schedule(intervalMs, 'etcd compaction', tick);
  };
  engine.schedule(intervalMs, 'etcd compaction', tick);
}
