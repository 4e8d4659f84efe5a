// Turns policy/parameters/**/*.yaml into policy/generated/parameters.generated.ts, so the same
// calculator code runs in Node and in the browser without reading files at run time.
// Run: node bin/run-ts.mjs policy/tools/build-parameters.ts   (a test fails when the output is stale)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ConfigError, describeIssues } from '../../config/load.ts';
import { loadRegion, policyRegionOf } from '../../config/region.ts';
import type { PolicyRegion } from '../region.ts';
import { parameterFileSchema, type ParameterFile } from '../schema.ts';

const POLICY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PARAMETERS_DIR = join(POLICY_DIR, 'parameters');
export const GENERATED_FILE = join(POLICY_DIR, 'generated', 'parameters.generated.ts');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []))
    .sort();
}

/** Reads and validates every parameter file; the id is its path without .yaml ("sichuan/pension-benefit-base"). */
export function loadParameterFiles(dir = PARAMETERS_DIR): Record<string, ParameterFile> {
  const out: Record<string, ParameterFile> = {};
  for (const file of yamlFiles(dir)) {
    const id = relative(dir, file)
      .split(sep)
      .join('/')
      .replace(/\.yaml$/, '');
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, 'utf8'), { merge: true });
    } catch (err) {
      throw new ConfigError(file, [`无法解析：${(err as Error).message.split('\n')[0]}`]);
    }
    const parsed = parameterFileSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error));
    out[id] = parsed.data;
  }
  return out;
}

/** The generated module: every parameter file, and the region the calculators serve by default
 *  (from config/region.yaml), so the browser needs neither file. */
export function renderParametersModule(files: Record<string, ParameterFile>, region: PolicyRegion): string {
  return `// 由 policy/tools/build-parameters.ts 从 policy/parameters/**/*.yaml 和 config/region.yaml 生成，请勿手改。
// 改参数或地区请改 YAML，然后运行：node bin/run-ts.mjs policy/tools/build-parameters.ts
import type { PolicyRegion } from '../region.ts';
import type { ParameterFile } from '../schema.ts';

export const DEFAULT_REGION: PolicyRegion = ${JSON.stringify(region, null, 2)};

export const PARAMETER_FILES: Record<string, ParameterFile> = ${JSON.stringify(files, null, 2)};
`;
}

/** The bundled region as the calculators see it. */
export const bundledPolicyRegion = (): PolicyRegion => policyRegionOf(loadRegion());

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = loadParameterFiles();
  writeFileSync(GENERATED_FILE, renderParametersModule(files, bundledPolicyRegion()));
  console.log(`已生成 ${relative(process.cwd(), GENERATED_FILE)}：${Object.keys(files).length} 个参数`);
}
