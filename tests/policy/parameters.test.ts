import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledPolicyRegion, GENERATED_FILE, loadParameterFiles, renderParametersModule } from '../../policy/tools/build-parameters.ts';
import { MissingParameterError, numberAsOf, numberOrGapAsOf, rowAsOf, isGap } from '../../policy/parameters.ts';
import { PARAMETER_FILES } from '../../policy/generated/parameters.generated.ts';
import { ConfigError } from '../../config/load.ts';
import { Dec } from '../../policy/decimal.ts';

describe('parameter files', () => {
  it('the generated module is up to date with the YAML (run policy/tools/build-parameters.ts if not)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(renderParametersModule(loadParameterFiles(), bundledPolicyRegion()));
  });

  it('an invalid parameter file is refused naming the file and the field in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-params-'));
    mkdirSync(join(dir, 'national'));
    writeFileSync(
      join(dir, 'national', 'bad.yaml'),
      "label: 坏参数\ndescription: 测试\nunit: 元\nvalues:\n  '2025-01-01':\n    value: 1\n    confidence: maybe\n    source: { title: 某文件, href: 不是网址 }\n",
    );
    try {
      loadParameterFiles(dir);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const { file, problems } = err as ConfigError;
      expect(file).toContain('bad.yaml');
      expect(problems).toContain('values.2025-01-01.confidence：confidence 应为 official、official-secondhand、derived 或 unverified 之一');
      expect(problems).toContain('values.2025-01-01.source.href：来源链接 href 应为网址');
    }
  });

  it('every value carries a source title and one of the four confidence levels', () => {
    for (const [id, file] of Object.entries(PARAMETER_FILES)) {
      for (const [date, v] of Object.entries(file.values)) {
        expect(v.source.title, `${id} ${date}`).not.toBe('');
        expect(['official', 'official-secondhand', 'derived', 'unverified']).toContain(v.confidence);
        if (v.value === null) expect(v.note, `${id} ${date}: a gap must say why`).toBeTruthy();
      }
    }
  });

  it('reads the value in force on a date, with its effective date and source', () => {
    expect(numberAsOf('sichuan/contribution-average-wage', '2025-06-30')).toMatchObject({
      value: 7646,
      effectiveDate: '2025-01-01',
      confidence: 'official-secondhand',
      source: { docNumber: '川人社办发〔2025〕39号' },
    });
    expect(numberAsOf('sichuan/contribution-average-wage', '2024-12-31').value).toBe(7518.33);
    expect(rowAsOf('national/annuity-months', '2025-01-01', '63')).toMatchObject({ key: '63', value: 117 });
  });

  it('a date before the first value is an error that says so', () => {
    expect(() => numberAsOf('sichuan/pension-benefit-base', '2022-07-01')).toThrow(MissingParameterError);
    expect(() => numberAsOf('sichuan/pension-benefit-base', '2022-07-01')).toThrow(
      '参数“四川企业职工基本养老金计发基数”在 2022年7月1日 没有可用的值：已收录的值最早从 2023年1月1日 起生效。',
    );
  });

  it('a recorded gap is an error for numberAsOf and an explicit unknown for numberOrGapAsOf', () => {
    expect(() => numberAsOf('sichuan/resident-pension-basic-addition', '2025-01-01')).toThrow(/没有找到带出处的数字/);
    const gap = numberOrGapAsOf('sichuan/resident-pension-basic-addition', '2025-01-01');
    expect(isGap(gap)).toBe(true);
    expect(() => rowAsOf('national/annuity-months', '2025-01-01', '70')).toThrow(/没有“70”这一项/);
  });
});

describe('exact decimals', () => {
  it('no float drift: 0.1 + 0.2 is 0.3 and halves round up at the fen', () => {
    expect(Dec.of(0.1).plus(0.2).cmp('0.3')).toBe(0);
    expect(Dec.of('1666.665').fen().toNumber()).toBe(1666.67);
    expect(Dec.of('2.675').fen().toNumber()).toBe(2.68); // a float would give 2.67
    expect(Dec.of(8321).times('1.935').div(2).times('0.3183').fen().toFixed(2)).toBe('2562.50');
  });
});
