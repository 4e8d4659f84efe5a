// CSV for reports staff open in Excel/WPS: UTF-8 with BOM (so Chinese shows correctly), CRLF,
// every field quoted. Cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR)
// get a leading apostrophe, because alert titles come from crawled text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
