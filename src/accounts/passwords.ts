import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

type Parameters = { N: number; r: number; p: number };

// scrypt needs 128 * N * r bytes (128 MiB at N = 2^17, r = 8); Node refuses anything over
// maxmem, which defaults to 32 MiB.
const maxmem = ({ N, r }: Parameters) => 256 * N * r;

/** scrypt (memory-hard); the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const params = { N: cost, r: BLOCK_SIZE, p: PARALLELISM };
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: maxmem(params) });
  return `scrypt$${cost}$${BLOCK_SIZE}$${PARALLELISM}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parseHash(stored: string): (Parameters & { salt: Buffer; hash: Buffer }) | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || rest.length > 0) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // A damaged row must not make the server allocate gigabytes: only sane powers of two.
  const powerOfTwo = Number.isSafeInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || params.N > 2 ** 20 || !(params.r >= 1 && params.r <= 32) || !(params.p >= 1 && params.p <= 4))
    return undefined;
  return { ...params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const { N, r, p, salt, hash } = parsed;
  const key = await scrypt(password.normalize('NFKC'), salt, hash.length, { N, r, p, maxmem: maxmem({ N, r, p }) });
  return crypto.timingSafeEqual(key, hash);
}

/** True when a stored hash was made with other parameters than today's: rehash it at the next login. */
export function needsRehash(stored: string, cost: number): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N !== cost || parsed.r !== BLOCK_SIZE || parsed.p !== PARALLELISM;
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
export async function dummyHash(cost: number): Promise<string> {
  return hashPassword(crypto.randomBytes(12).toString('hex'), cost);
}
