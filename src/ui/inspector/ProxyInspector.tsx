import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TraceRecord } from '../../worker/protocol';
import { compareNodeNames } from '../nodes/node-info';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { useLastRecord, useSimGet } from './hooks';
import { parseIptablesSave, type SavedChain, type SavedRule } from './iptables';
import { useInspector } from './inspector-store';
import styles from './inspector.module.css';

interface TablesDiff {
  added: string[];
  removed: string[];
  chainsAdded: string[];
  chainsRemoved: string[];
}
interface ProxyState {
  node: string;
  now: number;
  running: boolean;
  syncs: number;
  lastSync?: { at: number; diff: TablesDiff; rulesChanged: number };
  iptablesSave: string;
}
interface MatchedRule {
  table: string;
  chain: string;
  ruleIndex: number;
  text: string;
}
interface PacketHop {
  seq: number;
  from: string;
  to: string;
  summary: string;
  matched?: MatchedRule[];
}

/** The last sync that changed something, per node, as seen while an inspector was open. */
const lastChange = new Map<string, { at: number; syncs: number; diff: TablesDiff; rulesChanged: number }>();

function RuleLine({
  rule,
  step,
  chains,
  onJump,
}: {
  rule: SavedRule;
  step?: number;
  chains: ReadonlySet<string>;
  onJump: (chain: string) => void;
}) {
  const { t } = useTranslation();
  const jumpAt = rule.jump ? rule.text.lastIndexOf(`-j ${rule.jump}`) : -1;
  const before = jumpAt >= 0 ? rule.text.slice(0, jumpAt) : rule.text;
  const after = jumpAt >= 0 ? rule.text.slice(jumpAt + 3 + (rule.jump?.length ?? 0)) : '';
  return (
    <li
      className={styles.rule}
      data-matched={step !== undefined || undefined}
      data-testid={step !== undefined ? 'matched-rule' : undefined}
    >
      <span
        className={styles.ruleNo}
        aria-label={step !== undefined ? t('inspector.proxy.matchedStep', { step }) : undefined}
      >
        {step !== undefined ? step : rule.index + 1}
      </span>
      <code className={styles.ruleText}>
        {before}
        {rule.jump && (
          <>
            -j{' '}
            {chains.has(rule.jump) ? (
              <button type="button" className={styles.jump} onClick={() => onJump(rule.jump!)}>
                {rule.jump}
              </button>
            ) : (
              <strong>{rule.jump}</strong>
            )}
            {after}
          </>
        )}
      </code>
      {rule.probability !== undefined && (
        <span className={styles.prob} title={t('inspector.proxy.probability')}>
          {Math.round(rule.probability * 100)}%
        </span>
      )}
    </li>
  );
}

function Chain({
  chain,
  open,
  toggle,
  matched,
  chains,
  onJump,
}: {
  chain: SavedChain;
  open: boolean;
  toggle: () => void;
  matched: ReadonlyMap<number, number>;
  chains: ReadonlySet<string>;
  onJump: (chain: string) => void;
}) {
  const kind = /^KUBE-(SVC|SEP|SVL|EXT|FW|XLB)-/.exec(chain.name)?.[1];
  return (
    <li className={styles.chain} id={`chain-${chain.name}`} data-testid={`chain-${chain.name}`}>
      <button type="button" className={styles.chainHead} onClick={toggle} aria-expanded={open}>
        <span className={styles.caret} aria-hidden>
          {open ? '▾' : '▸'}
        </span>
        <span className={styles.chainName} data-kind={kind}>
          {chain.name}
        </span>
        {chain.label && <span className={styles.chainLabel}>{chain.label}</span>}
        {chain.policy && <span className={styles.muted}>policy {chain.policy}</span>}
        <span className={styles.count}>{chain.rules.length}</span>
        {matched.size > 0 && <span className={styles.matchedDot} aria-hidden />}
      </button>
      {open && (
        <ol className={styles.rules}>
          {chain.rules.map((r) => (
            <RuleLine key={r.index} rule={r} step={matched.get(r.index)} chains={chains} onJump={onJump} />
          ))}
        </ol>
      )}
    </li>
  );
}

