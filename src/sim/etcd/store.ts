import {
  CompactedError,
  FutureRevisionError,
  type Compare,
  type KeyValue,
  type Op,
  type OpResult,
  type TxnResult,
  type WatchEvent,
} from './types';

interface Watcher {
  prefix: string;
  cb: (ev: WatchEvent) => void;
}

/**
 * An MVCC key-value store with etcd's semantics: one global revision that every write bumps,
 * per-key create/mod revision and version, ranges sorted by key, transactions that compare
 * revisions, watches that replay from any revision still held, and compaction.
 */
export class EtcdStore {
  private current = new Map<string, KeyValue>();
  /** Live keys in byte order, so a prefix range is a binary search and a scan of what matches. */
  private sortedKeys: string[] = [];
  /** Every change since the compact revision, in revision order: the watch history. */
  private log: WatchEvent[] = [];
  /** Each key's versions since the compact revision (tombstones have version 0), for reads at a revision. */
  private history = new Map<string, KeyValue[]>();
  private watchers = new Set<Watcher>();
  private rev = 1;
  private compactRev = 0;

  /** The store's current revision. A new etcd starts at 1. */
  get revision(): number {
    return this.rev;
  }

  get compactRevision(): number {
    return this.compactRev;
  }

  get(key: string, revision?: number): KeyValue | undefined {
    if (revision === undefined || revision >= this.rev) return this.current.get(key);
    this.checkRevision(revision);
    const versions = this.history.get(key);
    if (!versions) {
      // Never changed since compaction: what is live now was there then, if it was created by then.
      const kv = this.current.get(key);
      return kv && kv.modRevision <= revision ? kv : undefined;
    }
    for (let i = versions.length - 1; i >= 0; i--) {
      const kv = versions[i];
      if (kv.modRevision <= revision) return kv.version === 0 ? undefined : kv;
    }
    const kv = this.current.get(key);
    return kv && kv.modRevision <= revision ? kv : undefined;
  }

  /** Keys starting with `prefix`, sorted; at `revision` when given. */
  range(
    prefix: string,
    opts: { revision?: number; limit?: number; keysOnly?: boolean } = {},
  ): { kvs: KeyValue[]; count: number; revision: number } {
    const out: KeyValue[] = [];
    let count = 0;
    if (opts.revision === undefined || opts.revision >= this.rev) {
      let i = lowerBound(this.sortedKeys, prefix);
      for (; i < this.sortedKeys.length && this.sortedKeys[i].startsWith(prefix); i++) {
        count++;
        if (opts.limit === undefined || out.length < opts.limit)
          out.push(this.current.get(this.sortedKeys[i])!);
      }
    } else {
      this.checkRevision(opts.revision);
      const keys = new Set<string>();
      for (const k of this.sortedKeys) if (k.startsWith(prefix)) keys.add(k);
      for (const k of this.history.keys()) if (k.startsWith(prefix)) keys.add(k);
      for (const k of [...keys].sort()) {
        const kv = this.get(k, opts.revision);
        if (!kv) continue;
        count++;
        if (opts.limit === undefined || out.length < opts.limit) out.push(kv);
      }
    }
    return { kvs: out, count, revision: this.rev };
  }

  put(key: string, value: string): { revision: number; kv: KeyValue; prevKv?: KeyValue } {
    const r = this.txn([], [{ type: 'put', key, value }]);
    return { revision: r.revision, kv: r.results[0].kv!, prevKv: r.results[0].prevKv };
  }

  delete(key: string): { revision: number; prevKv?: KeyValue } {
    const r = this.txn([], [{ type: 'delete', key }]);
    return { revision: r.revision, prevKv: r.results[0].prevKv };
  }

