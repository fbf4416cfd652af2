/** Moments (ISO timestamps the services store in UTC) as analysts read them: local time to the minute. */

/** "2026-11-22T04:31:20.000Z" → "2026-11-22 12:31" in Asia/Shanghai; text that is not a date is shown as is. */
export function formatLocalDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
