// How far a bureau's topic words (config/topics.yaml) move the 人社 boundary on real letters: the topic of
// complaints with and without a word list, on the development batches and on the test batch (figures only).
//   MINSHENG_SHARED_DATA=/path/to/shared/data node bin/run-ts.mjs tests/bench/topic-words.ts [words.yaml]
// Default list: analysis/corpus/tried/topic-words-from-dev.yaml, written from the development batches' errors.
import { scoreText } from '../../analysis/index.ts';
import { loadRealSets, type RealLine } from '../../analysis/corpus/real/real-set.ts';
import { useTopicWords } from '../../analysis/topic.ts';
import { loadTopicWords } from '../../analysis/topic-words.ts';
import { OTHER_TOPIC } from '../../shared/vocabulary.ts';
import { projectPath } from '../../config/paths.ts';

const file = process.argv[2] ?? projectPath('analysis', 'corpus', 'tried', 'topic-words-from-dev.yaml');
const words = loadTopicWords(file);
const { development, test } = loadRealSets(process.env);
const unread = development.find((d) => !d.ok);
if (unread && !unread.ok) {
  console.error(unread.reason);
  process.exit(2);
}
const dev = development.flatMap((d) => (d.ok ? d.lines : []));

function figures(lines: RealLine[]): string {
  const complaints = lines.filter((l) => l.sentiment === 'negative');
  const topics = complaints.map((l) => scoreText(l.text).topic);
  const hr = complaints.map((l, i) => [l, topics[i]!] as const).filter(([l]) => l.topic !== OTHER_TOPIC);
  const other = complaints.map((l, i) => [l, topics[i]!] as const).filter(([l]) => l.topic === OTHER_TOPIC);
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  const right = complaints.filter((l, i) => topics[i] === l.topic).length;
  return [
    `投诉的主题 ${pct(right, complaints.length)}`,
    `人社投诉 ${pct(hr.filter(([l, t]) => t === l.topic).length, hr.length)}（${hr.length} 封）`,
    `别的部门的投诉判成人社 ${other.filter(([, t]) => t !== OTHER_TOPIC).length} 封（共 ${other.length}）`,
  ].join('，');
}

const sets: [string, RealLine[]][] = [[`开发数据（${dev.length} 封）`, dev]];
if (test.ok) sets.push([`测试集（${test.lines.length} 封）`, test.lines]);
else console.log(`测试集：${test.reason}`);
console.log(`本局词表：${file}`);
for (const [name, lines] of sets) {
  useTopicWords(null);
  const before = figures(lines);
  useTopicWords(words);
  console.log(`${name}\n  只用规则：${before}\n  加词表：  ${figures(lines)}`);
}
