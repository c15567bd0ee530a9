import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Schedule } from './dataflow';

/**
 * What a deployment created in AEP, kept beside the mapping (`NAME.deploy.json` for
 * `NAME.json`) so that the next `deploy` of the same mapping to the same sandbox, dataset and
 * source updates it instead of creating a second dataflow. Ids only: never a credential.
 */
export interface Deployment {
  orgId: string;
  sandbox: string;
  datasetId: string;
  /** The source location, without credentials. */
  source: string;
  schemaId: string;
  baseConnectionId?: string;
  sourceConnectionId?: string;
  targetConnectionId?: string;
  mappingSetId?: string;
  mappingVersion?: number;
  flowId?: string;
  schedule?: Schedule;
  /** sha256 of the mapping set body last sent: an unchanged mapping is not sent again. */
  mappingSha256?: string;
  createdAt: string;
  updatedAt: string;
}

export interface DeployFile {
  kind: 'xdm-mapper/deployments';
  version: 1;
  deployments: Deployment[];
}

/** `mappings/luma.mapping.json` -> `mappings/luma.mapping.deploy.json`. */
export const deployFileFor = (mappingPath: string) => `${mappingPath.replace(/\.json$/i, '')}.deploy.json`;

export async function readDeployFile(path: string): Promise<DeployFile> {
  if (!existsSync(path)) return { kind: 'xdm-mapper/deployments', version: 1, deployments: [] };
  let json: DeployFile;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as DeployFile;
  } catch (e) {
    throw new Error(`"${path}" (the ids of earlier deployments) is not JSON: ${(e as Error).message}; fix or remove it`);
  }
  if (json.kind !== 'xdm-mapper/deployments' || !Array.isArray(json.deployments)) throw new Error(`"${path}" is not an xdm-mapper deployments file`);
  return json;
}

export async function writeDeployFile(path: string, file: DeployFile): Promise<void> {
  await writeFile(`${path}.partial`, `${JSON.stringify(file, null, 2)}\n`);
  await rename(`${path}.partial`, path);
}

/** The deployment of this mapping to the same organization, sandbox, dataset and source. */
export function findDeployment(file: DeployFile, key: Pick<Deployment, 'orgId' | 'sandbox' | 'datasetId' | 'source'>): Deployment | undefined {
  return file.deployments.find((d) => d.orgId === key.orgId && d.sandbox === key.sandbox && d.datasetId === key.datasetId && d.source === key.source);
}
