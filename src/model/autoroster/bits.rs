//! [`BitMatrix`]: a dense rows × columns matrix of booleans, one bit each, for the auto-roster's
//! eligibility (who may take which shift). At 10,000 staff × 10,000 shifts it is 12.5 MB, where a
//! list of indexes per shift was up to 800 MB and the flow network built from it several GB.

/// Rows × columns bits, row-major; rows are whole 64-bit words.
#[derive(Clone, Debug, Default)]
pub(super) struct BitMatrix {
    words_per_row: usize,
    words: Vec<u64>,
}

impl BitMatrix {
    pub(super) fn new(rows: usize, columns: usize) -> Self {
        let words_per_row = columns.div_ceil(64);
        Self { words_per_row, words: vec![0; rows.saturating_mul(words_per_row)] }
    }

    pub(super) fn set(&mut self, row: usize, column: usize) {
        if let Some(word) = self.words.get_mut(row * self.words_per_row + column / 64) {
            *word |= 1 << (column % 64);
        }
    }

    fn row_words(&self, row: usize) -> &[u64] {
        let start = row * self.words_per_row;
        self.words.get(start..start + self.words_per_row).unwrap_or_default()
    }

    /// The first set column of `row` at or after `from`.
    pub(super) fn next_in_row(&self, row: usize, from: usize) -> Option<usize> {
        let words = self.row_words(row);
        let mut index = from / 64;
        let mut word = words.get(index)? & (u64::MAX << (from % 64));
        loop {
            if word != 0 {
                return Some(index * 64 + word.trailing_zeros() as usize);
            }
            index += 1;
            word = *words.get(index)?;
        }
    }

    /// The set columns of `row`, ascending.
    pub(super) fn row(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.row_words(row).iter().enumerate().flat_map(|(index, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    index * 64 + bit
                })
            })
        })
    }

    /// Bytes held: one bit per cell, rounded up to whole words per row.
    #[cfg(test)]
    pub(super) fn heap_bytes(&self) -> usize {
        self.words.capacity() * std::mem::size_of::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_list_their_set_columns_in_order() {
        let mut m = BitMatrix::new(3, 130);
        for (r, c) in [(0, 0), (0, 63), (0, 64), (0, 129), (2, 70)] {
            m.set(r, c);
        }
        assert_eq!(m.row(0).collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert_eq!(m.row(1).count(), 0);
        assert_eq!(m.row(2).collect::<Vec<_>>(), [70]);
        assert_eq!(m.next_in_row(0, 1), Some(63));
        assert_eq!(m.next_in_row(0, 65), Some(129));
        assert_eq!(m.next_in_row(0, 130), None);
        assert_eq!(m.next_in_row(2, 0), Some(70));
        assert_eq!(m.heap_bytes(), 3 * 3 * 8);
    }
}
