// JSON Lines as staff and labellers write them: one object a line, blank lines skipped, a byte-order
// mark at the start ignored. A line that is not a JSON object is named ("FILE 第 N 行") in Chinese, so
// every reader of labels, examples and labelling passes reports bad input the same way.

export interface JsonlRow {
  row: Record<string, unknown>;
  /** "FILE 第 N 行", to start an error message about this line. */
  where: string;
}

export function jsonlRows(content: string, file: string): JsonlRow[] {
  const out: JsonlRow[] = [];
  content
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${file} 第 ${i + 1} 行`;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${where}不是合法的 JSON`);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error(`${where}应为 JSON 对象`);
      out.push({ row: row as Record<string, unknown>, where });
    });
  return out;
}
