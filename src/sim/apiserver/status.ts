import type { Status } from 'kubernetes-types/meta/v1';
import type { ResourceInfo } from './resources';

/**
 * `kind: Status` errors as apimachinery's `k8s.io/apimachinery/pkg/api/errors` builds them, so
 * kubectl prints exactly what it prints against a real cluster.
 */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get code(): number {
    return this.status.code ?? 500;
  }
}

function failure(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) s.details = details;
  // Upstream serializes `details` before `code`; keep that order for byte-identical JSON.
  const ordered: Status = {
    kind: s.kind,
    apiVersion: s.apiVersion,
    metadata: s.metadata,
    status: s.status,
    message,
    reason,
  };
  if (details) ordered.details = details;
  ordered.code = code;
  return new ApiError(ordered);
}

/** `deployments.apps`, or `pods` for the core group: how upstream names a resource in messages. */
export function qualifiedResource(info: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

function groupKind(info: Pick<ResourceInfo, 'group' | 'resource'>, name: string): Status['details'] {
  const d: NonNullable<Status['details']> = { name };
  if (info.group) d.group = info.group;
  d.kind = info.resource;
  return d;
}

export const errors = {
  notFound(info: Pick<ResourceInfo, 'group' | 'resource'>, name: string): ApiError {
    return failure(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, groupKind(info, name));
  },
  alreadyExists(info: Pick<ResourceInfo, 'group' | 'resource'>, name: string): ApiError {
    return failure(
      409,
      'AlreadyExists',
      `${qualifiedResource(info)} "${name}" already exists`,
      groupKind(info, name),
    );
  },
  conflict(
    info: Pick<ResourceInfo, 'group' | 'resource'>,
    name: string,
    why = 'the object has been modified; please apply your changes to the latest version and try again',
  ): ApiError {
    return failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": ${why}`,
      groupKind(info, name),
    );
  },
  /** A failure with a given code and reason (patch errors keep upstream's exact pairing). */
  fromCode(code: number, reason: string, message: string): ApiError {
    return failure(code, reason, message);
  },
  badRequest(message: string): ApiError {
    return failure(400, 'BadRequest', message);
  },
  unauthorized(): ApiError {
    return failure(401, 'Unauthorized', 'Unauthorized');
  },
  forbidden(
    info: Pick<ResourceInfo, 'group' | 'resource'> | undefined,
    name: string,
    reason: string,
  ): ApiError {
    const res = info ? qualifiedResource(info) : '';
    const what = name ? `${res} "${name}"` : res;
    const details: NonNullable<Status['details']> = {};
    if (name) details.name = name;
    if (info?.group) details.group = info.group;
    if (info) details.kind = info.resource;
    return failure(403, 'Forbidden', `${what} is forbidden: ${reason}`, details);
  },
  forbiddenNonResource(reason: string): ApiError {
    return failure(403, 'Forbidden', `forbidden: ${reason}`, {});
  },
  methodNotSupported(info: Pick<ResourceInfo, 'group' | 'resource'>, verb: string): ApiError {
    return failure(
      405,
      'MethodNotAllowed',
      `${verb} is not supported on resources of kind "${qualifiedResource(info)}"`,
      {
        ...(info.group ? { group: info.group } : {}),
        kind: info.resource,
      },
    );
  },
  pathNotFound(): ApiError {
    return failure(404, 'NotFound', 'the server could not find the requested resource', {});
  },
  unsupportedMediaType(message: string): ApiError {
    return failure(415, 'UnsupportedMediaType', message);
  },
  tooLarge(limit: number): ApiError {
    return failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
  },
  gone(message: string): ApiError {
    return failure(410, 'Expired', message);
  },
  internal(message: string): ApiError {
    return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
  namespaceTerminating(namespace: string): ApiError {
    return failure(
      403,
      'Forbidden',
      `unable to create new content in namespace ${namespace} because it is being terminated`,
      {
        name: namespace,
        kind: 'namespaces',
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      },
    );
  },
  timeout(message: string): ApiError {
    return failure(504, 'Timeout', message);
  },
};

export function statusSuccess(details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details) s.details = details;
  return s;
}
