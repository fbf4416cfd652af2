/**
 * The suite runs in Asia/Shanghai (vite.config.ts sets TZ), the zone of the users' PCs.
 * Here the same import runs in child processes in other zones, from UTC−8 to UTC+14: an
 * Excel date serial is the same calendar date everywhere, and "today" (the arrival date
 * of a report) is the date on that computer's own calendar.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runTs } from '../hardening/helpers/spawn';

const SCRIPT = join(import.meta.dirname, 'fixtures', 'dates-in-zone.ts');
const NOW = '2026-01-06T12:00:00+08:00';

/** The calendar date and wall time of NOW and of a stored moment in a zone, by Intl (not by the code under test). */
function local(zone: string, iso: string): { date: string; minute: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
  return { date, minute: `${date} ${parts['hour']}:${parts['minute']}` };
}

describe('dates in other time zones', () => {
  it('this suite itself runs in Asia/Shanghai, whatever TZ it was started with', () => {
    expect(process.env['TZ']).toBe('Asia/Shanghai');
    expect(new Date(2025, 9, 3).getTimezoneOffset()).toBe(-480);
  });

  for (const zone of ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
    it(`in ${zone}: the date cell is its calendar date, today is that computer's date`, async () => {
      const r = await runTs(SCRIPT, [], { env: { ...process.env, TZ: zone, RFM_NOW: NOW } });
      expect(r.code, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout) as { status: string; errors: string[]; fillDate: string; today: { y: number; m: number; d: number }; received: string; shown: string };
      expect(got.errors).toEqual([]);
      expect(got.status).toBe('accepted');
      expect(got.fillDate).toBe('2026-01-06');
      const today = local(zone, NOW).date;
      expect(`${got.today.y}-${String(got.today.m).padStart(2, '0')}-${String(got.today.d).padStart(2, '0')}`).toBe(today);
      expect(got.received).toBe(today);
      expect(got.shown).toBe(local(zone, '2025-12-31T16:05:00.000Z').minute);
    }, 60_000);
  }
});
