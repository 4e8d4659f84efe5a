// Build steps for the residents' site: lint the explainers and review the calculator figures
// before building (staff see plain Chinese warnings; a broken explainer stops the build), and index the built pages with
// Pagefind afterwards so the site search works offline of any server.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { projectPath } from '../../config/paths.ts';
import { formatLintMessage, lintExplainerFolder } from '../lib/public/lint-explainers.ts';
import { reviewParameters } from '../../policy/review.ts';
import { writePublicCspManifest } from '../server/public-csp.ts';
import { explainersDir } from '../lib/content-dir.ts';

export function publicSite(): AstroIntegration {
  return {
    name: 'minsheng-public-site',
    hooks: {
      'astro:build:start': ({ logger }) => {
        const messages = lintExplainerFolder(explainersDir(), projectPath('site', 'content', 'glossary.yaml'));
        for (const m of messages) {
          if (m.severity === 'error') logger.error(formatLintMessage(m));
          else logger.warn(formatLintMessage(m));
        }
        const errors = messages.filter((m) => m.severity === 'error');
        if (errors.length) throw new Error(`政策明白纸有 ${errors.length} 处错误，改好后再发布（见上面的提示）`);
        logger.info(messages.length ? `政策明白纸检查：${messages.length} 条提醒` : '政策明白纸检查通过');
        // Calculator figures: gaps and unverified values are shown as such on the site; staff
        // should still hear about them, and about money figures that may have been superseded.
        for (const notice of reviewParameters(new Date())) logger.warn(`计算器参数 ${notice.id}：${notice.message}`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
        if (!index) throw new Error(`站内搜索索引失败：${errors.join('；')}`);
        const added = await index.addDirectory({ path: fileURLToPath(dir) });
        await index.writeFiles({ outputPath: fileURLToPath(new URL('./pagefind/', dir)) });
        await pagefind.close();
        logger.info(`站内搜索：已索引 ${added.page_count} 页`);
        const clientDir = fileURLToPath(dir);
        const pages = writePublicCspManifest(clientDir, fileURLToPath(new URL('../', dir)));
        logger.info(`安全策略：为 ${pages} 个公开页面生成了 Content-Security-Policy`);
      },
    },
  };
}
