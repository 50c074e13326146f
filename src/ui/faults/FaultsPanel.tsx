import type { Node, Pod } from 'kubernetes-types/core/v1';
import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { compareNodeNames } from '../nodes/node-info';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import { useObjectKeys } from '../store/selectors';
import {
  addNode,
  conflictDrill,
  controlPlaneFaults,
  nodeFaults,
  podFaults,
  startHangDrill,
  type DrillStep,
} from './actions';
import { useFaults } from './fault-store';
import { nodeFlags, unitStopped } from './node-state';
import styles from './faults.module.css';

function Section({
  title,
  hint,
  children,
  id,
}: {
  title: string;
  hint?: string;
  children: React.ReactNode;
  id: string;
}) {
  return (
    <section className={styles.section} aria-labelledby={`faults-${id}`}>
      <h3 className={styles.sectionTitle} id={`faults-${id}`}>
        {title}
      </h3>
      {hint && <p className={styles.hint}>{hint}</p>}
      {children}
    </section>
  );
}

function Action({
  label,
  command,
  onClick,
  testId,
  variant = 'secondary',
}: {
  label: string;
  command: string;
  onClick: () => void;
  testId: string;
  variant?: 'secondary' | 'danger' | 'primary';
}) {
  return (
    <div className={styles.action}>
      <Button size="sm" variant={variant} onClick={onClick} data-testid={testId}>
        {label}
      </Button>
      <code className={styles.command}>{command}</code>
    </div>
  );
}

const NodeFaults = memo(function NodeFaults() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const names = useObjectKeys('Node', compareNodeNames);
  const workers = names.filter((n) => !n.startsWith('control-plane'));
  const [picked, setPicked] = useState('');
  const node = workers.includes(picked) ? picked : (workers[0] ?? '');
  const entries = useFaults((s) => s.entries);
  const cordoned = useCluster(
    (s) => (s.objects.Node?.[node] as Node | undefined)?.spec?.unschedulable === true,
  );
  const f = nodeFlags(entries, node);
  const run = (fn: (c: typeof client, n: string) => Promise<unknown>) => () => void fn(client, node);
  return (
    <Section id="nodes" title={t('faults.nodes.title')} hint={t('faults.nodes.hint')}>
      <label className={styles.field}>
        <span>{t('faults.nodes.pick')}</span>
        <select value={node} onChange={(e) => setPicked(e.target.value)} data-testid="fault-node">
          {workers.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className={styles.actions}>
        {f.off ? (
          <Action
            label={t('faults.action.powerOn')}
            command={`POST /simulator/v1/nodes/${node}/power`}
            onClick={run(nodeFaults.powerOn)}
            testId="fault-power-on"
            variant="primary"
          />
        ) : (
          <Action
            label={t('faults.action.powerOff')}
            command={`ssh ${node} poweroff`}
            onClick={run(nodeFaults.powerOff)}
            testId="fault-power-off"
            variant="danger"
          />
        )}
        {f.kubeletStopped ? (
          <Action
            label={t('faults.action.startKubelet')}
            command={`ssh ${node} systemctl start kubelet`}
            onClick={run(nodeFaults.startKubelet)}
            testId="fault-kubelet-start"
            variant="primary"
          />
        ) : (
          <Action
            label={t('faults.action.stopKubelet')}
            command={`ssh ${node} systemctl stop kubelet`}
            onClick={run(nodeFaults.stopKubelet)}
            testId="fault-kubelet-stop"
            variant="danger"
          />
        )}
        {f.cut ? (
          <Action
            label={t('faults.action.restoreNetwork')}
            command={`ssh ${node} ip link set eth0 up`}
            onClick={run(nodeFaults.restoreNetwork)}
            testId="fault-network-restore"
            variant="primary"
          />
        ) : (
          <Action
            label={t('faults.action.cutNetwork')}
            command={`ssh ${node} ip link set eth0 down`}
            onClick={run(nodeFaults.cutNetwork)}
            testId="fault-network-cut"
            variant="danger"
          />
        )}
        {cordoned ? (
          <Action
            label={t('faults.action.uncordon')}
            command={`kubectl uncordon ${node}`}
            onClick={run(nodeFaults.uncordon)}
            testId="fault-uncordon"
            variant="primary"
          />
        ) : (
          <Action
            label={t('faults.action.cordon')}
            command={`kubectl cordon ${node}`}
            onClick={run(nodeFaults.cordon)}
            testId="fault-cordon"
          />
        )}
        <Action
          label={t('faults.action.drain')}
          command={`kubectl drain ${node} --ignore-daemonsets`}
          onClick={run(nodeFaults.drain)}
          testId="fault-drain"
        />
      </div>
    </Section>
  );
});

