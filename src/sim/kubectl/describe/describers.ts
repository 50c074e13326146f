import { humanDuration as humanAge } from '../../apiserver/printers/duration';
import { parseMilli } from '../../api/quantity';
import type { Json, JsonObj } from '../client';
import {
  arr,
  describeEvents,
  formatSelector,
  num,
  obj,
  PrefixWriter,
  printAnnotations,
  printLabels,
  printTolerations,
  rfc1123z,
  str,
} from './writer';

/** What a describer gets besides the object: related objects fetched by the command. */
export interface Related {
  events?: JsonObj[];
  pods?: JsonObj[];
  replicaSets?: JsonObj[];
  endpointSlices?: JsonObj[];
  lease?: JsonObj;
  nowMs: number;
}

function controlledBy(o: JsonObj): string {
  const ref = arr(obj(o.metadata).ownerReferences).find((r) => r.controller === true);
  return ref ? `${str(ref.kind)}/${str(ref.name)}` : '';
}

function quantityMap(w: PrefixWriter, level: number, title: string, m: JsonObj): void {
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return;
  w.write(level, `${title}:\n`);
  for (const k of keys) w.write(level + 1, `${k}:\t${canonicalQuantity(str(m[k]))}\n`);
}

function describeProbe(p: JsonObj): string {
  const attrs = `delay=${num(p.initialDelaySeconds)}s timeout=${num(p.timeoutSeconds)}s period=${num(p.periodSeconds)}s #success=${num(p.successThreshold)} #failure=${num(p.failureThreshold)}`;
  if (p.exec)
    return `exec [${(obj(p.exec).command as Json[] | undefined)?.map(str).join(' ') ?? ''}] ${attrs}`;
  if (p.httpGet) {
    const h = obj(p.httpGet);
    return `http-get ${str(h.scheme).toLowerCase()}://${str(h.host)}:${str(h.port)}${str(h.path)} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${str(obj(p.tcpSocket).host)}:${str(obj(p.tcpSocket).port)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: PrefixWriter, name: string, state: JsonObj): void {
  if (state.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(obj(state.running).startedAt)}\n`);
  } else if (state.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (str(obj(state.waiting).reason)) w.write(3, `Reason:\t${str(obj(state.waiting).reason)}\n`);
  } else if (state.terminated) {
    const t = obj(state.terminated);
    w.write(2, `${name}:\tTerminated\n`);
    if (str(t.reason)) w.write(3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(3, `Message:\t${str(t.message)}\n`);
    w.write(3, `Exit Code:\t${num(t.exitCode)}\n`);
    if (num(t.signal) > 0) w.write(3, `Signal:\t${num(t.signal)}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: JsonObj[],
  statuses: JsonObj[] | undefined,
  space: string,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const byName = new Map((statuses ?? []).map((s) => [str(s.name), s]));
  for (const c of containers) {
    const status = byName.get(str(c.name));
    w.write(1, `${space ? ' ' : ''}${str(c.name)}:\n`);
    if (status) w.write(2, `Container ID:\t${str(status.containerID)}\n`);
    w.write(2, `Image:\t${str(c.image)}\n`);
    if (status) w.write(2, `Image ID:\t${str(status.imageID)}\n`);
    const ports = arr(c.ports);
    const portStr = ports.map((p) => `${num(p.containerPort)}/${str(p.protocol)}`).join(', ');
    const hostStr = ports.map((p) => `${num(p.hostPort)}/${str(p.protocol)}`).join(', ');
    if (portStr.includes(',')) w.write(2, `Ports:\t${portStr}\n`);
    else w.write(2, `Port:\t${portStr || '<none>'}\n`);
    if (hostStr.includes(',')) w.write(2, `Host Ports:\t${hostStr}\n`);
    else w.write(2, `Host Port:\t${hostStr || '<none>'}\n`);
    const cmd = Array.isArray(c.command) ? c.command.map(str) : [];
    if (cmd.length) {
      w.write(2, 'Command:\n');
      for (const part of cmd) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    const args = Array.isArray(c.args) ? c.args.map(str) : [];
    if (args.length) {
      w.write(2, 'Args:\n');
      for (const part of args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeState(w, 'State', obj(status.state));
      if (obj(status.lastState).terminated) describeState(w, 'Last State', obj(status.lastState));
      w.write(2, `Ready:\t${status.ready === true ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${num(status.restartCount)}\n`);
    }
    const res = obj(c.resources);
    quantityMap(w, 2, 'Limits', obj(res.limits));
    quantityMap(w, 2, 'Requests', obj(res.requests));
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(obj(c.livenessProbe))}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(obj(c.readinessProbe))}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(obj(c.startupProbe))}\n`);
    const env = arr(c.env);
    w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (e.valueFrom === undefined) {
        str(e.value)
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${str(e.name)}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = obj(e.valueFrom);
      if (vf.fieldRef)
        w.write(
          3,
          `${str(e.name)}:\t (${str(obj(vf.fieldRef).apiVersion)}:${str(obj(vf.fieldRef).fieldPath)})\n`,
        );
      else if (vf.secretKeyRef)
        w.write(
          3,
          `${str(e.name)}:\t<set to the key '${str(obj(vf.secretKeyRef).key)}' in secret '${str(obj(vf.secretKeyRef).name)}'>\tOptional: ${obj(vf.secretKeyRef).optional === true}\n`,
        );
      else if (vf.configMapKeyRef)
        w.write(
          3,
          `${str(e.name)}:\t<set to the key '${str(obj(vf.configMapKeyRef).key)}' of config map '${str(obj(vf.configMapKeyRef).name)}'>\tOptional: ${obj(vf.configMapKeyRef).optional === true}\n`,
        );
    }
    const mounts = arr(c.volumeMounts).sort((a, b) => (str(a.mountPath) < str(b.mountPath) ? -1 : 1));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly === true ? 'ro' : 'rw'];
      if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
      w.write(3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(w: PrefixWriter, volumes: JsonObj[], space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${str(v.name)}:\n`);
    if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of arr(obj(v.projected).sources)) {
        if (s.secret)
          w.write(
            2,
            `SecretName:\t${str(obj(s.secret).name)}\n    Optional:\t${obj(s.secret).optional === true}\n`,
          );
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) {
          const opt = obj(s.configMap).optional;
          w.write(
            2,
            `ConfigMapName:\t${str(obj(s.configMap).name)}\n    ConfigMapOptional:\t${typeof opt === 'boolean' ? String(opt) : '<nil>'}\n`,
          );
        } else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${num(obj(s.serviceAccountToken).expirationSeconds)}\n`);
      }
    } else if (v.emptyDir) {
      const e = obj(v.emptyDir);
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(e.medium)}\n    SizeLimit:\t${str(e.sizeLimit) || '<unset>'}\n`,
      );
    } else if (v.hostPath) {
      const h = obj(v.hostPath);
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(h.path)}\n    HostPathType:\t${str(h.type) || '<none>'}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(obj(v.configMap).name)}\n    Optional:\t${obj(v.configMap).optional === true}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(obj(v.secret).secretName)}\n    Optional:\t${obj(v.secret).optional === true}\n`,
      );
    } else w.write(1, '<unknown>\n');
  }
}

