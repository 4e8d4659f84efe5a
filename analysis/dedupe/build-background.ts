// Rebuilds analysis/dedupe/domain-background.json from the project's written 人社 examples:
// `node bin/run-ts.mjs analysis/dedupe/build-background.ts`. Run it after changing those files or
// config/dictionary.txt (tests/analysis/domain-background.test.ts fails until you do).
import { writeFileSync } from 'node:fs';
import { buildDomainBackground, DOMAIN_BACKGROUND_FILE } from './features.ts';

const background = buildDomainBackground();
writeFileSync(DOMAIN_BACKGROUND_FILE, JSON.stringify(background, null, 0) + '\n');
console.log(`已写入 ${DOMAIN_BACKGROUND_FILE}：${background.documents} 篇，${Object.keys(background.df).length} 个词`);
