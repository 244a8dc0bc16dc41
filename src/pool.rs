//! Runs the worker threads of a build: [`run`] maps items over threads in item order, at
//! most one heavy item at a time while light ones remain.

use std::collections::VecDeque;
use std::sync::Mutex;

/// Runs `f` over `items` on `threads` OS threads with large stacks (typst recurses
/// deeply), returning results in item order whatever the thread count.
///
/// At most one `heavy` item runs at a time while light ones remain: a decision listing
/// ten thousand records is one long typst document, and two of them laid out at once
/// doubled the peak memory of a year-end run.
pub fn run<I: Sync, T: Send>(
    items: &[I],
    threads: usize,
    heavy: impl Fn(&I) -> bool,
    f: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    let (heavy, light): (VecDeque<usize>, VecDeque<usize>) =
        (0..items.len()).partition(|&i| heavy(&items[i]));
    let queue = Mutex::new(Queue {
        heavy,
        light,
        heavy_running: 0,
    });
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(items.len()).max(1))
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        while let Some((i, heavy)) = next(&queue) {
                            mine.push((i, f(&items[i])));
                            if heavy {
                                lock(&queue).heavy_running -= 1;
                            }
                        }
                        mine
                    })
                    .expect("the OS can start a worker thread")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The items not yet taken by a worker of [`run`].
struct Queue {
    heavy: VecDeque<usize>,
    light: VecDeque<usize>,
    heavy_running: usize,
}

fn lock(queue: &Mutex<Queue>) -> std::sync::MutexGuard<'_, Queue> {
    queue.lock().expect("no worker panics holding the queue")
}

/// The next item for a worker, and whether it is heavy: a heavy one when none runs (so
/// the long ones start early), else a light one, else what is left.
fn next(queue: &Mutex<Queue>) -> Option<(usize, bool)> {
    let mut q = lock(queue);
    let take_heavy = q.heavy_running == 0 || q.light.is_empty();
    if take_heavy && let Some(i) = q.heavy.pop_front() {
        q.heavy_running += 1;
        return Some((i, true));
    }
    q.light.pop_front().map(|i| (i, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While light items remain, a second heavy one waits for the first to finish.
    #[test]
    fn one_heavy_item_at_a_time_while_light_ones_remain() {
        let queue = Mutex::new(Queue {
            heavy: VecDeque::from([0, 1]),
            light: VecDeque::from([2, 3]),
            heavy_running: 0,
        });
        assert_eq!(next(&queue), Some((0, true)));
        assert_eq!(next(&queue), Some((2, false)));
        assert_eq!(next(&queue), Some((3, false)));
        // Only heavy ones are left: they need not wait.
        assert_eq!(next(&queue), Some((1, true)));
        assert_eq!(next(&queue), None);
        // Both heavy ones finish; a new heavy one goes before a light one.
        {
            let mut q = lock(&queue);
            q.heavy_running = 0;
            q.heavy.push_back(4);
            q.light.push_back(5);
        }
        assert_eq!(next(&queue), Some((4, true)));
    }

    /// Results come back in item order whatever the thread count and scheduling.
    #[test]
    fn results_keep_item_order() {
        let items: Vec<usize> = (0..50).collect();
        for threads in [1, 2, 4] {
            let out = run(&items, threads, |i| i % 7 == 0, |i| i * 10);
            assert_eq!(out, items.iter().map(|i| i * 10).collect::<Vec<_>>());
        }
    }
}
