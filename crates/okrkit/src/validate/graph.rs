//! Loops in parent links, found without recursion.

/// Given each node's parent, returns the nodes that lie on a loop (each once,
/// in index order). Iterative: a 100,000-deep chain uses no stack.
pub(crate) fn find_cycles(parent: &[Option<usize>]) -> Vec<usize> {
    // 0 = unvisited, 1 = on the current walk, 2 = finished.
    let mut state = vec![0u8; parent.len()];
    let mut on_cycle = vec![false; parent.len()];
    let mut walk = Vec::new();
    for start in 0..parent.len() {
        if state[start] != 0 {
            continue;
        }
        walk.clear();
        let mut node = Some(start);
        while let Some(n) = node {
            match state[n] {
                0 => {
                    state[n] = 1;
                    walk.push(n);
                    node = parent[n];
                }
                1 => {
                    // Found a loop: mark from n to the end of the walk.
                    if let Some(pos) = walk.iter().position(|&w| w == n) {
                        for &w in &walk[pos..] {
                            on_cycle[w] = true;
                        }
                    }
                    break;
                }
                _ => break,
            }
        }
        for &w in &walk {
            state[w] = 2;
        }
    }
    (0..parent.len()).filter(|&i| on_cycle[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::find_cycles;

    #[test]
    fn finds_loops_and_ignores_chains() {
        // 0 -> 1 -> 2 -> 0 is a loop; 3 -> 0 is a chain into it; 4 is alone.
        let parent = [Some(1), Some(2), Some(0), Some(0), None];
        assert_eq!(find_cycles(&parent), vec![0, 1, 2]);
    }

    #[test]
    fn self_loop() {
        assert_eq!(find_cycles(&[Some(0)]), vec![0]);
    }

    #[test]
    fn deep_chain_is_not_a_loop() {
        let n = 200_000;
        let parent: Vec<Option<usize>> = (0..n)
            .map(|i| if i + 1 < n { Some(i + 1) } else { None })
            .collect();
        assert!(find_cycles(&parent).is_empty());
    }
}
