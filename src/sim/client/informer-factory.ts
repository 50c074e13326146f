import type { ApiServer } from '../apiserver/apiserver';
import type { ComponentId } from '../engine/trace';
import { byNamespace, Informer } from './informer';

/** One informer per resource for a whole component, shared by its controllers (SharedInformerFactory). */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly api: ApiServer,
    readonly component: ComponentId,
  ) {}

  informer(resource: string, group = ''): Informer {
    const key = `${group}/${resource}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.api, { component: this.component, resource, group }).addIndexer(
        'namespace',
        byNamespace,
      );
      this.informers.set(key, inf);
    }
    return inf;
  }

  start(): void {
    for (const inf of this.informers.values()) inf.run();
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}
