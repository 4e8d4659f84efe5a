// Where the 明白纸 Markdown files are read from. Normally site/content/explainers; publishing
// builds from a staged copy (MINSHENG_EXPLAINERS_DIR) so a failed build never touches the live
// folder, and tests use a temporary copy the same way.
import { resolve } from 'node:path';
import { projectPath } from '../../config/paths.ts';
import { serverEnv } from '../server/env.ts';

export const explainersDir = (configured: string | undefined = serverEnv().explainersDir) =>
  resolve(configured ?? projectPath('site', 'content', 'explainers'));
export const glossaryFile = () => projectPath('site', 'content', 'glossary.yaml');
