import { DEFAULT_IMS_URL, DEFAULT_PLATFORM_URL } from '../ingest/aepClient';
import { text } from '../options';

/**
 * Where Platform and IMS are, for the commands that reach AEP (the same flags as ingest's).
 * Declared here, in a module that imports no command, so that any command can take them.
 */
export const PLATFORM_OPTIONS = {
  'platform-url': text('URL', `default ${DEFAULT_PLATFORM_URL}`),
  'ims-url': text('URL', `default ${DEFAULT_IMS_URL}`),
};

/** Where schemas pulled from AEP are kept. */
export const CACHE_OPTION = {
  cache: text('DIR', 'where schemas pulled from AEP are kept, one file per version\n(default $XDM_MAPPER_CACHE or ~/.cache/xdm-mapper)'),
};

/** `--dataset ID` in place of `--schema FILE`, for apply and suggest. */
export const DATASET_SCHEMA_OPTIONS = {
  dataset: text(
    'ID',
    'in place of --schema: the schema of this AEP dataset, pulled from AEP and\ncached (AEP_* credentials as for ingest; see "xdm-mapper help schema")',
  ),
  ...CACHE_OPTION,
  ...PLATFORM_OPTIONS,
};