function podLabel(p: Pod): string {
  return `${p.metadata?.namespace}/${p.metadata?.name}`;
}

const PodFaults = memo(function PodFaults() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const keys = useObjectKeys('Pod');
  const candidates = keys.filter((k) => !k.startsWith('kube-system/'));
  const [picked, setPicked] = useState('');
  const key = candidates.includes(picked) ? picked : (candidates[0] ?? '');
  const pod = useCluster((s) => s.objects.Pod?.[key]) as Pod | undefined;
  return (
    <Section id="pods" title={t('faults.pods.title')} hint={t('faults.pods.hint')}>
      <label className={styles.field}>
        <span>{t('faults.pods.pick')}</span>
        <select
          value={key}
          onChange={(e) => setPicked(e.target.value)}
          data-testid="fault-pod"
          disabled={!candidates.length}
        >
          {candidates.length === 0 && <option value="">{t('faults.pods.none')}</option>}
          {candidates.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {pod && (
        <div className={styles.actions}>
          <Action
            label={t('faults.action.crash')}
            command={`ssh ${pod.spec?.nodeName ?? '?'} crictl stop <container>`}
            onClick={() => void podFaults.crash(client, pod)}
            testId="fault-crash"
            variant="danger"
          />
          <Action
            label={t('faults.action.deletePod')}
            command={`kubectl delete pod ${podLabel(pod).split('/')[1]}`}
            onClick={() => void podFaults.delete(client, pod)}
            testId="fault-delete-pod"
            variant="danger"
          />
        </div>
      )}
      <div className={styles.actions}>
        <Action
          label={t('faults.action.hang')}
          command="image: kubesim/hang + livenessProbe"
          onClick={() => void startHangDrill(client)}
          testId="fault-hang"
        />
      </div>
      <p className={styles.hint}>{t('faults.pods.hangHint')}</p>
    </Section>
  );
});

const UNITS = [
  { unit: 'kube-scheduler', what: 'faults.control.schedulerOff' },
  { unit: 'kube-controller-manager', what: 'faults.control.kcmOff' },
] as const;

const ControlPlaneFaults = memo(function ControlPlaneFaults() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const entries = useFaults((s) => s.entries);
  return (
    <Section id="control" title={t('faults.control.title')} hint={t('faults.control.hint')}>
      {UNITS.map(({ unit, what }) => {
        const stopped = unitStopped(entries, unit);
        return (
          <div
            key={unit}
            className={styles.unit}
            data-stopped={stopped || undefined}
            data-testid={`unit-${unit}`}
          >
            <div className={styles.unitHead}>
              <code className={styles.unitName}>{unit}</code>
              <span className={styles.unitState}>
                {stopped ? t('faults.control.stopped') : t('faults.control.active')}
              </span>
              {stopped ? (
                <Button
                  size="sm"
                  variant="primary"
                  onClick={() => void controlPlaneFaults.start(client, unit)}
                  data-testid={`fault-${unit}-start`}
                >
                  {t('faults.action.start')}
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() => void controlPlaneFaults.stop(client, unit)}
                  data-testid={`fault-${unit}-stop`}
                >
                  {t('faults.action.stop')}
                </Button>
              )}
            </div>
            <code className={styles.command}>
              ssh control-plane systemctl {stopped ? 'start' : 'stop'} {unit}
            </code>
            {stopped && <p className={styles.warning}>{t(what)}</p>}
          </div>
        );
      })}
    </Section>
  );
});

