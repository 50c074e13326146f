import { compare } from 'fast-json-patch';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TraceRecord } from '../../worker/protocol';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { useLastRecord, useSimGet } from './hooks';
import { useInspector } from './inspector-store';
import styles from './inspector.module.css';

interface KeyInfo {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

interface KeysResponse {
  revision: number;
  count: number;
  keys: KeyInfo[];
}

interface HistoryResponse {
  key: string;
  revision: number;
  compactRevision: number;
  versions: Array<KeyInfo & { value: string }>;
}

interface Dir {
  name: string;
  path: string;
  dirs: Map<string, Dir>;
  leaves: KeyInfo[];
  count: number;
}

const ROOT = '/registry/';
const isEtcdWrite = (r: TraceRecord) => r.kind === 'etcd-put' || r.kind === 'etcd-delete';

/** `/registry/<resource>/[<namespace>/]<name>` as a tree: a directory per path segment but the last. */
function buildTree(keys: readonly KeyInfo[]): Dir {
  const root: Dir = { name: '/registry', path: ROOT, dirs: new Map(), leaves: [], count: 0 };
  for (const k of keys) {
    const parts = k.key.slice(ROOT.length).split('/');
    let d = root;
    d.count++;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = d.dirs.get(parts[i]);
      if (!next) {
        next = { name: parts[i], path: `${d.path}${parts[i]}/`, dirs: new Map(), leaves: [], count: 0 };
        d.dirs.set(parts[i], next);
      }
      next.count++;
      d = next;
    }
    d.leaves.push(k);
  }
  return root;
}

function withAncestors(set: ReadonlySet<string>, key: string | undefined): ReadonlySet<string> {
  if (!key?.startsWith(ROOT)) return set;
  const next = new Set(set);
  const parts = key.slice(ROOT.length).split('/');
  let p = ROOT;
  for (let i = 0; i < parts.length - 1; i++) next.add((p = `${p}${parts[i]}/`));
  return next;
}

/** The key each recent etcd write touched, with the newest write's seq (a new seq restarts the flash). */
function recentWrites(trace: readonly TraceRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  let n = 0;
  for (let i = trace.length - 1; i >= 0 && n < 60; i--) {
    const r = trace[i];
    if (!isEtcdWrite(r)) continue;
    n++;
    const key = r.summary.replace(/^(put|delete) /, '');
    if (!m.has(key)) m.set(key, r.seq);
  }
  return m;
}

const writesCache = new WeakMap<readonly TraceRecord[], string[]>();
function recentWriteList(trace: readonly TraceRecord[]): string[] {
  let v = writesCache.get(trace);
  if (!v) {
    v = [...recentWrites(trace)].map(([k, seq]) => `${seq}|${k}`);
    writesCache.set(trace, v);
  }
  return v;
}