function qosClass(pod: JsonObj): string {
  const st = str(obj(pod.status).qosClass);
  if (st) return st;
  const cs = arr(obj(pod.spec).containers);
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const r = obj(c.resources);
    const req = obj(r.requests);
    const lim = obj(r.limits);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory']) {
      if (lim[k] === undefined || (req[k] !== undefined && req[k] !== lim[k])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(pod.metadata);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  w.write(0, `Namespace:\t${str(meta.namespace)}\n`);
  if (typeof spec.priority === 'number') w.write(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName)) w.write(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.serviceAccountName)) w.write(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  w.write(0, str(spec.nodeName) ? `Node:\t${str(spec.nodeName)}/${str(status.hostIP)}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(
      0,
      `Status:\tTerminating (lasts ${r.nowMs ? '' : ''}${sinceText(meta.deletionTimestamp, r.nowMs)})\n`,
    );
    w.write(0, `Termination Grace Period:\t${num(meta.deletionGracePeriodSeconds)}s\n`);
  } else w.write(0, `Status:\t${str(status.phase)}\n`);
  if (str(status.reason)) w.write(0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message)) w.write(0, `Message:\t${str(status.message)}\n`);
  w.write(0, `IP:\t${str(status.podIP)}\n`);
  const ips = arr(status.podIPs);
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${str(ip.ip)}\n`);
  }
  const ctl = controlledBy(pod);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (str(status.nominatedNodeName)) w.write(0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (arr(spec.initContainers).length)
    describeContainers(w, 'Init Containers', arr(spec.initContainers), arr(status.initContainerStatuses), '');
  describeContainers(w, 'Containers', arr(spec.containers), arr(status.containerStatuses), '');
  const conds = arr(status.conditions);
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conds) w.write(1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  describeVolumes(w, arr(spec.volumes), '');
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

function sinceText(ts: Json | undefined, nowMs: number): string {
  const t = Date.parse(str(ts));
  if (Number.isNaN(t)) return '<unknown>';
  const s = Math.max(0, nowMs - t);
  return s < 1000 ? '0s' : `${Math.floor(s / 1000)}s`;
}

function describePodTemplate(w: PrefixWriter, tpl: JsonObj): void {
  const meta = obj(tpl.metadata);
  const spec = obj(tpl.spec);
  w.write(0, 'Pod Template:\n');
  printLabels(w, '  Labels', meta.labels);
  if (Object.keys(obj(meta.annotations)).length) printAnnotations(w, '  Annotations', meta.annotations);
  if (str(spec.serviceAccountName)) w.write(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (arr(spec.initContainers).length)
    describeContainers(w, 'Init Containers', arr(spec.initContainers), undefined, '  ');
  describeContainers(w, 'Containers', arr(spec.containers), undefined, '  ');
  describeVolumes(w, arr(spec.volumes), '  ');
  if (str(spec.priorityClassName)) w.write(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}

function describeConditions(w: PrefixWriter, conds: JsonObj[]): void {
  if (!conds.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conds) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

function podsStatus(pods: JsonObj[] | undefined): string {
  const count = (phase: string) => (pods ?? []).filter((p) => str(obj(p.status).phase) === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

export function describeReplicaSet(rs: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(rs.metadata);
  const spec = obj(rs.spec);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  w.write(0, `Namespace:\t${str(meta.namespace)}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  const ctl = controlledBy(rs);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Replicas:\t${num(obj(rs.status).replicas)} current / ${num(spec.replicas)} desired\n`);
  w.write(0, `Pods Status:\t${podsStatus(r.pods)}\n`);
  describePodTemplate(w, obj(spec.template));
  describeConditions(w, arr(obj(rs.status).conditions));
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

function intOrString(v: Json | undefined): string {
  return v === undefined || v === null ? '' : String(v);
}

function templateMatches(rs: JsonObj, d: JsonObj): boolean {
  const strip = (t: JsonObj): string => {
    const c = structuredClone(t);
    const m = obj(c.metadata);
    const labels = { ...obj(m.labels) };
    delete labels['pod-template-hash'];
    m.labels = labels;
    c.metadata = m;
    return JSON.stringify(sortDeep(c));
  };
  return strip(obj(obj(rs.spec).template)) === strip(obj(obj(d.spec).template));
}

function sortDeep(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const o: JsonObj = {};
    for (const k of Object.keys(v).sort()) o[k] = sortDeep((v as JsonObj)[k]);
    return o;
  }
  return v;
}

export function describeDeployment(d: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(d.metadata);
  const spec = obj(d.spec);
  const status = obj(d.status);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  w.write(0, `Namespace:\t${str(meta.namespace)}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${num(spec.replicas)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`,
  );
  const strategy = obj(spec.strategy);
  w.write(0, `StrategyType:\t${str(strategy.type)}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  if (strategy.rollingUpdate) {
    const ru = obj(strategy.rollingUpdate);
    w.write(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`,
    );
  }
  describePodTemplate(w, obj(spec.template));
  describeConditions(w, arr(status.conditions));
  const uid = meta.uid;
  const owned = (r.replicaSets ?? []).filter((rs) =>
    arr(obj(rs.metadata).ownerReferences).some((o) => o.uid === uid && o.controller === true),
  );
  // FindNewReplicaSet sorts the list by creation time in place; the old ones keep that order.
  owned.sort((a, b) => {
    const ta = Date.parse(str(obj(a.metadata).creationTimestamp));
    const tb = Date.parse(str(obj(b.metadata).creationTimestamp));
    return ta !== tb ? ta - tb : str(obj(a.metadata).name) < str(obj(b.metadata).name) ? -1 : 1;
  });
  const newRS = owned.find((rs) => templateMatches(rs, d));
  const old = owned.filter((rs) => rs !== newRS);
  const fmt = (list: JsonObj[]) =>
    list
      .map(
        (rs) =>
          `${str(obj(rs.metadata).name)} (${num(obj(rs.status).replicas)}/${num(obj(rs.spec).replicas)} replicas created)`,
      )
      .join(', ') || '<none>';
  w.write(0, `OldReplicaSets:\t${fmt(old)}\n`);
  w.write(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

function formatEndpointSlices(slices: JsonObj[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const ports = arr(s.ports);
    // Endpoints that are not ready are not listed (a failed node's pods drop out).
    const endpoints = arr(s.endpoints).filter((e) => obj(e.conditions).ready !== false);
    if (ports.length === 0) {
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!more) list.push(str((e.addresses as Json[] | undefined)?.[0]));
        count++;
      }
      continue;
    }
    for (const p of ports) {
      if (portName !== undefined && str(p.name) !== portName) continue;
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!more) list.push(`${str((e.addresses as Json[] | undefined)?.[0])}:${num(p.port)}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret || '<none>';
}

export function describeService(svc: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(svc.metadata);
  const spec = obj(svc.spec);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  w.write(0, `Namespace:\t${str(meta.namespace)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  const sel = obj(spec.selector);
  const selKeys = Object.keys(sel).sort();
  w.write(
    0,
    `Selector:\t${selKeys.length ? selKeys.map((k) => `${k}=${str(sel[k])}`).join(',') : '<none>'}\n`,
  );
  w.write(0, `Type:\t${str(spec.type)}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
  const fams = Array.isArray(spec.ipFamilies) ? spec.ipFamilies.map(str) : [];
  w.write(0, `IP Families:\t${fams.length ? fams.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${str(spec.clusterIP)}\n`);
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(str) : [];
  w.write(0, `IPs:\t${ips.length ? ips.join(',') : '<none>'}\n`);
  const ext = Array.isArray(spec.externalIPs) ? spec.externalIPs.map(str) : [];
  if (ext.length) w.write(0, `External IPs:\t${ext.join(',')}\n`);
  if (str(spec.loadBalancerIP)) w.write(0, `IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName)) w.write(0, `External Name:\t${str(spec.externalName)}\n`);
  const ingress = arr(obj(obj(svc.status).loadBalancer).ingress);
  if (ingress.length)
    w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => str(i.ip) || str(i.hostname)).join(', ')}\n`);
  for (const p of arr(spec.ports)) {
    const name = str(p.name) || '<unset>';
    w.write(0, `Port:\t${name}\t${num(p.port)}/${str(p.protocol)}\n`);
    w.write(0, `TargetPort:\t${str(p.targetPort)}/${str(p.protocol)}\n`);
    if (num(p.nodePort)) w.write(0, `NodePort:\t${name}\t${num(p.nodePort)}/${str(p.protocol)}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(r.endpointSlices ?? [], str(p.name))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy))
    w.write(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (num(spec.healthCheckNodePort)) w.write(0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
  if (spec.internalTrafficPolicy)
    w.write(0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

export function describeNamespace(ns: JsonObj): string {
  const w = new PrefixWriter();
  const meta = obj(ns.metadata);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Status:\t${str(obj(ns.status).phase)}\n`);
  return w.done();
}

export function describeEndpoints(ep: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(ep.metadata);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  w.write(0, `Namespace:\t${str(meta.namespace)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, 'Subsets:\n');
  for (const s of arr(ep.subsets)) {
    const ready = arr(s.addresses).map((a) => str(a.ip));
    const notReady = arr(s.notReadyAddresses).map((a) => str(a.ip));
    w.write(1, `Addresses:\t${ready.join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${notReady.join(',') || '<none>'}\n`);
    const ports = arr(s.ports);
    if (ports.length) {
      w.write(1, 'Ports:\n    Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ports) w.write(2, `${str(p.name) || '<unset>'}\t${num(p.port)}\t${str(p.protocol)}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

export function describeConfigMap(cm: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(cm.metadata);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  w.write(0, `Namespace:\t${str(meta.namespace)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, '\nData\n====\n');
  const data = obj(cm.data);
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${str(data[k])}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(obj(cm.binaryData)).sort())
    w.write(0, `${k}: ${str(obj(cm.binaryData)[k]).length} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

export function describeNode(node: JsonObj, r: Related): string {
  const w = new PrefixWriter();
  const meta = obj(node.metadata);
  const spec = obj(node.spec);
  const status = obj(node.status);
  w.write(0, `Name:\t${str(meta.name)}\n`);
  const labels = obj(meta.labels);
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  w.write(0, `Roles:\t${roles.join(',') || '<none>'}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  // printNodeTaintsMultiline sorts by effect, then key.
  const taintKey = (t: JsonObj) => `${str(t.effect)},${str(t.key)}`;
  const taints = arr(spec.taints).sort((a, b) =>
    taintKey(a) < taintKey(b) ? -1 : taintKey(a) > taintKey(b) ? 1 : 0,
  );
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => {
    if (i) w.write(0, '\t');
    w.write(0, `${str(t.key)}${str(t.value) ? '=' + str(t.value) : ''}:${str(t.effect)}\n`);
  });
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (r.lease) {
    const ls = obj(r.lease.spec);
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${str(ls.holderIdentity) || '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
  }
  const conds = arr(status.conditions);
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(
        1,
        `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`,
      );
  }
  w.write(0, 'Addresses:\n');
  for (const a of arr(status.addresses)) w.write(1, `${str(a.type)}:\t${str(a.address)}\n`);
  const res = (title: string, m: JsonObj) => {
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(m).sort()) w.write(1, `${k}:\t${canonicalQuantity(str(m[k]))}\n`);
  };
  res('Capacity', obj(status.capacity));
  res('Allocatable', obj(status.allocatable));
  const ni = obj(status.nodeInfo);
  w.write(0, 'System Info:\n');
  w.write(1, `Machine ID:\t${str(ni.machineID)}\n`);
  w.write(1, `System UUID:\t${str(ni.systemUUID)}\n`);
  w.write(1, `Boot ID:\t${str(ni.bootID)}\n`);
  w.write(1, `Kernel Version:\t${str(ni.kernelVersion)}\n`);
  w.write(1, `OS Image:\t${str(ni.osImage)}\n`);
  w.write(1, `Operating System:\t${str(ni.operatingSystem)}\n`);
  w.write(1, `Architecture:\t${str(ni.architecture)}\n`);
  w.write(1, `Container Runtime Version:\t${str(ni.containerRuntimeVersion)}\n`);
  w.write(1, `Kubelet Version:\t${str(ni.kubeletVersion)}\n`);
  w.write(1, `Kube-Proxy Version:\t${str(ni.kubeProxyVersion)}\n`);
  if (str(spec.podCIDR)) w.write(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  const cidrs = Array.isArray(spec.podCIDRs) ? spec.podCIDRs.map(str) : [];
  if (cidrs.length) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
  if (str(spec.providerID)) w.write(0, `ProviderID:\t${str(spec.providerID)}\n`);
  const pods = (r.pods ?? []).filter((p) => !['Succeeded', 'Failed'].includes(str(obj(p.status).phase)));
  const alloc = obj(status.allocatable);
  // Go truncates the share of allocatable to a whole percent.
  const pct = (milli: number, k: string) => {
    const a = parseMilli(str(alloc[k])) ?? 0;
    return a > 0 ? Math.trunc((milli / a) * 100) : 0;
  };
  const cell = (milli: number, k: string) => `${quantityOfMilli(milli, k === 'memory')} (${pct(milli, k)}%)`;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { reqCpu: 0, limCpu: 0, reqMem: 0, limMem: 0 };
  for (const p of pods) {
    const m = obj(p.metadata);
    const q = podResources(p);
    total.reqCpu += q.reqCpu;
    total.limCpu += q.limCpu;
    total.reqMem += q.reqMem;
    total.limMem += q.limMem;
    w.write(
      1,
      `${str(m.namespace)}\t${str(m.name)}\t\t${cell(q.reqCpu, 'cpu')}\t${cell(q.limCpu, 'cpu')}\t${cell(q.reqMem, 'memory')}\t${cell(q.limMem, 'memory')}\t${sinceAge(m.creationTimestamp, r.nowMs)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${cell(total.reqCpu, 'cpu')}\t${cell(total.limCpu, 'cpu')}\n`);
  w.write(1, `memory\t${cell(total.reqMem, 'memory')}\t${cell(total.limMem, 'memory')}\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)\n');
  describeEvents(w, r.events, r.nowMs);
  return w.done();
}

function sinceAge(ts: Json | undefined, nowMs: number): string {
  const t = Date.parse(str(ts));
  if (Number.isNaN(t)) return '<unknown>';
  return humanAge(nowMs - t);
}

const BINARY_SUFFIXES: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_SUFFIXES: [string, number][] = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/** resource.Quantity.String(): the canonical form in the quantity's own format (binary or decimal). */
export function canonicalQuantity(text: string): string {
  const milli = parseMilli(text);
  if (milli === undefined) return text;
  const binary = /[KMGTPE]i$/.test(text);
  if (milli % 1000 !== 0) return `${milli}m`;
  const n = milli / 1000;
  if (n === 0) return '0';
  for (const [s, f] of binary ? BINARY_SUFFIXES : DECIMAL_SUFFIXES) if (n % f === 0) return `${n / f}${s}`;
  return String(n);
}

/** A pod's requests and limits: the sum over its containers (a request defaults to the limit). */
function podResources(pod: JsonObj): { reqCpu: number; limCpu: number; reqMem: number; limMem: number } {
  const out = { reqCpu: 0, limCpu: 0, reqMem: 0, limMem: 0 };
  for (const c of arr(obj(pod.spec).containers)) {
    const res = obj(c.resources);
    const req = obj(res.requests);
    const lim = obj(res.limits);
    out.reqCpu += parseMilli(str(req.cpu ?? lim.cpu ?? '0')) ?? 0;
    out.limCpu += parseMilli(str(lim.cpu ?? '0')) ?? 0;
    out.reqMem += parseMilli(str(req.memory ?? lim.memory ?? '0')) ?? 0;
    out.limMem += parseMilli(str(lim.memory ?? '0')) ?? 0;
  }
  return out;
}

/** A summed quantity as Quantity.String() prints it: CPU in decimal form, memory in binary. */
function quantityOfMilli(milli: number, binary: boolean): string {
  if (milli === 0) return '0';
  if (milli % 1000 !== 0) return `${milli}m`;
  const n = milli / 1000;
  return binary && n % 1024 === 0 ? canonicalQuantity(`${n / 1024}Ki`) : canonicalQuantity(String(n));
}
