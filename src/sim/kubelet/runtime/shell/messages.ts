/**
 * Error texts of the two userlands images ship: BusyBox (busybox, alpine, agnhost) and
 * dash + GNU coreutils (debian, ubuntu and the Debian-based official images). Scripts
 * fail with the same words a learner would see on a real cluster.
 */

import { ERRNO_TEXT, type FsError } from '../fs';

export type Userland = 'busybox' | 'gnu';

/** How the shell names itself in messages: `sh` (ash or dash) or `bash`. */
export type ShellName = 'sh' | 'bash';

export interface Messages {
  notFound(cmd: string): string;
  cannotCreate(path: string, err: FsError): string;
  cat(path: string, err: FsError): string;
  rm(path: string, err: FsError): string;
  ls(path: string): string;
  mkdir(path: string, err: FsError): string;
  touch(path: string, err: FsError): string;
  cd(path: string): string;
  invalidSleep(arg: string): string;
  illegalNumber(cmd: string, arg: string): string;
}

function busybox(): Messages {
  return {
    notFound: (cmd) => `sh: ${cmd}: not found`,
    cannotCreate: (p, e) =>
      `sh: can't create ${p}: ${e === 'ENOENT' ? 'nonexistent directory' : ERRNO_TEXT[e]}`,
    cat: (p, e) =>
      e === 'EISDIR' ? 'cat: read error: Is a directory' : `cat: can't open '${p}': ${ERRNO_TEXT[e]}`,
    rm: (p, e) =>
      e === 'EISDIR' ? `rm: '${p}' is a directory` : `rm: can't remove '${p}': ${ERRNO_TEXT[e]}`,
    ls: (p) => `ls: ${p}: No such file or directory`,
    mkdir: (p, e) => `mkdir: can't create directory '${p}': ${ERRNO_TEXT[e]}`,
    touch: (p, e) => `touch: ${p}: ${ERRNO_TEXT[e]}`,
    cd: (p) => `sh: cd: can't cd to ${p}: No such file or directory`,
    invalidSleep: (a) => `sleep: invalid number '${a}'`,
    illegalNumber: (_cmd, a) => `sh: invalid number '${a}'`,
  };
}

function gnu(shell: ShellName): Messages {
  // dash prefixes `sh: <line>:`, bash `bash: line <line>:`; a `-c` script is line 1.
  const pre = shell === 'bash' ? 'bash: line 1:' : 'sh: 1:';
  return {
    notFound: (cmd) => (shell === 'bash' ? `${pre} ${cmd}: command not found` : `${pre} ${cmd}: not found`),
    cannotCreate: (p, e) =>
      shell === 'bash'
        ? `${pre} ${p}: ${ERRNO_TEXT[e]}`
        : `${pre} cannot create ${p}: ${e === 'ENOENT' ? 'Directory nonexistent' : ERRNO_TEXT[e]}`,
    cat: (p, e) => `cat: ${p}: ${ERRNO_TEXT[e]}`,
    rm: (p, e) => `rm: cannot remove '${p}': ${ERRNO_TEXT[e]}`,
    ls: (p) => `ls: cannot access '${p}': No such file or directory`,
    mkdir: (p, e) => `mkdir: cannot create directory '${p}': ${ERRNO_TEXT[e]}`,
    touch: (p, e) => `touch: cannot touch '${p}': ${ERRNO_TEXT[e]}`,
    cd: (p) =>
      shell === 'bash' ? `${pre} cd: ${p}: No such file or directory` : `${pre} cd: can't cd to ${p}`,
    invalidSleep: (a) => `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`,
    illegalNumber: (cmd, a) =>
      shell === 'bash'
        ? `${pre} ${cmd}: ${a}: integer expression expected`
        : `${pre} ${cmd}: Illegal number: ${a}`,
  };
}

export function messagesFor(userland: Userland, shell: ShellName): Messages {
  return userland === 'busybox' ? busybox() : gnu(shell);
}
