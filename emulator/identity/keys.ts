import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export const SIGNING_KEY_FILE = 'signing-key.json';

let inMemoryKeys: Promise<SigningKeys> | undefined;

async function generate(): Promise<{ keys: SigningKeys; privateJwk: JWK }> {
  const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    keys: { kid, privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk: { ...publicJwk, kid, use: 'sig', alg: 'RS256' } },
    privateJwk,
  };
}

async function fromPrivateJwk(privateJwk: JWK): Promise<SigningKeys> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'RS256');
  const publicKey = await importJWK(publicPart, 'RS256');
  if (!(privateKey instanceof CryptoKey) || !(publicKey instanceof CryptoKey)) throw new Error('unexpected key type');
  const kid = await calculateJwkThumbprint(publicPart);
  return { kid, privateKey, publicKey, publicJwk: { kty: publicPart.kty, n: publicPart.n, e: publicPart.e, kid, use: 'sig', alg: 'RS256' } };
}

/**
 * The RS256 key that signs every token. With a data dir it is kept in `signing-key.json`, so
 * tokens (and MSAL's cached sessions) stay valid across restarts; in memory it is generated once
 * per process.
 */
export async function loadSigningKeys(dataDir: string | undefined): Promise<SigningKeys> {
  if (!dataDir) {
    inMemoryKeys ??= generate().then((g) => g.keys);
    return inMemoryKeys;
  }
  const path = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(path)) {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as JWK;
      return await fromPrivateJwk(parsed);
    } catch {
      // A damaged key file is replaced: tokens signed with it simply stop verifying.
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const { keys, privateJwk } = await generate();
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(privateJwk), { mode: 0o600 });
  renameSync(tmp, path);
  return keys;
}
