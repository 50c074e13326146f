import type { Deployment } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { labelSelectorString, layoutContainerCells } from './format';
import { col, type Printer, type PrintedRow } from './types';

export function printDeployment(obj: KubeObject, nowMs: number): PrintedRow {
  const dep = obj as Deployment;
  // spec.replicas is defaulted to 1 before storage; the fallback keeps undefaulted input honest.
  const desired = dep.spec?.replicas ?? 1;
  const [containers, images] = layoutContainerCells(dep.spec?.template?.spec?.containers);
  // Unlike ReplicaSets, deployments print the raw selector string: empty, not `<none>`.
  const selector = labelSelectorString(dep.spec?.selector) ?? '<invalid>';
  return {
    cells: [
      dep.metadata?.name ?? '',
      `${dep.status?.readyReplicas ?? 0}/${desired}`,
      dep.status?.updatedReplicas ?? 0,
      dep.status?.availableReplicas ?? 0,
      translateTimestampSince(dep.metadata?.creationTimestamp, nowMs),
      containers,
      images,
      selector,
    ],
  };
}

export const deploymentPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', d.EXT_DEPLOYMENT_STATUS_UPDATED),
    col('Available', 'string', d.EXT_DEPLOYMENT_STATUS_AVAILABLE),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Containers', 'string', 'Names of each container in the template.', { priority: 1 }),
    col('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 }),
    col('Selector', 'string', d.EXT_DEPLOYMENT_SPEC_SELECTOR, { priority: 1 }),
  ],
  print: printDeployment,
};
