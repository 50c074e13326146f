/**
 * Image references, normalised the way containerd (via distribution/reference
 * ParseDockerRef) does before it pulls: `nginx` → `docker.io/library/nginx:latest`,
 * `registry.k8s.io/pause` → `registry.k8s.io/pause:latest`, a digest kept as given.
 */

export interface ImageReference {
  /** Registry host, e.g. `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string;
  /** Repository path below the domain, e.g. `library/nginx`. */
  path: string;
  /** Tag, or undefined when the reference pins a digest only. */
  tag?: string;
  /** `sha256:<64 hex>` when pinned. */
  digest?: string;
}

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; error: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;

/** Parses and normalises a reference; errors use distribution/reference's texts. */
export function parseImageReference(text: string): ParsedReference {
  const invalid = { ok: false as const, error: 'invalid reference format' };
  if (text === '' || text.trim() !== text) return invalid;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return invalid;
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return invalid;
  }
  const slash = rest.indexOf('/');
  let domain = 'docker.io';
  let path = rest;
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    // As upstream splitDockerDomain: a first part with '.' or ':' or `localhost` is a host.
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (path !== path.toLowerCase()) {
    return { ok: false, error: `invalid reference format: repository name (${path}) must be lowercase` };
  }
  if (path === '' || !path.split('/').every((c) => COMPONENT.test(c))) return invalid;
  const host = domain.replace(/:\d+$/, '');
  if (!host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) return invalid;
  if (path.length + domain.length + 1 > 255)
    return { ok: false, error: 'repository name must not be more than 255 characters' };
  // A reference with neither tag nor digest means `:latest` (reference.TagNameOnly).
  if (tag === undefined && digest === undefined) tag = 'latest';
  const ref: ImageReference = { domain, path };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest.toLowerCase();
  return { ok: true, ref };
}

/** The repository without tag or digest: `docker.io/library/nginx`. */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The fully qualified reference as containerd prints it. */
export function formatReference(ref: ImageReference): string {
  let s = repositoryOf(ref);
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** Normalised text of a reference, or undefined if it does not parse. */
export function normalizeImageReference(text: string): string | undefined {
  const parsed = parseImageReference(text);
  return parsed.ok ? formatReference(parsed.ref) : undefined;
}

/**
 * The kubelet's message when a reference cannot be parsed (reason `InvalidImageName`),
 * from applyDefaultImageTag in pkg/kubelet/images.
 */
export function invalidImageNameMessage(text: string): string | undefined {
  const parsed = parseImageReference(text);
  if (parsed.ok) return undefined;
  return `Failed to apply default image tag "${text}": couldn't parse image name "${text}": ${parsed.error}`;
}