  /** etcd's Txn: if every compare holds, run `success`, else `failure`; all writes share one revision. */
  txn(compares: Compare[], success: Op[], failure: Op[] = []): TxnResult {
    const succeeded = compares.every((c) => this.holds(c));
    const ops = succeeded ? success : failure;
    const writes = ops.some((o) => o.type !== 'get' && (o.type === 'put' || this.current.has(o.key)));
    const revision = writes ? this.rev + 1 : this.rev;
    const results: OpResult[] = [];
    const events: WatchEvent[] = [];
    for (const op of ops) {
      const prev = this.current.get(op.key);
      if (op.type === 'get') {
        results.push({ type: 'get', key: op.key, kv: prev });
      } else if (op.type === 'put') {
        const kv: KeyValue = {
          key: op.key,
          value: op.value,
          createRevision: prev ? prev.createRevision : revision,
          modRevision: revision,
          version: prev ? prev.version + 1 : 1,
        };
        if (!prev) this.sortedKeys.splice(lowerBound(this.sortedKeys, op.key), 0, op.key);
        this.current.set(op.key, kv);
        this.remember(kv);
        events.push({ type: 'PUT', kv, prevKv: prev, revision });
        results.push({ type: 'put', key: op.key, kv, prevKv: prev });
      } else {
        if (prev) {
          this.current.delete(op.key);
          this.sortedKeys.splice(lowerBound(this.sortedKeys, op.key), 1);
          const tomb: KeyValue = {
            key: op.key,
            value: '',
            createRevision: 0,
            modRevision: revision,
            version: 0,
          };
          this.remember(tomb);
          events.push({ type: 'DELETE', kv: tomb, prevKv: prev, revision });
        }
        results.push({ type: 'delete', key: op.key, prevKv: prev });
      }
    }
    this.rev = revision;
    for (const ev of events) {
      this.log.push(ev);
      for (const w of this.watchers) if (ev.kv.key.startsWith(w.prefix)) w.cb(ev);
    }
    return { succeeded, revision, results };
  }

  /**
   * Watches keys under `prefix`. With `fromRevision`, first replays every change at or after it
   * (so nothing is lost between a list at revision R and a watch from R+1).
   */
  watch(prefix: string, cb: (ev: WatchEvent) => void, fromRevision?: number): () => void {
    if (fromRevision !== undefined && fromRevision > 0) {
      if (fromRevision <= this.compactRev) throw new CompactedError(fromRevision, this.compactRev);
      for (let i = lowerBoundRevision(this.log, fromRevision); i < this.log.length; i++) {
        const ev = this.log[i];
        if (ev.kv.key.startsWith(prefix)) cb(ev);
      }
    }
    const w: Watcher = { prefix, cb };
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  /** Drops history before `revision`: reads and watches from earlier revisions now fail. */
  compact(revision: number): void {
    if (revision <= this.compactRev) throw new CompactedError(revision, this.compactRev);
    if (revision > this.rev) throw new FutureRevisionError();
    this.compactRev = revision;
    this.log = this.log.slice(lowerBoundRevision(this.log, revision));
    for (const [key, versions] of this.history) {
      // Keep the newest version at or before the compact revision (it is still the value then), and all after.
      let keepFrom = 0;
      for (let i = 0; i < versions.length; i++) if (versions[i].modRevision <= revision) keepFrom = i;
      const kept = versions.slice(keepFrom);
      if (kept.length === 1 && (kept[0].version === 0 || this.current.get(key) === kept[0]))
        this.history.delete(key);
      else this.history.set(key, kept);
    }
  }

  /** Every version of a key still held, oldest first (tombstones have version 0). */
  keyHistory(key: string): KeyValue[] {
    const versions = this.history.get(key);
    if (versions) return [...versions];
    const kv = this.current.get(key);
    return kv ? [kv] : [];
  }

  /** Number of live keys. */
  get size(): number {
    return this.current.size;
  }

  private remember(kv: KeyValue): void {
    let versions = this.history.get(kv.key);
    if (!versions) this.history.set(kv.key, (versions = []));
    versions.push(kv);
  }

  private holds(c: Compare): boolean {
    const kv = this.current.get(c.key);
    const actual = !kv
      ? 0
      : c.target === 'mod'
        ? kv.modRevision
        : c.target === 'create'
          ? kv.createRevision
          : kv.version;
    switch (c.result) {
      case '=':
        return actual === c.value;
      case '!=':
        return actual !== c.value;
      case '<':
        return actual < c.value;
      case '>':
        return actual > c.value;
    }
  }

  private checkRevision(revision: number): void {
    if (revision < this.compactRev) throw new CompactedError(revision, this.compactRev);
  }
}

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundRevision(log: WatchEvent[], revision: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log[mid].revision < revision) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
