/** Data for the inspectors: read-only `/simulator/v1` calls refreshed when the trace says something changed. */
import { useEffect, useRef, useState } from 'react';
import type { TraceRecord } from '../../worker/protocol';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { useClusterClient } from '../store/context';

/** Fewest wall milliseconds between two refreshes of one view, however fast the cluster runs. */
const REFRESH_MS = 400;

export interface Fetched<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

/**
 * GETs `path?query` (KubeSim's own API: no hop on the trace) and again whenever `refresh` changes,
 * at most once per REFRESH_MS. A cluster restart or replay refreshes too.
 */
export function useSimGet<T>(path: string | undefined, query: string, refresh: unknown): Fetched<T> {
  const client = useClusterClient();
  const generation = useCluster((s) => s.connection.generation);
  const [state, setState] = useState<Fetched<T>>({ loading: true });
  const last = useRef(0);
  useEffect(() => {
    if (!path) return;
    let cancelled = false;
    const run = () => {
      last.current = Date.now();
      client
        .request({ method: 'GET', path, query })
        .then((res) => {
          if (cancelled) return;
          if (res.status !== 200) {
            let message = `HTTP ${res.status}`;
            try {
              message = (JSON.parse(res.body) as { message?: string }).message ?? message;
            } catch {
              // not JSON
            }
            setState({ loading: false, error: message });
          } else setState({ loading: false, data: JSON.parse(res.body) as T });
        })
        .catch((e: Error) => !cancelled && setState({ loading: false, error: e.message }));
    };
    const wait = Math.max(0, last.current + REFRESH_MS - Date.now());
    const timer = setTimeout(run, wait);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, path, query, refresh, generation]);
  return path ? state : { loading: false };
}

const lastCache = new WeakMap<readonly TraceRecord[], Map<string, TraceRecord | null>>();

/** The newest trace record the UI holds that matches `pred` (cached per trace version and `cacheKey`). */
export function lastRecord(
  trace: readonly TraceRecord[],
  cacheKey: string,
  pred: (r: TraceRecord) => boolean,
): TraceRecord | undefined {
  let m = lastCache.get(trace);
  if (!m) lastCache.set(trace, (m = new Map()));
  const hit = m.get(cacheKey);
  if (hit !== undefined) return hit ?? undefined;
  let found: TraceRecord | null = null;
  for (let i = trace.length - 1; i >= 0; i--)
    if (pred(trace[i])) {
      found = trace[i];
      break;
    }
  m.set(cacheKey, found);
  return found ?? undefined;
}

/** The newest matching record; re-renders only when a newer one arrives. */
export function useLastRecord(cacheKey: string, pred: (r: TraceRecord) => boolean): TraceRecord | undefined {
  return useCluster((s: ClusterState) => lastRecord(s.trace, cacheKey, pred));
}

/** Virtual "now" as epoch milliseconds, for ages such as LAST SEEN; ticks at most once a second of virtual time. */
export function useVirtualNowSec(): number {
  return useCluster((s) => Math.floor((s.clock.epochMs + s.clock.now) / 1000));
}

/** kubectl's age format (`45s`, `3m12s`, `2h`, `5d`), from seconds. */
export function shortAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
