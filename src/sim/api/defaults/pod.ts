import { isObj, list, obj, opt, setDefault, type Obj } from './fields';
import { defaultPodSpec } from './pod-spec';

/**
 * SetDefaults_Pod, then what the Priority admission plugin adds to every pod without a
 * priority class (KubeSim runs no PriorityClasses, so the global default applies).
 */
export function defaultPod(pod: Obj): void {
  const spec = obj(pod, 'spec');
  for (const c of [...list(spec, 'containers'), ...list(spec, 'initContainers')]) {
    // Requests left out are taken from limits.
    const res = opt(c, 'resources');
    const limits = res && opt(res, 'limits');
    if (!res || !limits) continue;
    const requests = isObj(res.requests) ? res.requests : (res.requests = {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null)
    spec.enableServiceLinks = true;
  defaultPodSpec(spec);
  if (!spec.priorityClassName) {
    setDefault(spec, 'priority', 0);
    setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
}
