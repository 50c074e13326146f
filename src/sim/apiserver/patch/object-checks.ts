import type { JsonObject, KubeObject } from '../../api/object';
import { isJsonObject } from '../../api/object';
import type { PatchFailure } from './status';
import { badRequest } from './status';

/**
 * What the apiserver checks on a patched object before it goes on to admission and validation
 * (`patcher.applyPatch`): the namespace may not change (a cleared one is put back) and the name
 * must still be the one in the URL.
 */
export function checkPatchedIdentity(original: KubeObject, patched: JsonObject): PatchFailure | undefined {
  const name = original.metadata?.name ?? '';
  const namespace = original.metadata?.namespace ?? '';
  if (!isJsonObject(patched.metadata)) patched.metadata = {};
  const meta = patched.metadata as JsonObject;
  const objNamespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  if (objNamespace !== namespace) {
    if (objNamespace === '') meta.namespace = namespace;
    else if (namespace === '') delete meta.namespace;
    else
      return badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
  }
  const objName = typeof meta.name === 'string' ? meta.name : '';
  if (objName === '') {
    return badRequest(
      `the name of the object (${name} based on URL) was undeterminable: name must be provided`,
    );
  }
  if (objName !== name) {
    return badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  }
  return undefined;
}

/**
 * Decoding the patched JSON into the Go type drops what the type cannot hold: null members
 * (an unset pointer or omitempty field) and leftover `$…` directive keys. KubeSim has no Go
 * types, so it approximates that decode by removing both, at any depth.
 */
export function decodeLikeTypedObject(v: JsonObject): JsonObject {
  for (const [k, e] of Object.entries(v)) {
    if (e === null || k.startsWith('$')) delete v[k];
    else if (isJsonObject(e)) decodeLikeTypedObject(e);
    else if (Array.isArray(e)) for (const x of e) if (isJsonObject(x)) decodeLikeTypedObject(x);
  }
  return v;
}
