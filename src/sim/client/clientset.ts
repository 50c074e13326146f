import type { ApiCall, ApiResult, ApiServer } from '../apiserver/apiserver';
import type { UserInfo } from '../apiserver/authn';
import { errors } from '../apiserver/status';
import type { KubeObject } from '../api/object';
import type { ComponentId, FlowStep } from '../engine/trace';

export interface Identity {
  user: UserInfo;
  component: ComponentId;
}

type Target = { resource: string; group?: string; namespace?: string };

/**
 * A component's typed door to the apiserver (client-go's clientset). Every call is an API request
 * with the component's identity, so it is authorized, admitted, validated and traced.
 */
export class Client {
  constructor(
    private readonly api: ApiServer,
    readonly identity: Identity,
    /** Whether the apiserver can be reached from where this client runs (a node's link can be cut). */
    private readonly reachable: () => boolean = () => true,
  ) {}

  get apiServer(): ApiServer {
    return this.api;
  }

  private call(c: Omit<ApiCall, 'user' | 'component'>): ApiResult {
    // No route to the apiserver: the request never arrives, so nothing goes on the trace.
    if (!this.reachable())
      return {
        ok: false,
        error: errors.internal('dial tcp 192.168.49.2:6443: connect: network is unreachable'),
      };
    return this.api.call({ ...c, user: this.identity.user, component: this.identity.component });
  }

  get(t: Target, name: string): ApiResult {
    return this.call({ verb: 'get', ...t, name });
  }

  create(
    t: Target,
    body: KubeObject,
    opts: { step?: FlowStep; summary?: string; subresource?: string; name?: string } = {},
  ): ApiResult {
    return this.call({ verb: 'create', ...t, body, ...opts });
  }

  update(
    t: Target,
    body: KubeObject,
    opts: { step?: FlowStep; summary?: string; subresource?: string } = {},
  ): ApiResult {
    return this.call({ verb: 'update', ...t, name: body.metadata?.name, body, ...opts });
  }

  updateStatus(t: Target, body: KubeObject, opts: { step?: FlowStep; summary?: string } = {}): ApiResult {
    return this.call({
      verb: 'update',
      ...t,
      name: body.metadata?.name,
      subresource: 'status',
      body,
      ...opts,
    });
  }

  patch(
    t: Target,
    name: string,
    type: string,
    patch: unknown,
    opts: { subresource?: string; step?: FlowStep; summary?: string } = {},
  ): ApiResult {
    return this.call({ verb: 'patch', ...t, name, patch: { type, body: JSON.stringify(patch) }, ...opts });
  }

  delete(
    t: Target,
    name: string,
    options: {
      gracePeriodSeconds?: number;
      propagationPolicy?: string;
      preconditions?: { uid?: string };
    } = {},
    summary?: string,
  ): ApiResult {
    return this.call({
      verb: 'delete',
      ...t,
      name,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options } as KubeObject,
      summary,
    });
  }
}
