//! One-to-one assignment on a score matrix: the Hungarian method, so that two report
//! records never take the same plan activity and the total score is the best possible
//! (not greedy, where an early good pair can steal a later activity's only match).

/// For each row, the column assigned to it, maximizing the summed score over pairs whose
/// score is at least `threshold`; rows without such a pair get `None`.
pub fn assign(scores: &[Vec<f64>], threshold: f64) -> Vec<Option<usize>> {
    let n = scores.len();
    let m = scores.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return vec![None; n];
    }
    let k = n.max(m);
    // Cost 1 − score for admissible pairs, 1 for the rest (as good as staying unmatched).
    let cost = |i: usize, j: usize| -> f64 {
        if i < n && j < m && scores[i][j] >= threshold {
            1.0 - scores[i][j]
        } else {
            1.0
        }
    };
    // The O(k³) potentials form, 1-based with a virtual column 0.
    let inf = f64::INFINITY;
    let mut u = vec![0.0; k + 1];
    let mut v = vec![0.0; k + 1];
    let mut p = vec![0usize; k + 1];
    let mut way = vec![0usize; k + 1];
    for i in 1..=k {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![inf; k + 1];
        let mut used = vec![false; k + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0usize;
            for j in 1..=k {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=k {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![None; n];
    for j in 1..=k {
        let i = p[j];
        if i >= 1 && i <= n && j <= m && scores[i - 1][j - 1] >= threshold {
            out[i - 1] = Some(j - 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assignment_is_optimal_not_greedy() {
        // Greedy takes (0,0) = 0.9 and leaves row 1 without a match; optimal is
        // (0,1) + (1,0) = 0.85 + 0.8.
        let scores = vec![vec![0.9, 0.85], vec![0.8, 0.1]];
        assert_eq!(assign(&scores, 0.3), vec![Some(1), Some(0)]);
    }

    #[test]
    fn pairs_below_the_threshold_stay_unmatched() {
        let scores = vec![vec![0.2, 0.1], vec![0.1, 0.9], vec![0.5, 0.0]];
        assert_eq!(assign(&scores, 0.3), vec![None, Some(1), Some(0)]);
    }
}
