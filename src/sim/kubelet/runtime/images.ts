/**
 * The image registry KubeSim pulls from: real image references with their real default
 * entrypoint/cmd, listening ports and approximate compressed (linux/amd64) sizes, plus a
 * behaviour telling the runtime what the process does. An image not listed here does not
 * exist: pulling it fails as containerd fails on a missing repository. Sizes marked as
 * measured match `Image size:` in real kubelet events; the others are close estimates.
 *
 * Drill images (KubeSim's own, for fault lessons), each configured by `--after=SECONDS`:
 * - `kubesim/crash`        serves HTTP on 8080, then exits with code 1 after 30 s (`--code=N`).
 * - `kubesim/hang`         serves HTTP on 8080, then stops answering (probes time out) after 30 s.
 * - `kubesim/slow-ready`   listens on 8080 at once; `/ready` (and `/healthz`) answer 503 until 60 s.
 * - `kubesim/memory-leak`  grows its memory by `--rate=MiB` (10) per second until the limit OOM-kills it.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { formatReference, parseImageReference, repositoryOf } from './reference';
import type { Userland } from './shell/messages';

export type BehaviourKind = 'server' | 'shell' | 'agnhost' | 'stress' | 'pause' | 'exit' | 'drill';

/** Which server a `server` image runs; decides its logs and HTTP answers. */
export type ServerFlavour =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'postgres'
  | 'mysql'
  | 'memcached'
  | 'hello-app'
  | 'gb-frontend'
  | 'goproxy'
  | 'coredns'
  | 'kube-proxy'
  | 'fluentd';

export type DrillKind = 'crash' | 'hang' | 'slow-ready' | 'memory-leak';

/** What running one of the image's executables does. */
export type ProgramSpec =
  | { kind: 'server'; flavour: ServerFlavour }
  | { kind: 'agnhost' }
  | { kind: 'stress'; variant: 'polinux' | 'vish' }
  | { kind: 'pause' }
  | { kind: 'drill'; drill: DrillKind }
  /** An entrypoint wrapper that ends in `exec "$@"` (docker-entrypoint.sh, tini). */
  | { kind: 'wrapper' }
  /** An interpreter (python, node) with no script to run: reads EOF from stdin and exits 0. */
  | { kind: 'interpreter' }
  /** A network client (curl) that runs like a utility and exits. */
  | { kind: 'client' };

export interface ImagePort {
  port: number;
  protocol: 'TCP' | 'UDP';
}

export interface ImageEntry {
  /** Normalised reference, e.g. `docker.io/library/nginx:1.14.2`. */
  ref: string;
  /** `sha256:…` manifest digest; derived from the reference unless the real one is known. */
  digest: string;
  /** Compressed size in bytes, as the kubelet's `Image size:` reports it. */
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  /** ENV baked into the image (before the pod's env). */
  env: Record<string, string>;
  ports: ImagePort[];
  behaviour: BehaviourKind;
  /** BusyBox, Debian (dash + coreutils) or nothing (distroless, scratch). */
  userland: Userland | 'none';
  /** Executables beyond the userland, by name as argv[0] may give them. */
  programs: Record<string, ProgramSpec>;
  /** Application version where logs print it (nginx/1.27.5). */
  version?: string;
}

/** What the catalog needs to build an entry; missing fields get defaults. */
export interface ImageSeed {
  ref: string;
  digest?: string;
  sizeBytes: number;
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  ports?: (number | ImagePort)[];
  behaviour: BehaviourKind;
  userland: Userland | 'none';
  programs?: Record<string, ProgramSpec>;
  version?: string;
}

