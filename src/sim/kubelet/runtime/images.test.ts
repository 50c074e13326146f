import { describe, expect, it } from 'vitest';
import { addImage, deriveDigest, listImages, lookupImage, pullErrorMessage } from './images';
import { invalidImageNameMessage, normalizeImageReference } from './reference';

describe('image references', () => {
  it('normalises as containerd does', () => {
    expect(normalizeImageReference('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImageReference('nginx:1.14.2')).toBe('docker.io/library/nginx:1.14.2');
    expect(normalizeImageReference('polinux/stress')).toBe('docker.io/polinux/stress:latest');
    expect(normalizeImageReference('registry.k8s.io/pause')).toBe('registry.k8s.io/pause:latest');
    expect(normalizeImageReference('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizeImageReference('index.docker.io/library/busybox:1.37')).toBe(
      'docker.io/library/busybox:1.37',
    );
    const pinned =
      'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee';
    expect(normalizeImageReference(pinned)).toBe(pinned);
  });

  it('rejects malformed references with the kubelet text', () => {
    expect(normalizeImageReference('Nginx')).toBeUndefined();
    expect(invalidImageNameMessage('Nginx')).toBe(
      'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
    );
    expect(invalidImageNameMessage('nginx:')).toContain('invalid reference format');
  });
});

describe('catalog', () => {
  it('has every image the upstream examples use', () => {
    for (const ref of [
      'busybox:1.37',
      'debian',
      'gcr.io/google-samples/hello-app:2.0',
      'nginx',
      'nginx:1.14.2',
      'nginx:1.16.1',
      'polinux/stress',
      'quay.io/fluentd_elasticsearch/fluentd:v5.0.1',
      'registry.k8s.io/busybox:1.27.2',
      'registry.k8s.io/e2e-test-images/agnhost:2.40',
      'registry.k8s.io/goproxy:0.1',
      'registry.k8s.io/pause',
      'registry.k8s.io/pause:3.8',
      'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee',
      'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
      'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2',
      'vish/stress',
      'registry.k8s.io/coredns/coredns:v1.11.3',
      'registry.k8s.io/kube-proxy:v1.32.0',
    ]) {
      expect(lookupImage(ref), ref).toBeDefined();
    }
  });

  it('keeps real entrypoints, ports and the measured sizes', () => {
    const n = lookupImage('nginx:1.14.2');
    expect(n?.cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(n?.entrypoint).toEqual([]);
    expect(n?.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(n?.sizeBytes).toBe(44_710_204);
    expect(lookupImage('nginx')?.entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(lookupImage('busybox')?.cmd).toEqual(['sh']);
    expect(lookupImage('registry.k8s.io/e2e-test-images/agnhost:2.40')?.entrypoint).toEqual(['/agnhost']);
  });

  it('derives stable sha256-looking digests and keeps a pinned one', () => {
    const d = lookupImage('nginx')?.digest ?? '';
    expect(d).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d).toBe(deriveDigest('docker.io/library/nginx:latest'));
    expect(lookupImage('nginx:1.14.2')?.digest).not.toBe(d);
    expect(
      lookupImage(
        'registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee',
      )?.digest,
    ).toBe('sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee');
    expect(lookupImage(`nginx@${d}`)?.ref).toBe('docker.io/library/nginx:latest');
    expect(listImages().length).toBeGreaterThan(50);
  });

  it('fails unknown images with containerd texts', () => {
    expect(lookupImage('nginxx')).toBeUndefined();
    expect(pullErrorMessage('nginxx')).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(pullErrorMessage('nginx:1.99')).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    );
  });

  it('registers user images', () => {
    const e = addImage({
      ref: 'example.com/team/app:v1',
      sizeBytes: 1000,
      behaviour: 'server',
      userland: 'none',
      programs: { '/app': { kind: 'server', flavour: 'hello-app' } },
      cmd: ['/app'],
      ports: [8080],
    });
    expect(e.ref).toBe('example.com/team/app:v1');
    expect(lookupImage('example.com/team/app:v1')).toEqual(e);
  });
});

describe('a learner adds an image', () => {
  it('behaves like the image it copies, under its own name', async () => {
    const { addImageLike, lookupImage } = await import('./images');
    const r = addImageLike('myshop/web:v2', 'nginx:1.27', 52_000_000);
    expect(r.ok).toBe(true);
    const e = lookupImage('myshop/web:v2')!;
    expect(e.ref).toBe('docker.io/myshop/web:v2');
    expect(e.behaviour).toBe(lookupImage('nginx:1.27')!.behaviour);
    expect(e.sizeBytes).toBe(52_000_000);
    expect(e.digest).not.toBe(lookupImage('nginx:1.27')!.digest);
    expect(addImageLike('Bad_Name', 'nginx')).toMatchObject({ ok: false });
    expect(addImageLike('x:1', 'no-such-image:9')).toMatchObject({ ok: false });
  });
});
