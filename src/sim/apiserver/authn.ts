import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';

/** Who made a request, as `user.Info` in apiserver. */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

export const ADMIN_USER: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['system:masters', 'system:authenticated'],
};

const text = new TextEncoder();
const untext = new TextDecoder();

/**
 * Bearer-token authentication: the admin token of the kubeconfig, and ServiceAccount tokens the
 * apiserver signed itself (JWTs, as the TokenRequest API issues them). The signature is an HMAC
 * with a key derived from the cluster seed, standing in for the service-account signing key.
 */
export class Authenticator {
  private readonly key: Uint8Array;

  constructor(
    private readonly adminToken: string,
    seed: number,
    private readonly issuer = 'https://kubernetes.default.svc.cluster.local',
  ) {
    this.key = sha256(text.encode(`kubesim-sa-signing-key-${seed}`));
  }

  /** undefined means 401 Unauthorized. */
  authenticate(authorization: string | undefined): UserInfo | undefined {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const token = m[1];
    if (token === this.adminToken) return ADMIN_USER;
    return this.verifyServiceAccountToken(token);
  }

  /** A TokenRequest's token for a ServiceAccount, valid from `nowSec` for `expirationSeconds`. */
  issueServiceAccountToken(
    namespace: string,
    name: string,
    uid: string,
    nowSec: number,
    expirationSeconds: number,
    audiences: string[] = [this.issuer],
  ): string {
    const header = { alg: 'RS256', kid: base64urlnopad.encode(this.key.slice(0, 16)) };
    const payload = {
      aud: audiences,
      exp: nowSec + expirationSeconds,
      iat: nowSec,
      iss: this.issuer,
      jti: base64urlnopad.encode(sha256(text.encode(`${namespace}/${name}/${nowSec}/${uid}`)).slice(0, 16)),
      'kubernetes.io': { namespace, serviceaccount: { name, uid } },
      nbf: nowSec,
      sub: `system:serviceaccount:${namespace}:${name}`,
    };
    const signingInput = `${b64json(header)}.${b64json(payload)}`;
    return `${signingInput}.${base64urlnopad.encode(hmac(sha256, this.key, text.encode(signingInput)))}`;
  }

  private verifyServiceAccountToken(token: string): UserInfo | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = base64urlnopad.encode(hmac(sha256, this.key, text.encode(`${parts[0]}.${parts[1]}`)));
    if (expected !== parts[2]) return undefined;
    try {
      const payload = JSON.parse(untext.decode(base64urlnopad.decode(parts[1]))) as {
        aud?: string[];
        'kubernetes.io'?: { namespace: string; serviceaccount: { name: string; uid: string } };
      };
      const k = payload['kubernetes.io'];
      // A token minted for another audience is not accepted here (--api-audiences is the issuer).
      if (!k || !(payload.aud ?? []).includes(this.issuer)) return undefined;
      return {
        name: `system:serviceaccount:${k.namespace}:${k.serviceaccount.name}`,
        uid: k.serviceaccount.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, 'system:authenticated'],
      };
    } catch {
      return undefined;
    }
  }
}

function b64json(v: unknown): string {
  return base64urlnopad.encode(text.encode(JSON.stringify(v)));
}
