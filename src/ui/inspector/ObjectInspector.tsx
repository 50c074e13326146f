import { memo, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { KubeObject, TraceRecord } from '../../worker/protocol';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { useObject } from '../store/selectors';
import { EventRows } from './EventsInspector';
import { compareEventsNewestFirst, eventObject, kubectlYaml, type EventLike } from './format';
import { useInspector, type ObjectRef } from './inspector-store';
import { KINDS, etcdKeyOf, kindInfo, refKey } from './objects';
import styles from './inspector.module.css';

interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

function owners(obj: KubeObject): OwnerRef[] {
  return ((obj.metadata as { ownerReferences?: OwnerRef[] } | undefined)?.ownerReferences ?? []).filter(
    (o) => o.controller !== false,
  );
}

const enc = (r: ObjectRef) => `${r.kind}|${r.namespace ?? ''}|${r.name}`;
const dec = (k: string): ObjectRef => {
  const [kind, namespace, name] = k.split('|');
  return { kind, namespace: namespace || undefined, name };
};

function lookup(s: ClusterState, ref: ObjectRef): KubeObject | undefined {
  return s.objects[ref.kind]?.[refKey(ref)];
}

/** The objects this one was made by, outermost first (Deployment → ReplicaSet → …). */
function ancestorsOf(s: ClusterState, obj: KubeObject): ObjectRef[] {
  const out: ObjectRef[] = [];
  let cur: KubeObject | undefined = obj;
  for (let i = 0; cur && i < 5; i++) {
    const o: OwnerRef | undefined = owners(cur)[0];
    if (!o) break;
    const ref: ObjectRef = { kind: o.kind, namespace: cur.metadata?.namespace, name: o.name };
    out.unshift(ref);
    cur = lookup(s, ref);
  }
  return out;
}

/** What this object made or holds: owned objects, a node's pods, a Service's EndpointSlices. */
function childrenOf(s: ClusterState, obj: KubeObject): ObjectRef[] {
  const uid = obj.metadata?.uid;
  const kind = obj.kind ?? '';
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace;
  const out: ObjectRef[] = [];
  const scan = (k: string, pick: (o: KubeObject) => boolean) => {
    for (const o of Object.values(s.objects[k] ?? {}))
      if (pick(o)) out.push({ kind: k, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' });
  };
  if (kind === 'Node') scan('Pod', (p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === name);
  else if (kind === 'Service')
    scan(
      'EndpointSlice',
      (e) => e.metadata?.namespace === ns && e.metadata?.labels?.['kubernetes.io/service-name'] === name,
    );
  else if (kind === 'EndpointSlice') {
    const eps = (
      obj as { endpoints?: Array<{ targetRef?: { kind?: string; name?: string; namespace?: string } }> }
    ).endpoints;
    for (const e of eps ?? [])
      if (e.targetRef?.kind === 'Pod' && e.targetRef.name)
        out.push({ kind: 'Pod', namespace: e.targetRef.namespace ?? ns, name: e.targetRef.name });
  } else if (uid)
    for (const k of ['ReplicaSet', 'Pod'])
      scan(k, (o) => o.metadata?.namespace === ns && owners(o).some((r) => r.uid === uid));
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** A one-line status for a link of the chain. */
function statusOf(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const st = obj.status as Record<string, unknown> | undefined;
  const spec = obj.spec as Record<string, unknown> | undefined;
  switch (obj.kind) {
    case 'Pod':
      return String(st?.phase ?? '');
    case 'Deployment':
    case 'ReplicaSet':
      return `${Number(st?.readyReplicas ?? 0)}/${Number(spec?.replicas ?? 0)}`;
    case 'DaemonSet':
      return `${Number(st?.numberReady ?? 0)}/${Number(st?.desiredNumberScheduled ?? 0)}`;
    case 'Node': {
      const ready = (st?.conditions as Array<{ type: string; status: string }> | undefined)?.find(
        (c) => c.type === 'Ready',
      );
      return ready?.status === 'True' ? 'Ready' : 'NotReady';
    }
    case 'Service':
      return String(spec?.clusterIP ?? '');
    default:
      return '';
  }
}

function Link({
  label,
  name,
  status,
  current,
  onClick,
  testId,
}: {
  label: string;
  name: string;
  status?: string;
  current?: boolean;
  onClick?: () => void;
  testId?: string;
}) {
  const body = (
    <>
      <span className={styles.linkKind}>{label}</span>
      <span className={styles.linkName}>{name}</span>
      {status && <span className={styles.linkStatus}>{status}</span>}
    </>
  );
  return current || !onClick ? (
    <span className={styles.link} data-current={current || undefined} data-testid={testId}>
      {body}
    </span>
  ) : (
    <button type="button" className={styles.link} onClick={onClick} data-testid={testId}>
      {body}
    </button>
  );
}

const Arrow = () => (
  <span className={styles.arrow} aria-hidden>
    →
  </span>
);

function RefLink({ r, current }: { r: ObjectRef; current?: boolean }) {
  const obj = useObject(r.kind, refKey(r));
  const open = useInspector((s) => s.inspectObject);
  return (
    <Link
      label={r.kind}
      name={r.name}
      status={statusOf(obj)}
      current={current}
      onClick={() => open(r)}
      testId={`chain-${r.kind}-${r.name}`}
    />
  );
}

function RefGroup({ refs }: { refs: ObjectRef[] }) {
  const { t } = useTranslation();
  const shown = refs.slice(0, 8);
  return (
    <span className={styles.linkGroup}>
      {shown.map((r) => (
        <RefLink key={`${r.kind}/${refKey(r)}`} r={r} />
      ))}
      {refs.length > shown.length && (
        <span className={styles.muted}>
          {t('inspector.object.more', { count: refs.length - shown.length })}
        </span>
      )}
    </span>
  );
}

const EMPTY_TRACE: TraceRecord[] = [];

/** The pod's part of the chain: the scheduler's decision, the kubelet, the containers. */
function PodTail({ pod }: { pod: KubeObject }) {
  const { t } = useTranslation();
  const ui = useInspector();
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  const records = useCluster(
    useShallow((s: ClusterState) => {
      const out: TraceRecord[] = [];
      for (const r of s.trace)
        if (r.object?.kind === 'Pod' && r.object.name === name && (r.kind === 'schedule' || r.kind === 'cri'))
          out.push(r);
      return out.length ? out : EMPTY_TRACE;
    }),
  );
  const [showCri, setShowCri] = useState(false);
  const decision = [...records].reverse().find((r) => r.kind === 'schedule');
  const cri = records.filter((r) => r.kind === 'cri');
  const statuses =
    (
      pod.status as
        | {
            containerStatuses?: Array<{
              name: string;
              state?: Record<string, { reason?: string }>;
              restartCount?: number;
            }>;
          }
        | undefined
    )?.containerStatuses ?? [];
  const containers =
    (pod.spec as { containers?: Array<{ name: string; image?: string }> } | undefined)?.containers ?? [];
  return (
    <>
      <Arrow />
      <Link
        label="kube-scheduler"
        name={node ? `→ ${node}` : t('inspector.object.notScheduled')}
        status={decision ? decision.summary : undefined}
        onClick={() => ui.inspectScheduler({ namespace: ns, name })}
        testId="chain-scheduler"
      />
      {node && (
        <>
          <Arrow />
          <Link
            label="kubelet"
            name={node}
            onClick={() => ui.inspectObject({ kind: 'Node', name: node })}
            testId="chain-kubelet"
          />
          <Arrow />
          <span className={styles.linkGroup}>
            {containers.map((c) => {
              const st = statuses.find((s) => s.name === c.name);
              const state = st?.state ? Object.keys(st.state)[0] : undefined;
              const reason = state ? st?.state?.[state]?.reason : undefined;
              const text = state
                ? `${state}${reason ? `: ${reason}` : ''}`
                : t('inspector.object.noContainer');
              return (
                <Link
                  key={c.name}
                  label={t('inspector.object.container')}
                  name={c.name}
                  status={text}
                  onClick={() => setShowCri((v) => !v)}
                  testId={`chain-container-${c.name}`}
                />
              );
            })}
          </span>
        </>
      )}
      {showCri && (
        <div className={styles.criList} data-testid="chain-cri">
          <div className={styles.sectionHint}>{t('inspector.object.criTitle', { node })}</div>
          {cri.length === 0 && <div className={styles.muted}>{t('inspector.object.criNone')}</div>}
          {cri.map((r) => (
            <div key={r.seq} className={styles.criRow}>
              <span className={styles.mono}>{(r.sentAt / 1000).toFixed(2)}s</span>
              <span>
                {r.from.split('@')[0]} → {r.to.split('@')[0]}
              </span>
              <span className={styles.mono}>{r.summary}</span>
            </div>
          ))}
        </div>
      )}
    </>
  );
}

function CausalChain({ obj }: { obj: KubeObject }) {
  const { t } = useTranslation();
  const ancestorKeys = useCluster(useShallow((s: ClusterState) => ancestorsOf(s, obj).map(enc)));
  const childKeys = useCluster(useShallow((s: ClusterState) => childrenOf(s, obj).map(enc)));
  const ancestors = useMemo(() => ancestorKeys.map(dec), [ancestorKeys]);
  const children = useMemo(() => childKeys.map(dec), [childKeys]);
  const self: ObjectRef = {
    kind: obj.kind ?? '',
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? '',
  };
  const pod = obj.kind === 'Pod';
  return (
    <section className={styles.section} aria-label={t('inspector.object.chain')}>
      <h3 className={styles.sectionTitle}>{t('inspector.object.chain')}</h3>
      <div className={styles.chain} data-testid="causal-chain">
        {ancestors.map((r) => (
          <span key={`${r.kind}/${r.name}`} className={styles.chainStep}>
            <RefLink r={r} />
            <Arrow />
          </span>
        ))}
        <RefLink r={self} current />
        {pod ? (
          <PodTail pod={obj} />
        ) : (
          children.length > 0 && (
            <>
              <Arrow />
              <RefGroup refs={children} />
            </>
          )
        )}
      </div>
    </section>
  );
}

const EMPTY_EVENTS: EventLike[] = [];

function ObjectEvents({ target }: { target: ObjectRef }) {
  const { t } = useTranslation();
  const events = useCluster(
    useShallow((s: ClusterState) => {
      const out: EventLike[] = [];
      for (const e of Object.values(s.objects.Event ?? {}) as EventLike[]) {
        const o = eventObject(e);
        if (
          o.kind === target.kind &&
          o.name === target.name &&
          (o.namespace ?? '') === (target.namespace ?? '')
        )
          out.push(e);
      }
      return out.length ? out : EMPTY_EVENTS;
    }),
  );
  const sorted = useMemo(() => [...events].sort(compareEventsNewestFirst), [events]);
  return (
    <section className={styles.section} aria-label={t('inspector.object.events')}>
      <h3 className={styles.sectionTitle}>
        {t('inspector.object.events')} <span className={styles.count}>{sorted.length}</span>
      </h3>
      {sorted.length === 0 ? (
        <p className={styles.muted}>{t('inspector.object.noEvents')}</p>
      ) : (
        <div className={styles.objectEvents}>
          <EventRows events={sorted} showObject={false} testId="object-events" />
        </div>
      )}
    </section>
  );
}

function Picker({ target }: { target?: ObjectRef }) {
  const { t } = useTranslation();
  const open = useInspector((s) => s.inspectObject);
  const [kind, setKind] = useState(target?.kind ?? 'Pod');
  const shownKind = target?.kind ?? kind;
  const keys = useCluster(useShallow((s: ClusterState) => Object.keys(s.objects[shownKind] ?? {}).sort()));
  const current = target && target.kind === shownKind ? refKey(target) : '';
  return (
    <div className={styles.picker}>
      <label className={styles.field}>
        <span>{t('inspector.object.kind')}</span>
        <select
          value={shownKind}
          onChange={(e) => {
            setKind(e.target.value);
            const first = Object.keys(useCluster.getState().objects[e.target.value] ?? {}).sort()[0];
            if (first) {
              const [a, b] = first.includes('/') ? first.split('/') : [undefined, first];
              open({ kind: e.target.value, namespace: a, name: b });
            }
          }}
          data-testid="object-kind"
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.kind}
            </option>
          ))}
        </select>
      </label>
      <label className={`${styles.field} ${styles.grow}`}>
        <span>{t('inspector.object.name')}</span>
        <select
          value={current}
          onChange={(e) => {
            const v = e.target.value;
            const [a, b] = v.includes('/') ? v.split('/') : [undefined, v];
            open({ kind: shownKind, namespace: a, name: b });
          }}
          data-testid="object-name"
        >
          {!current && <option value="">{t('inspector.object.choose')}</option>}
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function Header({ target, obj }: { target: ObjectRef; obj?: KubeObject }) {
  const { t } = useTranslation();
  const ui = useInspector();
  const key = etcdKeyOf(target);
  return (
    <div className={styles.objectHeader}>
      <div className={styles.objectTitle}>
        <span className={styles.kindBadge}>{target.kind}</span>
        <span className={styles.objectName} data-testid="object-title">
          {target.namespace ? `${target.namespace}/` : ''}
          {target.name}
        </span>
        {!obj && <span className={styles.gone}>{t('inspector.object.gone')}</span>}
      </div>
      <div className={styles.actions}>
        {key && (
          <button
            type="button"
            className={styles.textButton}
            onClick={() => ui.inspectEtcd(key)}
            data-testid="object-etcd"
          >
            {t('inspector.object.openEtcd')}
          </button>
        )}
        <button
          type="button"
          className={styles.textButton}
          onClick={() => ui.inspectEvents(`${target.kind.toLowerCase()}/${target.name}`)}
        >
          {t('inspector.object.openEvents')}
        </button>
      </div>
    </div>
  );
}

/** Live YAML, events and causal chain of one object, all from the UI's watch mirror. */
export const ObjectInspector = memo(function ObjectInspector() {
  const { t } = useTranslation();
  const target = useInspector((s) => s.object);
  const obj = useObject(target?.kind ?? '', target ? refKey(target) : '');
  const yaml = useMemo(() => (obj ? kubectlYaml(obj) : ''), [obj]);
  let body: ReactNode;
  if (!target) body = <p className={styles.empty}>{t('inspector.object.hint')}</p>;
  else
    body = (
      <>
        <Header target={target} obj={obj} />
        {obj && <CausalChain obj={obj} />}
        <ObjectEvents target={target} />
        {obj && (
          <section className={`${styles.section} ${styles.fill}`} aria-label={t('inspector.object.yaml')}>
            <h3 className={styles.sectionTitle}>
              {t('inspector.object.yaml')}{' '}
              <code className={styles.cmd}>
                kubectl get {kindInfo(target.kind)?.short ?? target.kind.toLowerCase()} {target.name}
                {target.namespace && target.namespace !== 'default' ? ` -n ${target.namespace}` : ''} -o yaml
              </code>
            </h3>
            <pre
              className={styles.code}
              data-testid="object-yaml"
              tabIndex={0}
              aria-label={t('inspector.object.yaml')}
            >
              {yaml}
            </pre>
          </section>
        )}
      </>
    );
  return (
    <div className={styles.inspector} data-testid="object-inspector">
      <Picker target={target} />
      {body}
    </div>
  );
});