const TreeDir = memo(function TreeDir({
  dir,
  depth,
  expanded,
  toggle,
  selected,
  flashes,
  forceOpen,
}: {
  dir: Dir;
  depth: number;
  expanded: ReadonlySet<string>;
  toggle: (path: string) => void;
  selected?: string;
  flashes: ReadonlyMap<string, number>;
  forceOpen: boolean;
}) {
  const { t } = useTranslation();
  const select = useInspector((s) => s.inspectEtcd);
  const dirs = [...dir.dirs.values()].sort((a, b) => a.name.localeCompare(b.name));
  const leaves = [...dir.leaves].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <ul
      className={styles.treeList}
      role={depth === 0 ? 'tree' : 'group'}
      aria-label={depth === 0 ? t('inspector.etcd.tree') : undefined}
    >
      {dirs.map((d) => {
        const open = forceOpen || expanded.has(d.path);
        let flash = 0;
        if (!open) for (const [k, seq] of flashes) if (k.startsWith(d.path) && seq > flash) flash = seq;
        return (
          <li key={d.path} role="treeitem" aria-expanded={open} aria-selected={false}>
            <button
              type="button"
              className={styles.treeDir}
              style={{ paddingLeft: 6 + depth * 14 }}
              onClick={() => toggle(d.path)}
              data-testid={`etcd-dir-${d.path}`}
            >
              <span className={styles.caret} aria-hidden>
                {open ? '▾' : '▸'}
              </span>
              <span className={styles.mono}>{d.name}/</span>
              <span className={styles.count}>{d.count}</span>
              {flash > 0 && <span key={flash} className={styles.flashDot} aria-hidden />}
            </button>
            {open && (
              <TreeDir
                dir={d}
                depth={depth + 1}
                expanded={expanded}
                toggle={toggle}
                selected={selected}
                flashes={flashes}
                forceOpen={forceOpen}
              />
            )}
          </li>
        );
      })}
      {leaves.map((k) => {
        const name = k.key.slice(dir.path.length);
        const flash = flashes.get(k.key);
        return (
          <li key={k.key} role="treeitem" aria-selected={selected === k.key}>
            <button
              type="button"
              className={styles.treeKey}
              style={{ paddingLeft: 20 + depth * 14 }}
              onClick={() => select(k.key)}
              data-selected={selected === k.key || undefined}
              data-testid={`etcd-key-${k.key}`}
              data-mod-revision={k.modRevision}
              title={k.key}
            >
              {flash !== undefined && <span key={flash} className={styles.flash} aria-hidden />}
              <span className={`${styles.mono} ${styles.keyName}`}>{name}</span>
              <span
                className={styles.revs}
                aria-label={t('inspector.etcd.revsLabel', {
                  createRevision: k.createRevision,
                  modRevision: k.modRevision,
                  version: k.version,
                })}
              >
                <span title={t('inspector.etcd.createRevision')}>c{k.createRevision}</span>
                <span title={t('inspector.etcd.modRevision')}>m{k.modRevision}</span>
                <span title={t('inspector.etcd.version')}>v{k.version}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
});

function parse(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function KeyDetail({ keyName, refresh }: { keyName: string; refresh: unknown }) {
  const { t } = useTranslation();
  const { data, error } = useSimGet<HistoryResponse>(
    '/simulator/v1/etcd/history',
    `key=${encodeURIComponent(keyName)}`,
    refresh,
  );
  const [pickedFor, setPicked] = useState<{ key: string; rev: number } | undefined>();
  const picked = pickedFor?.key === keyName ? pickedFor.rev : undefined;
  const versions = useMemo(
    () => (data?.key === keyName ? [...data.versions].reverse() : []),
    [data, keyName],
  );
  const changes = useMemo(() => {
    const out = new Map<number, string[]>();
    const asc = [...versions].reverse();
    for (let i = 0; i < asc.length; i++) {
      const v = asc[i];
      if (v.version === 0) out.set(v.modRevision, [t('inspector.etcd.deleted')]);
      else if (i === 0 || asc[i - 1].version === 0) out.set(v.modRevision, [t('inspector.etcd.created')]);
      else {
        const a = parse(asc[i - 1].value);
        const b = parse(v.value);
        const ops =
          typeof a === 'object' && a && typeof b === 'object' && b
            ? [
                ...new Set(
                  compare(a, b)
                    .map((o) => o.path.split('/').slice(0, 3).join('/'))
                    .filter(
                      (p) => p !== '/metadata/resourceVersion' && !p.startsWith('/metadata/managedFields'),
                    ),
                ),
              ]
            : [];
        out.set(v.modRevision, ops);
      }
    }
    return out;
  }, [versions, t]);
  const shown = versions.find((v) => v.modRevision === picked) ?? versions[0];
  const pretty = useMemo(() => {
    if (!shown) return '';
    const v = parse(shown.value);
    return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  }, [shown]);
  const current = versions[0];
  return (
    <div className={styles.keyDetail} data-testid="etcd-detail">
      <div className={styles.keyTitle}>
        <code className={styles.mono} data-testid="etcd-selected-key">
          {keyName}
        </code>
      </div>
      {error && <p className={styles.error}>{error}</p>}
      {current && (
        <dl className={styles.revGrid}>
          <div>
            <dt>create_revision</dt>
            <dd data-testid="etcd-create-rev">{current.createRevision}</dd>
          </div>
          <div>
            <dt>mod_revision</dt>
            <dd data-testid="etcd-mod-rev">{current.modRevision}</dd>
          </div>
          <div>
            <dt>version</dt>
            <dd>{current.version}</dd>
          </div>
          <div>
            <dt>{t('inspector.etcd.storeRevision')}</dt>
            <dd>{data?.revision}</dd>
          </div>
        </dl>
      )}
      <h3 className={styles.sectionTitle}>
        {t('inspector.etcd.history')} <span className={styles.count}>{versions.length}</span>
      </h3>
      <div className={styles.history}>
        <table className={styles.table} data-testid="etcd-history">
          <thead>
            <tr>
              <th scope="col">mod_revision</th>
              <th scope="col">version</th>
              <th scope="col">{t('inspector.etcd.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const ch = changes.get(v.modRevision) ?? [];
              return (
                <tr key={v.modRevision} data-selected={shown === v || undefined}>
                  <td>
                    <button
                      type="button"
                      className={styles.objLink}
                      onClick={() => setPicked({ key: keyName, rev: v.modRevision })}
                      aria-label={t('inspector.etcd.showRevision', { rev: v.modRevision })}
                    >
                      {v.modRevision}
                    </button>
                  </td>
                  <td className={styles.mono}>
                    {v.version === 0 ? t('inspector.etcd.tombstone') : v.version}
                  </td>
                  <td className={styles.changes} title={ch.join('\n')}>
                    {ch.length === 0 ? <span className={styles.muted}>—</span> : ch.join(', ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className={styles.sectionTitle}>
        {t('inspector.etcd.value')}
        {shown && <span className={styles.muted}> · mod_revision {shown.modRevision}</span>}
      </h3>
      <pre
        className={`${styles.code} ${styles.fillCode}`}
        data-testid="etcd-value"
        tabIndex={0}
        aria-label={t('inspector.etcd.value')}
      >
        {pretty}
      </pre>
    </div>
  );
}

/** etcd's `/registry` as a tree of keys with their revisions; a key's value and its history. */
export const EtcdInspector = memo(function EtcdInspector() {
  const { t } = useTranslation();
  const selected = useInspector((s) => s.etcdKey);
  const select = useInspector((s) => s.inspectEtcd);
  const lastWrite = useLastRecord('etcd-write', isEtcdWrite);
  const { data, error, loading } = useSimGet<KeysResponse>(
    '/simulator/v1/etcd/keys',
    `prefix=${encodeURIComponent(ROOT)}`,
    lastWrite?.seq,
  );
  const writeList = useCluster(useShallow((s: ClusterState) => recentWriteList(s.trace)));
  const flashes = useMemo(() => {
    const m = new Map<string, number>();
    for (const w of writeList) {
      const i = w.indexOf('|');
      m.set(w.slice(i + 1), Number(w.slice(0, i)));
    }
    return m;
  }, [writeList]);
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => withAncestors(new Set(), selected));
  // A newly selected key (from a link elsewhere) opens the directories down to it.
  const [shownFor, setShownFor] = useState(selected);
  if (shownFor !== selected) {
    setShownFor(selected);
    setExpanded((prev) => withAncestors(prev, selected));
  }
  const keys = useMemo(() => {
    const q = filter.trim();
    return (data?.keys ?? []).filter((k) => !q || k.key.includes(q));
  }, [data, filter]);
  const tree = useMemo(() => buildTree(keys), [keys]);
  const toggle = (path: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const selectedInfo = data?.keys.find((k) => k.key === selected);
  const recent = writeList.slice(0, 4);
  return (
    <div className={styles.inspector} data-testid="etcd-inspector">
      <div className={styles.picker}>
        <label className={`${styles.field} ${styles.grow}`}>
          <span>{t('inspector.etcd.filter')}</span>
          <input
            type="search"
            value={filter}
            placeholder="/registry/pods/default"
            onChange={(e) => setFilter(e.target.value)}
            data-testid="etcd-filter"
          />
        </label>
        <div className={styles.stat}>
          <span>{t('inspector.etcd.revision')}</span>
          <strong data-testid="etcd-revision">{data?.revision ?? '—'}</strong>
        </div>
        <div className={styles.stat}>
          <span>{t('inspector.etcd.keys')}</span>
          <strong>{data?.count ?? '—'}</strong>
        </div>
      </div>
      <div className={styles.recent} aria-label={t('inspector.etcd.recent')}>
        <span className={styles.recentTitle}>{t('inspector.etcd.recent')}</span>
        {recent.length === 0 && <span className={styles.muted}>{t('inspector.etcd.noWrites')}</span>}
        {recent.map((w) => {
          const i = w.indexOf('|');
          const key = w.slice(i + 1);
          return (
            <button
              key={w}
              type="button"
              className={styles.recentKey}
              onClick={() => select(key)}
              title={key}
            >
              <span key={w.slice(0, i)} className={styles.flash} aria-hidden />
              <span>{key.replace(ROOT, '')}</span>
            </button>
          );
        })}
      </div>
      {error && <p className={styles.error}>{error}</p>}
      <div className={styles.split}>
        <div className={styles.tree} data-testid="etcd-tree">
          {loading && !data ? (
            <p className={styles.muted}>{t('inspector.loading')}</p>
          ) : (
            <TreeDir
              dir={tree}
              depth={0}
              expanded={expanded}
              toggle={toggle}
              selected={selected}
              flashes={flashes}
              forceOpen={filter.trim().length > 0}
            />
          )}
        </div>
        <div className={styles.detailPane}>
          {selected ? (
            <KeyDetail keyName={selected} refresh={selectedInfo?.modRevision ?? lastWrite?.seq} />
          ) : (
            <p className={styles.empty}>{t('inspector.etcd.hint')}</p>
          )}
        </div>
      </div>
    </div>
  );
});
