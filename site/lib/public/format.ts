// Dates as residents read them: 2025年9月1日 (in China's time zone, whatever the server's).
export function formatDate(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const china = new Date(d.getTime() + 8 * 3600_000);
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日`;
}
