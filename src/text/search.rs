//! Searches of sorted sequences that start from where the answer is
//! expected. The pipeline looks up positions in text order (the paragraph
//! of each claim, the first quotation of each block, the code-point offset
//! of each span), so the answer is nearly always next to the previous one:
//! a binary search over the whole sequence would instead touch a dozen
//! places spread over it, each a cache miss once the article is large.

/// What `slice.partition_point(pred)` returns, found by galloping from
/// `from`: the index of the first element for which `pred` is false, given
/// that `pred` holds for a prefix of `slice` and fails for the rest. It
/// takes O(log d) steps, where d is the distance from `from` to the answer.
pub fn partition_point_from<T>(
    slice: &[T],
    from: usize,
    mut pred: impl FnMut(&T) -> bool,
) -> usize {
    let from = from.min(slice.len());
    if from < slice.len() && pred(&slice[from]) {
        // The answer is after `from`: double the step until it is passed.
        let (mut low, mut step) = (from + 1, 1);
        while low + step <= slice.len() && pred(&slice[low + step - 1]) {
            low += step;
            step *= 2;
        }
        let high = (low + step).min(slice.len());
        low + slice[low..high].partition_point(pred)
    } else {
        // The answer is `from` or before it.
        let (mut high, mut step) = (from, 1);
        while high >= step && !pred(&slice[high - step]) {
            high -= step;
            step *= 2;
        }
        let low = high.saturating_sub(step);
        low + slice[low..high].partition_point(pred)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_start_gives_what_a_binary_search_gives() {
        for len in 0..40 {
            let values: Vec<usize> = (0..len).map(|i| i * 3).collect();
            for limit in 0..len * 3 + 3 {
                let expected = values.partition_point(|&v| v < limit);
                for from in 0..len + 3 {
                    assert_eq!(
                        partition_point_from(&values, from, |&v| v < limit),
                        expected,
                        "{len} values, first at or above {limit}, from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn runs_of_equal_values_are_passed_as_a_binary_search_passes_them() {
        let values = [1, 1, 1, 2, 2, 2, 2, 2, 3, 5, 5, 8];
        for limit in 0..10 {
            let expected = values.partition_point(|&v| v <= limit);
            for from in 0..values.len() + 1 {
                assert_eq!(
                    partition_point_from(&values, from, |&v| v <= limit),
                    expected
                );
            }
        }
    }
}
