// The life situation (生活情形) of a 明白纸: written in its front matter, checked against the one
// list the home page groups by, and set from the editor's check boxes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import { readFrontMatter, setField, toField } from '../../publicity/front-matter.ts';
import { groupBySituation, LIFE_SITUATIONS } from '../../site/lib/public/life-situations.ts';
import { lintSource } from '../../site/server/explainers.ts';

const dir = projectPath('site', 'content', 'explainers');
const severance = readFileSync(join(dir, 'severance.md'), 'utf8');

describe('life situations', () => {
  it('groups the explainers on the home page by the situations their front matter names, in list order', () => {
    const explainers = readdirSync(dir).map((f) => {
      const data = readFrontMatter(readFileSync(join(dir, f), 'utf8'))!;
      return { id: f.slice(0, -3), order: data.order as number, situations: data.situations as string[] };
    });
    const groups = groupBySituation(explainers);
    expect(groups.map((g) => g.situation.title)).toEqual(LIFE_SITUATIONS.map((s) => s.title));
    const of = (title: string) => groups.find((g) => g.situation.title === title)!.explainers.map((e) => e.id);
    expect(of('我失业了')).toEqual(['unemployment-benefit', 'severance']);
    expect(of('我要领养老金')).toEqual(['retirement-age', 'resident-pension', 'pension-transfer']);
    expect(of('我的社保卡')).toEqual(['pension-transfer', 'social-security-card']);
    // Every explainer the site ships is in at least one group.
    expect(explainers.filter((e) => !groups.some((g) => g.explainers.includes(e)))).toEqual([]);
  });

  it('refuses a situation that is not on the list, in Chinese, and accepts none at all', () => {
    const wrong = severance.replace(/^situations: .*$/m, 'situations: [我退休了]');
    const errors = lintSource('severance', wrong, { dir }).filter((m) => m.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringContaining('生活情形 situations 只能从这些里选：“我被拖欠工资”') })]);
    const none = severance.replace(/^situations: .*\n/m, '');
    expect(lintSource('severance', none, { dir }).filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('writes the check boxes as one list entry, keeping a title that holds 、 whole', () => {
    const next = setField(severance, 'situations', 'choices', '我失业了\n我打零工、自己交社保')!;
    expect(next).toContain('situations: [ 我失业了, 我打零工、自己交社保 ]');
    expect(readFrontMatter(next)!.situations).toEqual(['我失业了', '我打零工、自己交社保']);
    expect(toField('choices', readFrontMatter(next)!.situations)).toBe('我失业了\n我打零工、自己交社保');
    expect(readFrontMatter(setField(severance, 'situations', 'choices', '')!)!.situations).toEqual([]);
  });
});
