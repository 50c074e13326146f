/** The simulated container runtime's behaviour: images, processes, probes, logs. */
export * from './reference';
export * from './images';
export * from './fs';
export * from './log';
export * from './servers';
export * from './behaviour';
export {
  startProcess,
  stepProcess,
  nextWake,
  type Process,
  type StepResult,
  type StartOptions,
} from './shell/process';
export {
  execInContainer,
  resolveExecutable,
  execNotFoundMessage,
  type ExecResult,
  type ExecTarget,
} from './shell/exec';
export { parseScript } from './shell/parser';
export type { PodNetwork, LookupResult } from './shell/network';
