import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../engine/simulation';
import { Backoff } from './backoff';
import type { ContainerRuntime, CriContext } from './container-runtime';
import { goDuration } from './go-format';
import { invalidImageNameMessage } from './runtime/reference';

export type EnsureResult = { ok: true } | { ok: false; reason: string; message: string };

export type Recorder = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

/**
 * pkg/kubelet/images image_manager.go: honours imagePullPolicy against the node's image store,
 * backs off failed pulls per pod and image (10 s doubling to 300 s), and words its events as
 * the kubelet does.
 */
export class ImageManager {
  private readonly backoff = new Backoff();
  private readonly prevPullErr = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly runtime: ContainerRuntime,
  ) {}

  private now(): number {
    return this.engine.epochMs + this.engine.now;
  }

  ensureImageExists(
    pod: Pod,
    container: Container,
    ctx: CriContext,
    record: Recorder,
    done: (r: EnsureResult) => void,
  ): void {
    const image = container.image ?? '';
    const invalid = invalidImageNameMessage(image);
    if (invalid) {
      record('Warning', 'InspectFailed', invalid);
      return done({ ok: false, reason: 'InvalidImageName', message: invalid });
    }
    const policy = container.imagePullPolicy ?? (/:latest$|^[^:@]+$/.test(image) ? 'Always' : 'IfNotPresent');
    const present = this.runtime.imageFor(image) !== undefined;
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        record('Normal', 'Pulled', `Container image "${image}" already present on machine`);
        return done({ ok: true });
      }
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      record('Warning', 'ErrImageNeverPull', msg);
      return done({ ok: false, reason: 'ErrImageNeverPull', message: msg });
    }
    const key = `${pod.metadata?.uid}_${image}`;
    if (this.backoff.isInBackOffSinceUpdate(key, this.now())) {
      const msg = `Back-off pulling image "${image}"`;
      record('Normal', 'BackOff', msg);
      const prev = this.prevPullErr.get(key);
      return done({ ok: false, reason: 'ImagePullBackOff', message: prev ? `${msg}: ${prev}` : msg });
    }
    record('Normal', 'Pulling', `Pulling image "${image}"`);
    const started = this.now();
    this.runtime.pullImage(image, ctx, (r) => {
      if (!r.ok) {
        record('Warning', 'Failed', `Failed to pull image "${image}": ${r.message}`);
        this.backoff.next(key, this.now(), this.now());
        this.prevPullErr.set(key, `ErrImagePull: ${r.message}`);
        return done({ ok: false, reason: 'ErrImagePull', message: r.message });
      }
      const total = this.now() - started;
      record(
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${goDuration(r.pullMs)} (${goDuration(total)} including waiting). Image size: ${r.sizeBytes} bytes.`,
      );
      this.prevPullErr.delete(key);
      done({ ok: true });
    });
  }

  /** When the image back-off for this pod's image ends (epoch ms), if it is backing off. */
  backoffEnds(podUid: string, image: string): number | undefined {
    const key = `${podUid}_${image}`;
    if (!this.backoff.isInBackOffSinceUpdate(key, this.now())) return undefined;
    return this.backoff.lastUpdate(key) + this.backoff.get(key);
  }

  forgetPod(podUid: string): void {
    this.backoff.forgetPrefix(`${podUid}_`);
    for (const k of this.prevPullErr.keys()) if (k.startsWith(`${podUid}_`)) this.prevPullErr.delete(k);
  }
}
