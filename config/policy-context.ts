// The calculators' context for a region file: the region, national figures from
// policy/parameters/national, and the province's and city's figures from the folders the region
// names. Read at the edge (the CLI), so the calculators themselves stay pure.
import { dirname, resolve } from 'node:path';
import type { PolicyContext } from '../policy/region.ts';
import type { ParameterTable } from '../policy/parameters.ts';
import { loadParameterFiles, PARAMETERS_DIR } from '../policy/tools/build-parameters.ts';
import { ConfigError } from './load.ts';
import { DEFAULT_REGION_FILE, loadRegion, policyRegionOf } from './region.ts';

export function loadPolicyContext(file = DEFAULT_REGION_FILE): PolicyContext {
  const region = loadRegion(file);
  const policyRegion = policyRegionOf(region, file);
  const dir = region.parameters?.dir ? resolve(dirname(file), region.parameters.dir) : PARAMETERS_DIR;
  const pick = (all: ParameterTable, folder: string) => Object.fromEntries(Object.entries(all).filter(([id]) => id.startsWith(`${folder}/`)));
  const local = loadParameterFiles(dir);
  const table: ParameterTable = { ...pick(loadParameterFiles(PARAMETERS_DIR), 'national') };
  for (const folder of [policyRegion.parameters.province, policyRegion.parameters.city]) {
    const files = pick(local, folder);
    if (Object.keys(files).length === 0) throw new ConfigError(file, [`parameters：参数目录 ${dir} 下没有 ${folder}/ 文件夹或其中没有参数文件`]);
    Object.assign(table, files);
  }
  return { region: policyRegion, table };
}