/** A sha256-looking digest that is stable for a name: sha256 of the normalised reference. */
export function deriveDigest(ref: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(ref)))}`;
}

const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const WRAPPER: ProgramSpec = { kind: 'wrapper' };
const CLIENT: ProgramSpec = { kind: 'client' };

function nginx(tag: string, version: string, sizeBytes: number, alpine = false): ImageSeed {
  const modern = !version.startsWith('1.14') && !version.startsWith('1.16');
  return {
    ref: `nginx:${tag}`,
    sizeBytes,
    // The /docker-entrypoint.sh wrapper arrived in the 1.19 images.
    entrypoint: modern ? ['/docker-entrypoint.sh'] : [],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { PATH: DEBIAN_PATH, NGINX_VERSION: version },
    ports: [80],
    behaviour: 'server',
    userland: alpine ? 'busybox' : 'gnu',
    programs: {
      nginx: { kind: 'server', flavour: 'nginx' },
      'nginx-debug': { kind: 'server', flavour: 'nginx' },
      '/docker-entrypoint.sh': WRAPPER,
      // The Debian images install curl (the alpine one and the old stretch ones do not).
      ...(modern && !alpine ? { curl: CLIENT } : {}),
    },
    version,
  };
}

function shellImage(ref: string, sizeBytes: number, userland: Userland, cmd: string[]): ImageSeed {
  return { ref, sizeBytes, cmd, env: { PATH: DEBIAN_PATH }, behaviour: 'shell', userland };
}

function server(
  ref: string,
  sizeBytes: number,
  flavour: ServerFlavour,
  ports: (number | ImagePort)[],
  program: string,
  extra: Partial<ImageSeed> = {},
): ImageSeed {
  return {
    ref,
    sizeBytes,
    cmd: [program],
    env: { PATH: DEBIAN_PATH },
    ports,
    behaviour: 'server',
    userland: 'gnu',
    programs: { [program]: { kind: 'server', flavour }, 'docker-entrypoint.sh': WRAPPER },
    ...extra,
  };
}

function drill(name: DrillKind, sizeBytes: number): ImageSeed {
  return {
    ref: `kubesim/${name}:latest`,
    sizeBytes,
    entrypoint: [`/${name}`],
    ports: name === 'memory-leak' ? [] : [8080],
    behaviour: 'drill',
    userland: 'busybox',
    programs: { [`/${name}`]: { kind: 'drill', drill: name } },
  };
}

const SEEDS: ImageSeed[] = [
  // nginx; 1.14.2 and latest sizes are measured.
  nginx('1.14.2', '1.14.2', 44_710_204),
  nginx('1.16.1', '1.16.1', 51_031_620),
  nginx('1.25', '1.25.5', 70_544_987),
  nginx('1.27', '1.27.5', 72_402_122),
  nginx('latest', '1.27.5', 72_402_122),
  nginx('alpine', '1.27.5', 20_981_433, true),
  server('httpd:latest', 58_206_427, 'httpd', [80], 'httpd-foreground', { version: '2.4.63' }),
  server('httpd:2.4', 58_206_427, 'httpd', [80], 'httpd-foreground', { version: '2.4.63' }),
  server('redis:latest', 45_013_174, 'redis', [6379], 'redis-server', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '7.4.2',
  }),
  server('redis:7', 45_013_174, 'redis', [6379], 'redis-server', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '7.4.2',
  }),
  server('redis:alpine', 17_205_012, 'redis', [6379], 'redis-server', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '7.4.2',
    userland: 'busybox',
  }),
  // The guestbook's redis leader, pinned by its real digest.
  server(
    'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee',
    36_410_238,
    'redis',
    [6379],
    'redis-server',
    { version: '5.0.5' },
  ),
  server(
    'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2',
    38_203_412,
    'redis',
    [6379],
    'redis-server',
    {
      cmd: ['/run.sh'],
      programs: { '/run.sh': WRAPPER, 'redis-server': { kind: 'server', flavour: 'redis' } },
      version: '6.0.5',
    },
  ),
  server(
    'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
    171_206_430,
    'gb-frontend',
    [80],
    'apache2-foreground',
  ),
  server('postgres:latest', 153_403_112, 'postgres', [5432], 'postgres', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '17.2',
  }),
  server('postgres:16', 150_118_305, 'postgres', [5432], 'postgres', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '16.6',
  }),
  server('mysql:latest', 172_902_110, 'mysql', [3306, 33060], 'mysqld', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '9.1.0',
  }),
  server('mysql:8.0', 165_204_511, 'mysql', [3306, 33060], 'mysqld', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '8.0.40',
  }),
  server('memcached:latest', 31_902_144, 'memcached', [11211], 'memcached', {
    entrypoint: ['docker-entrypoint.sh'],
    version: '1.6.34',
  }),
  server('gcr.io/google-samples/hello-app:1.0', 11_014_621, 'hello-app', [8080], '/hello-app', {
    userland: 'none',
    version: '1.0.0',
  }),
  server('gcr.io/google-samples/hello-app:2.0', 11_014_734, 'hello-app', [8080], '/hello-app', {
    userland: 'none',
    version: '2.0.0',
  }),
  server('registry.k8s.io/goproxy:0.1', 2_466_014, 'goproxy', [8080], '/goproxy', { userland: 'none' }),
  server('quay.io/fluentd_elasticsearch/fluentd:v5.0.1', 143_514_876, 'fluentd', [], 'fluentd', {
    entrypoint: ['tini', '--', '/entrypoint.sh'],
    programs: { fluentd: { kind: 'server', flavour: 'fluentd' }, tini: WRAPPER, '/entrypoint.sh': WRAPPER },
  }),
  server(
    'registry.k8s.io/coredns/coredns:v1.11.3',
    18_562_039,
    'coredns',
    // 8080 serves the `health` plugin and 8181 the `ready` plugin of kubeadm's Corefile.
    [{ port: 53, protocol: 'UDP' }, 53, 8080, 8181, 9153],
    '/coredns',
    { entrypoint: ['/coredns'], cmd: [], userland: 'none', version: '1.11.3' },
  ),
  server(
    'registry.k8s.io/kube-proxy:v1.32.0',
    30_907_858,
    'kube-proxy',
    [10256],
    '/usr/local/bin/kube-proxy',
    {
      cmd: [],
      entrypoint: ['/usr/local/bin/kube-proxy'],
      programs: {
        '/usr/local/bin/kube-proxy': { kind: 'server', flavour: 'kube-proxy' },
        'kube-proxy': { kind: 'server', flavour: 'kube-proxy' },
      },
      userland: 'none',
      version: '1.32.0',
    },
  ),
  // Shells and bases. busybox:latest size is measured.
  shellImage('busybox:latest', 2_160_406, 'busybox', ['sh']),
  shellImage('busybox:1.37', 2_160_406, 'busybox', ['sh']),
  shellImage('busybox:1.36', 2_152_262, 'busybox', ['sh']),
  shellImage('busybox:1.28', 727_869, 'busybox', ['sh']),
  shellImage('registry.k8s.io/busybox:1.27.2', 716_491, 'busybox', ['sh']),
  shellImage('registry.k8s.io/busybox:latest', 1_144_547, 'busybox', ['sh']),
  shellImage('alpine:latest', 3_642_247, 'busybox', ['/bin/sh']),
  shellImage('alpine:3.20', 3_626_898, 'busybox', ['/bin/sh']),
  // Network debugging clients: curl's image runs curl (usage, exit 2) unless given a command.
  {
    ref: 'curlimages/curl:latest',
    sizeBytes: 10_212_384,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    env: { PATH: DEBIAN_PATH },
    behaviour: 'shell',
    userland: 'busybox',
    programs: { '/entrypoint.sh': WRAPPER, curl: CLIENT },
  },
  // netshoot's CMD is zsh, which with no terminal reads EOF and exits 0.
  {
    ref: 'nicolaka/netshoot:latest',
    sizeBytes: 206_145_337,
    cmd: ['zsh'],
    env: { PATH: DEBIAN_PATH },
    behaviour: 'exit',
    userland: 'busybox',
    programs: { zsh: { kind: 'interpreter' }, curl: CLIENT },
  },
  shellImage('ubuntu:latest', 29_754_290, 'gnu', ['/bin/bash']),
  shellImage('ubuntu:24.04', 29_754_290, 'gnu', ['/bin/bash']),
  shellImage('ubuntu:22.04', 29_537_345, 'gnu', ['/bin/bash']),
  shellImage('debian:latest', 48_494_272, 'gnu', ['bash']),
  shellImage('debian:bookworm', 48_494_272, 'gnu', ['bash']),
  shellImage('debian:bookworm-slim', 28_230_106, 'gnu', ['bash']),
  ...(['python:latest', 'python:3.13', 'python:3.12', 'python:3.12-slim'] as const).map((ref): ImageSeed => ({
    ref,
    sizeBytes: ref.endsWith('slim') ? 45_137_604 : ref === 'python:3.12' ? 372_110_230 : 375_906_144,
    cmd: ['python3'],
    env: { PATH: DEBIAN_PATH },
    behaviour: 'exit',
    userland: 'gnu',
    programs: { python3: { kind: 'interpreter' }, python: { kind: 'interpreter' } },
  })),
  ...(['node:latest', 'node:22', 'node:20', 'node:20-alpine'] as const).map((ref): ImageSeed => ({
    ref,
    sizeBytes: ref.endsWith('alpine') ? 45_520_101 : 391_406_611,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    env: { PATH: DEBIAN_PATH },
    behaviour: 'exit',
    userland: ref.endsWith('alpine') ? 'busybox' : 'gnu',
    programs: { node: { kind: 'interpreter' }, 'docker-entrypoint.sh': WRAPPER },
  })),
  // Infrastructure and test images.
  ...(['latest', '3.10', '3.9', '3.8'] as const).map((tag): ImageSeed => ({
    ref: `registry.k8s.io/pause:${tag}`,
    sizeBytes: tag === '3.8' ? 311_286 : tag === '3.9' ? 321_520 : 320_368,
    entrypoint: ['/pause'],
    behaviour: 'pause',
    userland: 'none',
    programs: { '/pause': { kind: 'pause' } },
  })),
  {
    ref: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
    sizeBytes: 51_155_161,
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    ports: [8080],
    behaviour: 'agnhost',
    userland: 'busybox',
    programs: { '/agnhost': { kind: 'agnhost' }, agnhost: { kind: 'agnhost' } },
    version: '2.40',
  },
  {
    ref: 'polinux/stress:latest',
    sizeBytes: 4_041_894,
    cmd: ['stress'],
    behaviour: 'stress',
    userland: 'busybox',
    programs: {
      stress: { kind: 'stress', variant: 'polinux' },
      '/usr/local/bin/stress': { kind: 'stress', variant: 'polinux' },
    },
  },
  {
    ref: 'vish/stress:latest',
    sizeBytes: 1_465_440,
    entrypoint: ['/stress', '-logtostderr'],
    behaviour: 'stress',
    userland: 'none',
    programs: { '/stress': { kind: 'stress', variant: 'vish' } },
  },
  drill('crash', 2_210_031),
  drill('hang', 2_210_031),
  drill('slow-ready', 2_210_031),
  drill('memory-leak', 2_210_031),
];

function build(seed: ImageSeed): ImageEntry {
  const parsed = parseImageReference(seed.ref);
  if (!parsed.ok) throw new Error(`bad image reference in catalog: ${seed.ref}`);
  const ref = formatReference(parsed.ref);
  const entry: ImageEntry = {
    ref,
    digest: seed.digest ?? parsed.ref.digest ?? deriveDigest(ref),
    sizeBytes: seed.sizeBytes,
    entrypoint: seed.entrypoint ?? [],
    cmd: seed.cmd ?? [],
    env: seed.env ?? {},
    ports: (seed.ports ?? []).map((p) => (typeof p === 'number' ? { port: p, protocol: 'TCP' as const } : p)),
    behaviour: seed.behaviour,
    userland: seed.userland,
    programs: seed.programs ?? {},
  };
  if (seed.version !== undefined) entry.version = seed.version;
  return entry;
}

/**
 * The catalog, keyed by normalised reference. Module state by design: it is static data
 * plus what `addImage` registers, the same in every run with the same inputs.
 */
const catalog = new Map<string, ImageEntry>();
for (const seed of SEEDS) {
  const e = build(seed);
  catalog.set(e.ref, e);
}

/** The entry a reference pulls, or undefined (the pull fails). Accepts tags and digests. */
export function lookupImage(text: string): ImageEntry | undefined {
  const parsed = parseImageReference(text);
  if (!parsed.ok) return undefined;
  const ref = parsed.ref;
  if (ref.digest !== undefined) {
    // By digest: any entry of the repository whose digest matches (a tag next to it is ignored, as containerd does).
    const repo = repositoryOf(ref);
    for (const e of catalog.values()) {
      const p = parseImageReference(e.ref);
      if (p.ok && repositoryOf(p.ref) === repo && e.digest === ref.digest) return e;
    }
    return undefined;
  }
  return catalog.get(formatReference(ref));
}

/** Registers (or replaces) an image, e.g. a learner's own `myapp:v1`. Returns the stored entry. */
export function addImage(seed: ImageSeed): ImageEntry {
  const e = build(seed);
  catalog.set(e.ref, e);
  return e;
}

/**
 * A learner's own image that behaves like one in the catalog (`myshop/web:v2` like `nginx:1.27`):
 * same entrypoint, ports and behaviour, its own name, digest and size.
 */
export function addImageLike(
  ref: string,
  like: string,
  sizeBytes?: number,
): { ok: true; entry: ImageEntry } | { ok: false; message: string } {
  const parsed = parseImageReference(ref);
  if (!parsed.ok) return { ok: false, message: parsed.error };
  const base = lookupImage(like);
  if (!base) return { ok: false, message: `no image "${like}" in the catalog to copy` };
  const entry = addImage({ ...base, ref, digest: undefined, sizeBytes: sizeBytes ?? base.sizeBytes });
  return { ok: true, entry };
}

/** Every image in the catalog, sorted by reference. */
export function listImages(): ImageEntry[] {
  return [...catalog.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Whether any tag of the reference's repository exists (decides which pull error applies). */
function repositoryExists(repo: string): boolean {
  for (const e of catalog.values()) {
    const p = parseImageReference(e.ref);
    if (p.ok && repositoryOf(p.ref) === repo) return true;
  }
  return false;
}

/**
 * The message of the kubelet's `Failed to pull image "<ref>": …` event, as containerd
 * returns it: an unknown repository looks like an authorization failure (registries do not
 * reveal whether a private repository exists); a known repository with an unknown tag is
 * NotFound.
 */
export function pullErrorMessage(text: string): string {
  const parsed = parseImageReference(text);
  if (!parsed.ok) return `rpc error: code = Unknown desc = ${parsed.error}`;
  const full = formatReference(parsed.ref);
  const head = `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
  if (repositoryExists(repositoryOf(parsed.ref)))
    return `rpc error: code = NotFound desc = ${head}: ${full}: not found`;
  return `rpc error: code = Unknown desc = ${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** The whole `Failed` event message the kubelet records for a failed pull. */
export function pullFailedEventMessage(text: string): string {
  return `Failed to pull image "${text}": ${pullErrorMessage(text)}`;
}
