import type { KubeObject } from '../../api/object';

/**
 * What a PATCH comes to: the object to store, or the Status the apiserver answers with.
 * `cause` carries the underlying error where upstream hides it behind a generic message
 * (a failed json-patch `test` surfaces only as "the server rejected our request…"), so the
 * trace can show learners why.
 */
export type PatchResult =
  | { ok: true; object: KubeObject }
  | { ok: false; code: number; reason: string; message: string; cause?: string };

export type PatchFailure = Extract<PatchResult, { ok: false }>;

export function badRequest(message: string): PatchFailure {
  return { ok: false, code: 400, reason: 'BadRequest', message };
}

/**
 * `errors.NewGenericServerResponse(422, …)`: the apiserver discards the detail and sends a fixed
 * text, which is why kubectl prints "The request is invalid: the server rejected our request due
 * to an error in our request" for a failed json-patch `test`.
 */
export function unprocessable(cause: string): PatchFailure {
  return {
    ok: false,
    code: 422,
    reason: 'Invalid',
    message: 'the server rejected our request due to an error in our request',
    cause,
  };
}

/** A plain Go error reaching the handler becomes a 500 with an empty (Unknown) reason. */
export function internal(message: string): PatchFailure {
  return { ok: false, code: 500, reason: '', message };
}

/** `errors.NewInvalid(schema.GroupKind{}, "", field.Invalid(field.NewPath("patch"), value, detail))`. */
export function invalidPatch(value: string, detail: string): PatchFailure {
  return {
    ok: false,
    code: 422,
    reason: 'Invalid',
    message: ` "" is invalid: patch: Invalid value: ${JSON.stringify(value)}: ${detail}`,
  };
}
