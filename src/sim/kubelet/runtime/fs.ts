/**
 * A container's file system: a flat map from absolute path to entry, plain data so a
 * snapshot of the cluster can carry it. Only what scripts and probes need is modelled
 * (no permissions, owners or links).
 */

export type FsEntry = { type: 'dir'; mtimeMs: number } | { type: 'file'; content: string; mtimeMs: number };

export interface FileSystem {
  entries: Record<string, FsEntry>;
}

/** Why a file-system call failed, as errno names; callers turn them into tool-specific texts. */
export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY';

export const ERRNO_TEXT: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
};

const BASE_DIRS = [
  '/',
  '/bin',
  '/dev',
  '/etc',
  '/home',
  '/proc',
  '/root',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/local',
  '/usr/local/bin',
  '/var',
  '/var/log',
  '/var/run',
];

/** A fresh file system with the usual top-level directories plus the given files. */
export function createFileSystem(files: Record<string, string> = {}, nowMs = 0): FileSystem {
  const fs: FileSystem = { entries: {} };
  for (const d of BASE_DIRS) fs.entries[d] = { type: 'dir', mtimeMs: nowMs };
  for (const [path, content] of Object.entries(files)) {
    mkdirs(fs, dirname(path), nowMs);
    fs.entries[normalizePath(path)] = { type: 'file', content, mtimeMs: nowMs };
  }
  return fs;
}

/** Resolves `.`/`..`/duplicate slashes against cwd; always absolute. */
export function normalizePath(path: string, cwd = '/'): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function dirname(path: string): string {
  const p = normalizePath(path);
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(path: string): string {
  const p = normalizePath(path);
  return p === '/' ? '/' : p.slice(p.lastIndexOf('/') + 1);
}

export function stat(fs: FileSystem, path: string): FsEntry | undefined {
  return fs.entries[normalizePath(path)];
}

export function readFile(
  fs: FileSystem,
  path: string,
): { ok: true; content: string } | { ok: false; error: FsError } {
  const e = stat(fs, path);
  if (!e) return { ok: false, error: parentProblem(fs, path) ?? 'ENOENT' };
  if (e.type === 'dir') return { ok: false, error: 'EISDIR' };
  return { ok: true, content: e.content };
}

/** Creates or replaces (append=false) / extends (append=true) a file. */
export function writeFile(
  fs: FileSystem,
  path: string,
  content: string,
  nowMs: number,
  append = false,
): FsError | undefined {
  const p = normalizePath(path);
  const parent = stat(fs, dirname(p));
  if (!parent) return 'ENOENT';
  if (parent.type !== 'dir') return 'ENOTDIR';
  const e = fs.entries[p];
  if (e?.type === 'dir') return 'EISDIR';
  const before = append && e?.type === 'file' ? e.content : '';
  fs.entries[p] = { type: 'file', content: before + content, mtimeMs: nowMs };
  return undefined;
}

export function mkdir(fs: FileSystem, path: string, nowMs: number, parents: boolean): FsError | undefined {
  const p = normalizePath(path);
  const e = fs.entries[p];
  if (e) return parents && e.type === 'dir' ? undefined : 'EEXIST';
  if (parents) return mkdirs(fs, p, nowMs);
  const parent = stat(fs, dirname(p));
  if (!parent) return 'ENOENT';
  if (parent.type !== 'dir') return 'ENOTDIR';
  fs.entries[p] = { type: 'dir', mtimeMs: nowMs };
  return undefined;
}

function mkdirs(fs: FileSystem, path: string, nowMs: number): FsError | undefined {
  const p = normalizePath(path);
  let cur = '';
  for (const part of p.split('/').filter(Boolean)) {
    cur += `/${part}`;
    const e = fs.entries[cur];
    if (!e) fs.entries[cur] = { type: 'dir', mtimeMs: nowMs };
    else if (e.type !== 'dir') return 'ENOTDIR';
  }
  return undefined;
}

/** Direct children's names, sorted as `ls` sorts them (C locale). */
export function listDir(fs: FileSystem, path: string): string[] {
  const p = normalizePath(path);
  const prefix = p === '/' ? '/' : `${p}/`;
  const names: string[] = [];
  for (const key of Object.keys(fs.entries)) {
    if (key !== p && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
      names.push(key.slice(prefix.length));
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function remove(fs: FileSystem, path: string, recursive: boolean): FsError | undefined {
  const p = normalizePath(path);
  const e = fs.entries[p];
  if (!e) return 'ENOENT';
  if (e.type === 'dir') {
    if (!recursive) return 'EISDIR';
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const key of Object.keys(fs.entries)) if (key.startsWith(prefix)) delete fs.entries[key];
  }
  if (p !== '/') delete fs.entries[p];
  return undefined;
}

export function touch(fs: FileSystem, path: string, nowMs: number): FsError | undefined {
  const p = normalizePath(path);
  const e = fs.entries[p];
  if (e) {
    e.mtimeMs = nowMs;
    return undefined;
  }
  return writeFile(fs, p, '', nowMs);
}

/** Paths matching a shell glob (`*`, `?`, `[...]`) in its last components; sorted. */
export function glob(fs: FileSystem, pattern: string, cwd: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter(Boolean);
  let paths: string[] = [absolute ? '/' : normalizePath('.', cwd)];
  for (const part of parts) {
    const next: string[] = [];
    const re = /[*?[]/.test(part) ? globToRegExp(part) : undefined;
    for (const dir of paths) {
      if (!re) {
        const candidate = normalizePath(part, dir);
        if (fs.entries[candidate]) next.push(candidate);
        continue;
      }
      for (const name of listDir(fs, dir)) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(normalizePath(name, dir));
      }
    }
    paths = next;
  }
  const cwdPrefix = cwd === '/' ? '/' : `${cwd}/`;
  return paths.map((p) => (absolute ? p : p.startsWith(cwdPrefix) ? p.slice(cwdPrefix.length) : p)).sort();
}

function globToRegExp(part: string): RegExp {
  let src = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) src += '\\[';
      else {
        src += `[${part
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}

function parentProblem(fs: FileSystem, path: string): FsError | undefined {
  const parent = stat(fs, dirname(path));
  if (parent && parent.type !== 'dir') return 'ENOTDIR';
  return undefined;
}
