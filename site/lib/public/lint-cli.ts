// For publicity staff: `node bin/run-ts.mjs site/lib/public/lint-cli.ts` checks every explainer
// and prints what to fix; exits 1 when something must be fixed before publishing.
import { projectPath } from '../../../config/paths.ts';
import { formatLintMessage, lintExplainerFolder } from './lint-explainers.ts';

const messages = lintExplainerFolder(projectPath('site', 'content', 'explainers'), projectPath('site', 'content', 'glossary.yaml'));
for (const m of messages) console.log(formatLintMessage(m));
const errors = messages.filter((m) => m.severity === 'error').length;
console.log(messages.length ? `共 ${errors} 个错误、${messages.length - errors} 个提醒。` : '检查通过：没有发现问题。');
process.exitCode = errors ? 1 : 0;