const AddNode = memo(function AddNode() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const names = useObjectKeys('Node', compareNodeNames);
  const suggested = `node-${names.filter((n) => !n.startsWith('control-plane')).length + 1}`;
  const [name, setName] = useState('');
  const [cpu, setCpu] = useState('4');
  const [memory, setMemory] = useState('8Gi');
  const [pods, setPods] = useState(110);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void addNode(client, { name: name || suggested, cpu, memory, pods });
    setName('');
  };
  return (
    <Section id="add" title={t('faults.add.title')} hint={t('faults.add.hint')}>
      <form className={styles.form} onSubmit={submit}>
        <label className={styles.field}>
          <span>{t('faults.add.name')}</span>
          <input
            value={name}
            placeholder={suggested}
            onChange={(e) => setName(e.target.value)}
            data-testid="add-node-name"
          />
        </label>
        <label className={styles.field}>
          <span>{t('faults.add.cpu')}</span>
          <input value={cpu} onChange={(e) => setCpu(e.target.value)} data-testid="add-node-cpu" />
        </label>
        <label className={styles.field}>
          <span>{t('faults.add.memory')}</span>
          <input value={memory} onChange={(e) => setMemory(e.target.value)} data-testid="add-node-memory" />
        </label>
        <label className={styles.field}>
          <span>{t('faults.add.pods')}</span>
          <input
            type="number"
            min={1}
            value={pods}
            onChange={(e) => setPods(Number(e.target.value) || 1)}
            data-testid="add-node-pods"
          />
        </label>
        <Button size="sm" variant="primary" type="submit" data-testid="add-node">
          {t('faults.add.submit')}
        </Button>
      </form>
    </Section>
  );
});

const ConflictDrill = memo(function ConflictDrill() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const [steps, setSteps] = useState<DrillStep[] | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setSteps(await conflictDrill(client));
    } finally {
      setBusy(false);
    }
  };
  const conflict = steps?.find((s) => s.status === 409);
  return (
    <Section id="conflict" title={t('faults.conflict.title')} hint={t('faults.conflict.hint')}>
      <Button
        size="sm"
        variant="primary"
        onClick={() => void run()}
        disabled={busy}
        data-testid="conflict-run"
      >
        {t('faults.conflict.run')}
      </Button>
      {steps && (
        <ol className={styles.drill} data-testid="conflict-steps">
          {steps.map((s, i) => (
            <li key={i} data-client={s.client} data-status={s.status}>
              <span className={styles.client}>{t('faults.conflict.client', { name: s.client })}</span>
              <code>{s.request}</code>
              <span className={styles.code} data-ok={s.status < 300 || undefined}>
                {s.status} {s.status === 200 ? 'OK' : s.status === 409 ? 'Conflict' : ''}
              </span>
              {s.resourceVersion && s.status < 300 && (
                <span className={styles.rv}>resourceVersion {s.resourceVersion}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      {conflict && (
        <div className={styles.conflict} role="status" data-testid="conflict-message">
          <strong>409 Conflict</strong>
          <code>{conflict.message}</code>
          <p>{t('faults.conflict.explain')}</p>
        </div>
      )}
    </Section>
  );
});

const FaultLog = memo(function FaultLog() {
  const { t } = useTranslation();
  const entries = useFaults((s) => s.entries);
  if (!entries.length) return null;
  return (
    <Section id="log" title={t('faults.log.title')}>
      <ol className={styles.log} data-testid="fault-log">
        {entries
          .slice()
          .reverse()
          .map((e) => (
            <li key={e.id} data-ok={e.ok || undefined}>
              <code className={styles.logCmd}>$ {e.command}</code>
              {e.output && <pre className={styles.logOut}>{e.output}</pre>}
            </li>
          ))}
      </ol>
    </Section>
  );
});

/** The failure-injection panel: each control is the same call the terminal would make. */
export const FaultsPanel = memo(function FaultsPanel() {
  return (
    <div className={styles.panel} data-testid="faults-panel">
      <NodeFaults />
      <ControlPlaneFaults />
      <PodFaults />
      <ConflictDrill />
      <AddNode />
      <FaultLog />
    </div>
  );
});
