// A bureau's own boundary of 人社 business (config/topics.yaml): its words move a post between 其他 and a
// business line, stored scores say which word list gave them, and a mistyped file is refused in Chinese.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelVersion, scoreText } from '../../analysis/index.ts';
import { topicWordsVersion, useTopicWords } from '../../analysis/topic.ts';
import { DEFAULT_TOPIC_WORDS_FILE, loadTopicWords, parseTopicWords } from '../../analysis/topic-words.ts';
import { ConfigError } from '../../config/load.ts';
import { runCli } from '../helpers/cli.ts';

const TEACHERS = '希望落实农村学校教师对调政策\n尊敬的领导：国家出了教师对调政策，我们县到现在也没有落实，夫妻两地分居多年，希望尽快落实。';
const VILLAGE = '城中村改造以后，村里的老人养老怎么办';

afterEach(() => useTopicWords(null));

describe('a bureau’s topic words', () => {
  it('put a letter the rules call another department’s business into the line the bureau names', () => {
    expect(scoreText(TEACHERS).topic).toBe('other');
    useTopicWords({ lines: { employment_training: ['教师对调'] }, otherDepartments: [] });
    const s = scoreText(TEACHERS);
    expect(s.topic).toBe('employment_training');
    expect(s.reasons.find((r) => r.kind === 'topicWords')).toMatchObject({ words: ['教师对调'] });
  });

  it('mark another department’s business, so a generic 人社 word beside it no longer decides', () => {
    expect(scoreText(VILLAGE).topic).toBe('pension');
    useTopicWords({ lines: {}, otherDepartments: ['城中村'] });
    expect(scoreText(VILLAGE).topic).toBe('other');
  });

  it('are named in the model version of every score they give, and are gone when taken away', () => {
    const plain = modelVersion();
    expect(topicWordsVersion()).toBe('');
    useTopicWords({ lines: { wages: ['教师绩效工资'] }, otherDepartments: [] });
    expect(modelVersion()).toMatch(/-words-[0-9a-f]{10}-/);
    useTopicWords({ lines: { wages: ['教师绩效工资'] }, otherDepartments: ['城中村'] });
    const other = modelVersion();
    expect(other).not.toBe(plain);
    // An empty file is the project's rules: no fingerprint, the same version as before.
    useTopicWords({ lines: { wages: [] }, otherDepartments: [] });
    expect(modelVersion()).toBe(plain);
    useTopicWords(null);
    expect(modelVersion()).toBe(plain);
    expect(scoreText(TEACHERS).topic).toBe('other');
  });
});

describe('config/topics.yaml', () => {
  const problems = (text: string) => {
    try {
      parseTopicWords(text, 'topics.yaml');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
    throw new Error('accepted');
  };

  it('ships with no words: the project’s rules alone', () => {
    const shipped = loadTopicWords();
    expect(shipped).not.toBeNull();
    expect(Object.values(shipped!.lines).flat()).toEqual([]);
    expect(shipped!.otherDepartments).toEqual([]);
    // The example in the file's comments is valid once uncommented.
    const example = readFileSync(DEFAULT_TOPIC_WORDS_FILE, 'utf8')
      .split('\n')
      .filter((l) => /^# (lines:$|otherDepartments: \[| {2}\w+: \[)/.test(l))
      .map((l) => l.replace(/^# /, ''))
      .join('\n');
    expect(parseTopicWords(example, 'example').lines.employment_training).toContain('求职者押金');
  });

  it('refuses a mistyped file, naming the field and what to write', () => {
    expect(problems('lines:\n  wage: [教师工资]')).toEqual([expect.stringMatching(/^lines：不认识的字段 wage/)]);
    expect(problems('lines:\n  wages: [工]')).toEqual(['lines.wages[0]：每个词至少两个字']);
    expect(problems('lines:\n  wages: 教师工资')).toEqual([expect.stringMatching(/^lines\.wages：应为词语列表/)]);
    expect(problems('lines:\n  wages: [教师工资]\n  pension: [教师工资]')).toEqual(['lines.pension[0]：“教师工资”已写在 lines.wages 下，一个词只能归一处']);
    expect(problems('lines: {}\notherDepartments: [医院, 医院]\nwords: []')).toEqual([expect.stringMatching(/^（文件顶层）：不认识的字段 words/)]);
  });

  it('is read by the command line from MINSHENG_TOPICS, and a bad one stops it with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-topics-'));
    const good = join(dir, 'topics.yaml');
    writeFileSync(good, 'lines:\n  employment_training: [教师对调]\n');
    const input = JSON.stringify({ id: 't', text: TEACHERS });
    const plain = await runCli(['score'], { stdin: input, env: { MINSHENG_TOPICS: undefined } });
    expect(JSON.parse(plain.stdout).topic).toBe('other');
    const own = await runCli(['score'], { stdin: input, env: { MINSHENG_TOPICS: good } });
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout).topic).toBe('employment_training');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'lines:\n  wages: [工]\n');
    const refused = await runCli(['score'], { stdin: input, env: { MINSHENG_TOPICS: bad } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`配置文件 ${bad} 有误`);
    expect(refused.stderr).toContain('lines.wages[0]：每个词至少两个字');
    const missing = await runCli(['score'], { stdin: input, env: { MINSHENG_TOPICS: join(dir, 'none.yaml') } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('文件不存在');
  });
});
