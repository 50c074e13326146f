import { annotateCommand } from './cmd/annotate';
import { apiResourcesCommand, apiVersionsCommand } from './cmd/api-resources';
import { applyCommand } from './cmd/apply';
import { authCommand } from './cmd/auth';
import { clusterInfoCommand } from './cmd/cluster-info';
import { configCommand } from './cmd/config';
import { cordonCommand, uncordonCommand } from './cmd/cordon';
import { createCommand } from './cmd/create';
import { deleteCommand } from './cmd/delete';
import { describeCommand } from './cmd/describe';
import { drainCommand } from './cmd/drain';
import { execCommand } from './cmd/exec';
import { explainCommand } from './cmd/explain';
import { exposeCommand } from './cmd/expose';
import { getCommand } from './cmd/get';
import { labelCommand } from './cmd/label';
import { logsCommand } from './cmd/logs';
import { patchCommand } from './cmd/patch';
import { replaceCommand } from './cmd/replace';
import { rolloutCommand } from './cmd/rollout';
import { runCommand } from './cmd/run';
import { scaleCommand } from './cmd/scale';
import { setCommand } from './cmd/set-image';
import { taintCommand } from './cmd/taint';
import { topCommand } from './cmd/top';
import { versionCommand } from './cmd/version';
import type { Command } from './types';

/** kubectl's command tree: the commands KubeSim implements. */
export const COMMANDS: Command[] = [
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  explainCommand,
  getCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  clusterInfoCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  execCommand,
  authCommand,
  applyCommand,
  patchCommand,
  replaceCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  versionCommand,
];

/** Every top-level kubectl 1.32 command, for cobra's "Did you mean this?" suggestions. */
export const ALL_COMMAND_NAMES = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate',
  'cluster-info', 'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff',
  'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs',
  'options', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set',
  'taint', 'top', 'uncordon', 'version', 'wait',
]; // prettier-ignore
