/** Grades 优秀 / 良好 / 一般 / 勉励: by score cut-offs, or by share of the group (ties share the better grade). */
import type { Grade, Grading, InstitutionResult } from './types';

export function gradeByScore(total: number, cutoffs: { grade: Grade; min: number }[]): Grade {
  const sorted = [...cutoffs].sort((a, b) => b.min - a.min);
  return sorted.find((c) => total >= c.min)?.grade ?? '勉励';
}

/**
 * By share: an institution ranked r of n gets the first grade whose cumulative
 * share exceeds (r − 1) / n. With 20% / 30% / 30%: in a group of 5, rank 1 is
 * 优秀, ranks 2–3 良好, 4 一般, 5 勉励.
 */
export function gradeByShare(rank: number, n: number, shares: { grade: Grade; share: number }[]): Grade {
  const position = (rank - 1) / n;
  let cumulative = 0;
  for (const s of shares) {
    cumulative += s.share;
    if (position < cumulative - 1e-9) return s.grade;
  }
  return '勉励';
}

/** Whether a group is graded by its shares (share grading, and the group is at least minGroupSize). */
export function gradesByShare(grading: Grading, groupSize: number): boolean {
  return grading.method === 'share' && groupSize >= (grading.minGroupSize ?? 1);
}

export function assignGrades(results: InstitutionResult[], grading: Grading): void {
  for (const r of results) {
    if (grading.method === 'score') r.grade = gradeByScore(r.total, grading.cutoffs);
    else r.grade = gradesByShare(grading, r.groupSize) ? gradeByShare(r.rank, r.groupSize, grading.shares) : gradeByScore(r.total, grading.cutoffs ?? []);
  }
}
