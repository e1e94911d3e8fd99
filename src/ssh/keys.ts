import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';

// ssh2 is CommonJS: its named exports are not visible to ESM's static analysis.
const { utils } = ssh2;

export interface KeyPair {
  /** OpenSSH private key ("OPENSSH PRIVATE KEY" block). */
  privateKey: string;
  /** One line: `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
}

/** A fresh ed25519 key pair: one for the job's login, one for the guest's host key. Never reused. */
export function generateEd25519(comment: string): KeyPair {
  // ssh2 1.17 strips leading zero bytes of the public key (≈1 key in 256 comes out unusable): retry.
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (Buffer.from(pair.public.split(' ')[1]!, 'base64').length === 51)
      return { privateKey: pair.private, publicKey: pair.public.trim() };
  }
}

/** The wire-format public key (what a server presents during the handshake). */
export function publicKeyBlob(publicKey: string): Buffer {
  const parsed = utils.parseKey(publicKey);
  if (parsed instanceof Error) throw parsed;
  return (Array.isArray(parsed) ? parsed[0]! : parsed).getPublicSSH();
}

/** OpenSSH's SHA256 fingerprint of a public key line, as `ssh-keygen -l` prints it. */
export function fingerprint(publicKey: string): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob(publicKey)).digest('base64').replace(/=+$/, '')}`;
}
