import type { Service } from 'kubernetes-types/core/v1';
import { memo, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../components/Button';
import { compareNodeNames } from '../nodes/node-info';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import { useObjectKeys } from '../store/selectors';
import { latestRun, recentErrors, runningPods, services, type TrafficRunObject } from './traffic-state';
import styles from './traffic.module.css';

type TargetKind = 'svc-dns' | 'svc-ip' | 'nodeport' | 'pod-ip' | 'url';

function svcKey(s: Service): string {
  return `${s.metadata?.namespace}/${s.metadata?.name}`;
}

function nodeIP(s: ClusterState, name: string): string | undefined {
  const n = s.objects.Node?.[name] as
    { status?: { addresses?: Array<{ type: string; address: string }> } } | undefined;
  return n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** The demo Service the panel can create for the example Deployment (`app: web`). */
const WEB_SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
};

const RunReport = memo(function RunReport({ run }: { run: TrafficRunObject }) {
  const { t } = useTranslation();
  const st = run.status;
  const max = Math.max(1, ...Object.values(st.perPod));
  const errors = Object.entries(st.errors);
  const failed = errors.reduce((a, [, n]) => a + n, 0);
  const recent = recentErrors(st);
  return (
    <div className={styles.report} data-testid="traffic-report" data-done={st.done || undefined}>
      <div className={styles.summary}>
        <span data-testid="traffic-sent">{t('traffic.sent', { sent: st.sent, total: st.requested })}</span>
        <span className={styles.ok}>{t('traffic.ok', { count: st.succeeded })}</span>
        <span className={styles.err} data-testid="traffic-errors" data-count={failed}>
          {t('traffic.errors', { count: failed })}
        </span>
        <span className={styles.recent} data-testid="traffic-recent-errors" data-count={recent}>
          {t('traffic.recent', { count: recent })}
        </span>
      </div>
      <code className={styles.spec}>
        {run.spec.from} → {run.spec.url}
      </code>
      <ul className={styles.bars} aria-label={t('traffic.perPod')}>
        {Object.entries(st.perPod)
          .sort()
          .map(([pod, n]) => (
            <li key={pod} data-testid={`traffic-pod-${pod.split('/')[1]}`}>
              <span className={styles.podName}>{pod.split('/')[1]}</span>
              <span className={styles.barTrack}>
                <span className={styles.barFill} style={{ width: `${(n / max) * 100}%` }} />
              </span>
              <span className={styles.count}>{n}</span>
            </li>
          ))}
      </ul>
      {errors.length > 0 && (
        <ul className={styles.errorKinds}>
          {errors.map(([k, n]) => (
            <li key={k}>
              {t(`traffic.errorKind.${k}`, { defaultValue: k })}: <strong>{n}</strong>
            </li>
          ))}
        </ul>
      )}
      {st.done && (
        <p className={styles.latency}>
          {t('traffic.latency', { p50: st.latencyMs.p50, p99: st.latencyMs.p99 })}
        </p>
      )}
      {st.note && <p className={styles.note}>{st.note}</p>}
    </div>
  );
});

export const TrafficPanel = memo(function TrafficPanel() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const nodes = useObjectKeys('Node', compareNodeNames);
  const svcs = useCluster(useShallow((s: ClusterState) => services(s).map(svcKey).sort()));
  const pods = useCluster(
    useShallow((s: ClusterState) =>
      runningPods(s)
        .filter((p) => p.metadata?.namespace !== 'kube-system')
        .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}|${p.status?.podIP}`)
        .sort(),
    ),
  );
  const run = useCluster((s) => latestRun(s));
  const [source, setSource] = useState('node:node-1');
  const [kind, setKind] = useState<TargetKind>('svc-ip');
  const [svc, setSvc] = useState('');
  const [podIP, setPodIP] = useState('');
  const [url, setUrl] = useState('http://web.default.svc.cluster.local');
  const [requests, setRequests] = useState(200);
  const [rate, setRate] = useState(10);
  const [error, setError] = useState('');
  const service = svcs.includes(svc) ? svc : (svcs[0] ?? '');
  const svcObj = useCluster((s) => s.objects.Service?.[service]) as Service | undefined;
  const affinity = svcObj?.spec?.sessionAffinity === 'ClientIP';
  const fromPod = source.startsWith('pod:');

  const resolved = useMemo(() => {
    const s = useCluster.getState();
    const port = svcObj?.spec?.ports?.[0];
    const [ns, name] = service.split('/');
    const workers = nodes.filter((n) => !n.startsWith('control-plane'));
    switch (kind) {
      case 'svc-dns':
        return {
          url: `http://${name}.${ns}.svc.cluster.local${port && port.port !== 80 ? `:${port.port}` : ''}`,
        };
      case 'svc-ip':
        return {
          url: `http://${svcObj?.spec?.clusterIP ?? ''}${port && port.port !== 80 ? `:${port.port}` : ''}`,
        };
      case 'nodeport': {
        const entry = workers[0] ?? '';
        return port?.nodePort
          ? { url: `http://${nodeIP(s, entry) ?? entry}:${port.nodePort}` }
          : { url: '', problem: t('traffic.noNodePort') };
      }
      case 'pod-ip':
        return { url: `http://${podIP || pods[0]?.split('|')[1] || ''}` };
      default:
        return { url };
    }
  }, [kind, service, svcObj, podIP, pods, url, nodes, t]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    if (!resolved.url) return setError(resolved.problem ?? t('traffic.noTarget'));
    // "Outside" is modelled as a client on the control-plane host reaching a worker's NodePort.
    const from = source === 'outside' ? 'control-plane' : source.slice(source.indexOf(':') + 1);
    const res = await client.request({
      method: 'POST',
      path: '/simulator/v1/traffic/runs',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, url: resolved.url, requests, rate }),
    });
    if (res.status >= 300) setError((JSON.parse(res.body) as { message?: string }).message ?? res.body);
  };
  const stop = () => {
    if (run && !run.status.done)
      void client.request({ method: 'DELETE', path: `/simulator/v1/traffic/runs/${run.metadata?.name}` });
  };
  const toggleAffinity = () => {
    const [ns, name] = service.split('/');
    void client.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns}/services/${name}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { sessionAffinity: affinity ? 'None' : 'ClientIP' } }),
    });
  };
  const createService = () =>
    void client.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/services',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(WEB_SERVICE),
    });

  return (
    <div className={styles.panel} data-testid="traffic-panel">
      <section className={styles.section} aria-labelledby="traffic-title">
        <h3 className={styles.title} id="traffic-title">
          {t('traffic.title')}
        </h3>
        <p className={styles.hint}>{t('traffic.hint')}</p>
        {svcs.length === 0 && (
          <div className={styles.empty}>
            <p>{t('traffic.noServices')}</p>
            <Button size="sm" onClick={createService} data-testid="traffic-create-service">
              {t('traffic.createService')}
            </Button>
          </div>
        )}
        <form className={styles.form} onSubmit={(e) => void start(e)}>
          <label className={styles.field}>
            <span>{t('traffic.source')}</span>
            <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="traffic-source">
              <optgroup label={t('traffic.nodes')}>
                {nodes.map((n) => (
                  <option key={n} value={`node:${n}`}>
                    {n}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('traffic.pods')}>
                {pods.map((p) => {
                  const k = p.split('|')[0];
                  return (
                    <option key={k} value={`pod:${k}`}>
                      {k}
                    </option>
                  );
                })}
              </optgroup>
              <option value="outside">{t('traffic.outside')}</option>
            </select>
          </label>
          <label className={styles.field}>
            <span>{t('traffic.target')}</span>
            <select
              value={kind}
              onChange={(e) => setKind(e.target.value as TargetKind)}
              data-testid="traffic-target-kind"
            >
              <option value="svc-dns">{t('traffic.kind.svcDns')}</option>
              <option value="svc-ip">{t('traffic.kind.svcIp')}</option>
              <option value="nodeport">{t('traffic.kind.nodePort')}</option>
              <option value="pod-ip">{t('traffic.kind.podIp')}</option>
              <option value="url">{t('traffic.kind.url')}</option>
            </select>
          </label>
          {(kind === 'svc-dns' || kind === 'svc-ip' || kind === 'nodeport') && (
            <label className={styles.field}>
              <span>Service</span>
              <select value={service} onChange={(e) => setSvc(e.target.value)} data-testid="traffic-service">
                {svcs.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          )}
          {kind === 'pod-ip' && (
            <label className={styles.field}>
              <span>Pod IP</span>
              <select value={podIP} onChange={(e) => setPodIP(e.target.value)} data-testid="traffic-pod-ip">
                {pods.map((p) => {
                  const [k, ip] = p.split('|');
                  return (
                    <option key={k} value={ip}>
                      {ip} ({k})
                    </option>
                  );
                })}
              </select>
            </label>
          )}
          {kind === 'url' && (
            <label className={styles.field}>
              <span>URL</span>
              <input value={url} onChange={(e) => setUrl(e.target.value)} data-testid="traffic-url" />
            </label>
          )}
          <div className={styles.row}>
            <label className={styles.field}>
              <span>{t('traffic.requests')}</span>
              <input
                type="number"
                min={1}
                max={100000}
                value={requests}
                onChange={(e) => setRequests(Number(e.target.value) || 1)}
                data-testid="traffic-requests"
              />
            </label>
            <label className={styles.field}>
              <span>{t('traffic.rate')}</span>
              <input
                type="number"
                min={0.1}
                step={0.1}
                value={rate}
                onChange={(e) => setRate(Number(e.target.value) || 1)}
                data-testid="traffic-rate"
              />
            </label>
          </div>
          <code className={styles.resolved} data-testid="traffic-resolved">
            {source === 'outside' ? 'outside' : source.slice(source.indexOf(':') + 1)} → {resolved.url || '—'}
          </code>
          {kind === 'svc-dns' && !fromPod && <p className={styles.note}>{t('traffic.dnsFromNode')}</p>}
          {source === 'outside' && <p className={styles.note}>{t('traffic.outsideNote')}</p>}
          <div className={styles.buttons}>
            <Button size="sm" variant="primary" type="submit" data-testid="traffic-start">
              {t('traffic.start')}
            </Button>
            <Button size="sm" onClick={stop} disabled={!run || run.status.done} data-testid="traffic-stop">
              {t('traffic.stop')}
            </Button>
          </div>
          {error && (
            <p className={styles.error} role="alert">
              {error}
            </p>
          )}
        </form>
        {svcObj && (
          <label className={styles.affinity}>
            <input
              type="checkbox"
              checked={affinity}
              onChange={toggleAffinity}
              data-testid="traffic-affinity"
            />
            <span>
              {t('traffic.affinity', { service })} <code>sessionAffinity: ClientIP</code>
            </span>
          </label>
        )}
      </section>
      {run && (
        <section className={styles.section} aria-label={t('traffic.results')}>
          <h3 className={styles.title}>{t('traffic.results')}</h3>
          <RunReport run={run} />
        </section>
      )}
    </div>
  );
});
