import { readFileSync } from 'node:fs';
import { type MockAep, startMockAep } from '../mockAep';
import { CRM_SCHEMA, LUMA_SCHEMA } from '../samples';
import { createDataPrep, type DataPrep } from './dataPrep';
import { createFlowService, type FlowService } from './flowService';
import { createRegistry, type Registry } from './registry';

export interface PlatformStandIn {
  aep: MockAep;
  registry: Registry;
  dataPrep: DataPrep;
  flowService: FlowService;
  close(): Promise<void>;
}

/** The Luma tutorial's dataset in the stand-in: its id, and the schema it is based on. */
export const LUMA_DATASET = '64f0c0ffee0000000000luma';
/** The tutorial's CRM dataset (Luma CRM Schema: person, loyalty, addresses, with date fields). */
export const CRM_DATASET = '64f0c0ffee00000000000crm';

/**
 * The whole stand-in: IMS, Batch Ingestion and Catalog batches (mockAep.ts) plus the Schema
 * Registry, Catalog datasets, dataset preview, Data Prep mapping sets and Flow Service, with the
 * Luma Product Catalog and Luma CRM schemas and a dataset based on each already there.
 */
export async function startPlatformStandIn(): Promise<PlatformStandIn> {
  const aep = await startMockAep();
  const registry = createRegistry();
  const dataPrep = createDataPrep(registry);
  const flowService = createFlowService(registry, dataPrep);
  aep.routes.push(registry.route, dataPrep.route, flowService.route);
  const luma = JSON.parse(readFileSync(LUMA_SCHEMA, 'utf8'));
  registry.addSchema(luma);
  registry.addDataset(LUMA_DATASET, 'Luma Product Catalog Dataset', luma.$id);
  const crm = JSON.parse(readFileSync(CRM_SCHEMA, 'utf8'));
  registry.addSchema(crm);
  registry.addDataset(CRM_DATASET, 'Luma CRM Dataset', crm.$id);
  return { aep, registry, dataPrep, flowService, close: () => aep.close() };
}