function SyncDiff({ node, state }: { node: string; state?: ProxyState }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (state?.lastSync && state.lastSync.rulesChanged > 0)
    lastChange.set(node, { ...state.lastSync, syncs: state.syncs });
  const change = lastChange.get(node);
  // `-t nat -A CHAIN …` → `nat  CHAIN …`: the table, then the rule as in its chain.
  const short = (l: string) => l.replace(/^-t (\w+) -A /, '$1  ');
  const lines = change
    ? [...change.diff.removed.map((l) => `- ${short(l)}`), ...change.diff.added.map((l) => `+ ${short(l)}`)]
    : [];
  const shown = all ? lines : lines.slice(0, 8);
  return (
    <section className={styles.section} aria-label={t('inspector.proxy.diff')}>
      <h3 className={styles.sectionTitle}>
        {t('inspector.proxy.diff')}{' '}
        {change && (
          <span className={styles.sectionHint}>
            {t('inspector.proxy.diffSummary', {
              at: (change.at / 1000).toFixed(1),
              added: change.diff.added.length,
              removed: change.diff.removed.length,
            })}
          </span>
        )}
      </h3>
      {state?.lastSync && (
        <p className={styles.sectionHint}>
          {t('inspector.proxy.lastSync', {
            at: (state.lastSync.at / 1000).toFixed(1),
            count: state.lastSync.rulesChanged,
            syncs: state.syncs,
          })}
        </p>
      )}
      {!change ? (
        <p className={styles.muted}>{t('inspector.proxy.noDiff')}</p>
      ) : (
        <pre
          className={`${styles.code} ${styles.diff}`}
          data-testid="proxy-diff"
          tabIndex={0}
          aria-label={t('inspector.proxy.diff')}
        >
          {shown.map((l, i) => (
            <span key={i} className={l.startsWith('+') ? styles.added : styles.removed}>
              {l}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      {lines.length > 8 && (
        <button type="button" className={styles.textButton} onClick={() => setAll((v) => !v)}>
          {all ? t('inspector.proxy.fewer') : t('inspector.proxy.allLines', { count: lines.length })}
        </button>
      )}
    </section>
  );
}

const isSync = (node: string) => (r: TraceRecord) => r.kind === 'sync' && r.from === `kube-proxy@${node}`;
/** A packet walked through this node's rules (not a reply, not a conntrack hit): it has matched rules. */
const isPacketTo = (node: string) => (r: TraceRecord) =>
  r.kind === 'packet' &&
  r.to === `node@${node}` &&
  /^(TCP|UDP|SCTP) .* → (DNAT|ACCEPT|REJECT|DROP)/.test(r.summary) &&
  !r.summary.includes('(conntrack');

/** One node's kube-proxy: its iptables tables by chain, the rules the last packet matched, what the last sync changed. */
export const ProxyInspector = memo(function ProxyInspector() {
  const { t } = useTranslation();
  const chosen = useInspector((s) => s.proxyNode);
  const pick = useInspector((s) => s.inspectProxy);
  const nodes = useCluster(
    useShallow((s: ClusterState) => Object.keys(s.objects.Node ?? {}).sort(compareNodeNames)),
  );
  const node = chosen ?? nodes.find((n) => !n.startsWith('control-plane')) ?? nodes[0];
  const lastSync = useLastRecord(`sync:${node}`, isSync(node ?? ''));
  const lastPacket = useLastRecord(`packet:${node}`, isPacketTo(node ?? ''));
  const { data, error } = useSimGet<ProxyState>(
    node ? `/simulator/v1/kube-proxy/${encodeURIComponent(node)}` : undefined,
    '',
    lastSync?.seq,
  );
  const hop = useSimGet<PacketHop>(
    lastPacket ? `/simulator/v1/packets/${lastPacket.seq}` : undefined,
    '',
    lastPacket?.seq,
  );
  const [tableName, setTableName] = useState('nat');
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(['KUBE-SERVICES']));
  const tables = useMemo(
    () => (data?.node === node ? parseIptablesSave(data.iptablesSave) : []),
    [data, node],
  );
  const table = tables.find((x) => x.name === tableName);
  const chainNames = useMemo(() => new Set(table?.chains.map((c) => c.name)), [table]);
  const hopData = hop.data;
  const matched = useMemo(
    () => (hopData && hopData.seq === lastPacket?.seq ? (hopData.matched ?? []) : []),
    [hopData, lastPacket?.seq],
  );
  const matchedBy = useMemo(() => {
    const m = new Map<string, Map<number, number>>();
    matched.forEach((r, i) => {
      if (r.table !== tableName) return;
      let c = m.get(r.chain);
      if (!c) m.set(r.chain, (c = new Map()));
      if (!c.has(r.ruleIndex)) c.set(r.ruleIndex, i + 1);
    });
    return m;
  }, [matched, tableName]);
  const matchedKey = [...matchedBy.keys()].join(',');
  // Chains holding the rules the newest packet matched open by themselves.
  const [openedFor, setOpenedFor] = useState('');
  if (matchedKey !== openedFor) {
    setOpenedFor(matchedKey);
    if (matchedKey) setOpen((prev) => new Set([...prev, ...matchedKey.split(',')]));
  }
  const q = filter.trim().toLowerCase();
  const chains = (table?.chains ?? []).filter(
    (c) =>
      !q ||
      c.name.toLowerCase().includes(q) ||
      (c.label ?? '').toLowerCase().includes(q) ||
      c.rules.some((r) => r.text.toLowerCase().includes(q)),
  );
  const toggle = (name: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const jump = (name: string) => {
    setOpen((prev) => new Set(prev).add(name));
    requestAnimationFrame(() =>
      document.getElementById(`chain-${name}`)?.scrollIntoView({ block: 'nearest' }),
    );
  };
  const none = new Map<number, number>();
  return (
    <div className={styles.inspector} data-testid="proxy-inspector">
      <div className={styles.picker}>
        <label className={styles.field}>
          <span>Node</span>
          <select value={node ?? ''} onChange={(e) => pick(e.target.value)} data-testid="proxy-node">
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className={styles.segments} role="group" aria-label={t('inspector.proxy.table')}>
          {['nat', 'filter'].map((n) => (
            <button
              key={n}
              type="button"
              className={styles.segment}
              aria-pressed={tableName === n}
              onClick={() => setTableName(n)}
              data-testid={`proxy-table-${n}`}
            >
              {n}
            </button>
          ))}
        </div>
        <label className={`${styles.field} ${styles.grow}`}>
          <span>{t('inspector.proxy.filter')}</span>
          <input
            type="search"
            value={filter}
            placeholder="default/web"
            onChange={(e) => setFilter(e.target.value)}
            data-testid="proxy-filter"
          />
        </label>
      </div>
      {error && <p className={styles.error}>{error}</p>}
      {data && !data.running && <p className={styles.warning}>{t('inspector.proxy.notRunning')}</p>}
      <div className={styles.scroll}>
        <section className={styles.section} aria-label={t('inspector.proxy.packet')}>
          <h3 className={styles.sectionTitle}>{t('inspector.proxy.packet')}</h3>
          {lastPacket ? (
            <p className={styles.packet} data-testid="proxy-packet">
              <code className={styles.mono}>{lastPacket.summary}</code>
              <span className={styles.sectionHint}>
                {t('inspector.proxy.matchedCount', { count: matched.length })}
              </span>
            </p>
          ) : (
            <p className={styles.muted}>{t('inspector.proxy.noPacket')}</p>
          )}
        </section>
        <SyncDiff node={node ?? ''} state={data?.node === node ? data : undefined} />
        <section className={styles.section} aria-label={t('inspector.proxy.chains', { table: tableName })}>
          <h3 className={styles.sectionTitle}>
            {t('inspector.proxy.chains', { table: tableName })}{' '}
            <code className={styles.cmd}>
              ssh {node} iptables-save -t {tableName}
            </code>
          </h3>
          <ul className={styles.chains} data-testid="proxy-chains">
            {chains.map((c) => (
              <Chain
                key={c.name}
                chain={c}
                open={open.has(c.name) || (q.length > 0 && chains.length <= 12)}
                toggle={() => toggle(c.name)}
                matched={matchedBy.get(c.name) ?? none}
                chains={chainNames}
                onJump={jump}
              />
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
});
