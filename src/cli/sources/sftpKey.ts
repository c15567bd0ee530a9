import { UsageError } from '../io';

/** Key types AEP's SFTP source documents for "SSH PublicKey Authentication for sftp". */
const AEP_KEY_TYPES = new Set(['ssh-rsa', 'ssh-dss']);

/**
 * Reads an SFTP private key before it is sent to AEP, with ssh2's parser (the one `watch` logs
 * in with): a key that cannot be read (a wrong or missing SFTP_PASSPHRASE, not a key at all) is
 * refused here rather than failing the dataflow's first run on Adobe's side. Returns a note when
 * the key's type is one AEP's SFTP source does not document (ssh-keygen's default is ed25519).
 */
export async function checkSftpKey(privateKey: string, passphrase: string | undefined, file: string): Promise<string | null> {
  const ssh2 = await import('ssh2');
  const utils = ssh2.utils ?? (ssh2 as unknown as { default: typeof ssh2 }).default.utils;
  const parsed = utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) throw new UsageError(`the private key ${file} cannot be read: ${parsed.message}`);
  const type = (Array.isArray(parsed) ? parsed[0] : parsed)?.type ?? 'unknown';
  if (AEP_KEY_TYPES.has(type)) return null;
  return `the private key ${file} is ${type}; AEP's SFTP source documents RSA and DSA OpenSSH keys only, so its runs may fail to log in (make one with: ssh-keygen -t rsa -b 4096 -m PEM)`;
}
