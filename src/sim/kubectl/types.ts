import type { FlagSpec, Flags } from './args';
import type { Client, Transport } from './client';

export interface KubectlIo {
  stdin?: string;
  /** Virtual files for `-f <path>` (the browser has no file system). */
  files?: Record<string, string>;
  transport: Transport;
  /** Namespace of the current context (kubeconfig), `default` when unset. */
  namespace?: string;
  /** Wall clock for client-side ages; defaults to Date.now(). */
  nowMs?: number;
  /** `config view` / `current-context` content. */
  kubeconfig?: KubeconfigInfo;
  /** Output goes to a terminal (the browser terminal): kubectl then uses colours where it does. */
  tty?: boolean;
}

export interface KubeconfigInfo {
  server: string;
  contextName: string;
  clusterName: string;
  userName: string;
  namespace?: string;
}

export interface StreamIo extends KubectlIo {
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  signal?: AbortSignal;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What a command runs with: the parsed flags, the client and the output streams. */
export interface Ctx {
  client: Client;
  flags: Flags;
  args: string[];
  argsLenAtDash: number;
  /** The namespace to act in: `-n`, else the context's, else `default`. */
  namespace: string;
  /** Whether `-n` was given (objects from files must then agree with it). */
  explicitNamespace: boolean;
  stdin: string;
  files: Record<string, string>;
  out(s: string): void;
  err(s: string): void;
  now(): number;
  signal?: AbortSignal;
  /** `kubectl get`, for usage hints. */
  commandPath: string;
  kubeconfig: KubeconfigInfo;
  tty: boolean;
  /** Server-side wait: lets the clock move (the in-browser cluster runs on a virtual clock). */
  sleep(ms: number): Promise<void>;
}

export interface Command {
  name: string;
  aliases?: string[];
  flags?: FlagSpec[];
  subcommands?: Command[];
  /** Runs the command; a thrown error goes through CheckErr. Returns the exit code (0 if void). */
  run?(ctx: Ctx): Promise<number | void>;
  /** What `kubectl <group>` with no subcommand prints (cobra help), and exits 0 or 1. */
  help?: string;
}
