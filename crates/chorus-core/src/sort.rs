//! One stable sort for every list the app orders (presence strip, command ranking, favorites
//! rows, listening history, top artists). `slice::sort_by` is generic over the element and the
//! comparison, so each call site linked its own copy of Rust's stable sort, ≈ 3.5 kB of wasm
//! each; here the sort itself is compiled once, over indices with a `dyn` comparison, and only
//! the small permutation step is generic. Same result as `sort_by`: stable, same order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (as `slice::sort_by`).
pub fn sort_stable_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// [`sort_stable_by`] on a key (as `slice::sort_by_key`).
pub fn sort_stable_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_stable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indices of `0..len` in stable sorted order: `order[k]` is the index of the item that
/// belongs at position `k`. Not generic, so the sort is linked once.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `items[order[k]]` to position `k` for every `k`, in place: each cycle of the
/// permutation is walked once, carrying its first item along by swaps.
fn permute<T>(items: &mut [T], order: Vec<usize>) {
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_exactly_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            // Keys collide often (0..6), so stability is exercised: the u16 tells equal keys apart.
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut ours = items;
            sort_stable_by(&mut ours, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(ours, expected);
        }

        #[test]
        fn by_key_matches_sort_by_key(items in proptest::collection::vec(any::<i8>(), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|v| std::cmp::Reverse(*v));
            let mut ours = items;
            sort_stable_by_key(&mut ours, |v| std::cmp::Reverse(*v));
            prop_assert_eq!(ours, expected);
        }
    }

    #[test]
    fn equal_items_keep_their_order() {
        let mut items = vec![(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')];
        sort_stable_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, vec![(0, 'b'), (0, 'd'), (1, 'a'), (1, 'c')]);
    }
}
