import type { Credentials, Location } from './location';
import type { RemoteFolder } from './remoteFolder';

/**
 * The watched folder for a remote location. Each storage client is loaded only for its own
 * kind of location (the AWS and Azure SDKs are large).
 */
export async function openRemoteFolder(
  location: Location,
  credentials: Credentials,
  outDir: string,
  o: { fingerprint?: string; say?: (line: string) => void } = {},
): Promise<RemoteFolder> {
  if (location.kind === 's3' && credentials.kind === 's3') return new (await import('./s3Folder')).S3Folder(location, credentials, outDir);
  if (location.kind === 'azure' && credentials.kind === 'azure') return new (await import('./azureFolder')).AzureFolder(location, credentials, outDir);
  if (location.kind === 'sftp' && credentials.kind === 'sftp') return new (await import('./sftpFolder')).SftpFolder(location, credentials, outDir, o);
  throw new Error('the credentials are not for this kind of location');
}
