//! `--shard K/N`: the K-th of N deterministic, balanced shares of a batch's inputs, so
//! that N processes on N machines each take one share and `planlift merge` combines
//! their outputs into what one run over all inputs writes.

use super::Input;

/// One share of a batch: `index` (1-based) of `count`.
///
/// ```
/// let s: planlift::Shard = "2/8".parse().unwrap();
/// assert_eq!((s.index, s.count), (2, 8));
/// let options = planlift::BatchOptions { shard: Some(s), ..Default::default() };
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, 1 to `count`.
    pub index: usize,
    /// How many shares.
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// `K/N` with 1 ≤ K ≤ N.
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}`: a shard is K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// The inputs of this share. Files are dealt largest first, each to the share with
    /// the fewest bytes so far (the lowest-numbered on a tie), so the shares carry
    /// about equal work; the deal depends only on the inputs' names and sizes, so every
    /// machine computes the same shares. The share keeps the inputs' order.
    pub fn select(self, inputs: Vec<Input>) -> Vec<Input> {
        let size = |i: &Input| std::fs::metadata(&i.path).map_or(0, |m| m.len());
        let mut order: Vec<(u64, usize)> = inputs
            .iter()
            .enumerate()
            .map(|(k, i)| (size(i), k))
            .collect();
        // Largest first; equal sizes in input order (inputs are sorted by name).
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut load = vec![0u64; self.count];
        let mut mine = vec![false; inputs.len()];
        for (bytes, k) in order {
            let target = (0..self.count).min_by_key(|&s| (load[s], s)).unwrap_or(0);
            // Every file weighs at least one unit, so empty files spread out too.
            load[target] += bytes.max(1);
            mine[k] = target + 1 == self.index;
        }
        inputs
            .into_iter()
            .zip(mine)
            .filter_map(|(i, m)| m.then_some(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
