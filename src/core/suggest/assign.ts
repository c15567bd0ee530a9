/**
 * Maximum-weight one-to-one assignment (the Hungarian algorithm, in its shortest-augmenting-path
 * form). Rows are columns, columns are destinations; a row may stay unassigned, which is worth
 * `floor`. Greedy first-come matching gives the second-best column's field to whichever column
 * happened to come first; this gives each field to the column that makes the whole mapping best.
 *
 * @returns for each row the index of its assigned destination, or -1.
 */
export function assign(scores: readonly (readonly number[])[], floor: number): number[] {
  const n = scores.length;
  if (n === 0) return [];
  const m = scores[0]!.length;
  // Every row also gets its own "unassigned" slot worth `floor`, so the matrix is n x (m + n).
  const width = m + n;
  const cost = (i: number, j: number) => (j < m ? -(scores[i]![j] ?? 0) : -floor);
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(width + 1);
  const p = new Int32Array(width + 1); // p[j]: row (1-based) assigned to column j
  const way = new Int32Array(width + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(width + 1).fill(INF);
    const used = new Uint8Array(width + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= width; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= width; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) result[p[j]! - 1] = j - 1;
  return result;
}
