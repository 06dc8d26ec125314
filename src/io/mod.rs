//! The edges: files, HTTP, the OS keyring, profiles on disk and the loopback sandbox server. Each is
//! a small type that the tests drive for real; none of them prints (`logging` sets up the `-v`
//! log, whose lines they emit).

pub mod envfile;
pub mod failpoint;
pub mod logging;
pub mod probe;
pub mod profile;
pub mod sandbox;
pub mod secret_store;

/// Runs `work` on every item from up to `threads` threads, each taking a contiguous share, and
/// returns the results in the items' order, or the error of the first failing item found (a share
/// stops at its first error, and every share once any has failed). Each thread speaks the
/// caller's language. One item, or one thread, runs on the caller's thread.
pub fn parallel_map<T: Send, R: Send, E: Send>(
    items: Vec<T>,
    threads: usize,
    work: impl Fn(T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.into_iter().map(work).collect();
    }
    let failed = std::sync::atomic::AtomicBool::new(false);
    let share = items.len().div_ceil(threads);
    let mut shares: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut rest = items;
    while !rest.is_empty() {
        let tail = rest.split_off(share.min(rest.len()));
        shares.push(rest);
        rest = tail;
    }
    let language = crate::core::i18n::language();
    let (work, failed) = (&work, &failed);
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    crate::core::i18n::with_language(language, || {
                        let mut done = Vec::with_capacity(share.len());
                        for item in share {
                            if failed.load(std::sync::atomic::Ordering::Relaxed) {
                                return Ok(None);
                            }
                            match work(item) {
                                Ok(result) => done.push(result),
                                Err(error) => {
                                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                                    return Err(error);
                                }
                            }
                        }
                        Ok(Some(done))
                    })
                })
            })
            .collect();
        let mut results = Vec::new();
        let mut first_error = None;
        for handle in handles {
            // A panic in `work` is a bug: it goes on as a panic here.
            match handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            {
                Ok(Some(done)) => results.extend(done),
                Ok(None) => {}
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        match first_error {
            Some(error) => Err(error),
            None => Ok(results),
        }
    })
}

/// From this many files, a run treats them as a batch: it reads, plans, stages and renames them
/// on several threads (a rotation across a fleet's files waits mostly on the file system, file
/// by file) and syncs each file system once instead of each file. Fewer are handled one after the
/// other, in order (as the failpoint tests count them).
pub const BATCH_FROM: usize = 64;

/// The threads for work on `files` files: one below [`BATCH_FROM`], else four per core, from four
/// to eight: most of the time is spent waiting on the file system (an inode allocated, the blocks
/// of a replaced `.bak` discarded), not computing. On this 2-core machine, `rotate` over 1,000
/// files took 0.78-1.32 s with two threads and 0.59-0.78 s with eight (README, Benchmarks).
pub fn threads_for(files: usize) -> usize {
    if files < BATCH_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(4, |n| (n.get() * 4).clamp(4, 8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn parallel_map_keeps_the_order_and_gives_each_thread_a_contiguous_share() {
        let seen = Mutex::new(Vec::new());
        let results = parallel_map((0..10).collect(), 3, |item: u32| {
            seen.lock()
                .unwrap()
                .push((std::thread::current().id(), item));
            Ok::<_, ()>(item * 2)
        })
        .unwrap();
        assert_eq!(results, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        let seen = seen.into_inner().unwrap();
        let mut threads: Vec<_> = seen.iter().map(|(thread, _)| *thread).collect();
        threads.dedup();
        threads.sort_by_key(|t| format!("{t:?}"));
        threads.dedup();
        assert_eq!(threads.len(), 3, "three threads for three shares: {seen:?}");
        assert!(!threads.contains(&std::thread::current().id()));
        // Shares of 4, 4 and 2, each in order on its own thread.
        for thread in threads {
            let mine: Vec<u32> = seen
                .iter()
                .filter(|(t, _)| *t == thread)
                .map(|(_, item)| *item)
                .collect();
            assert!(
                [vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9]].contains(&mine),
                "{mine:?}"
            );
        }
    }

    #[test]
    fn parallel_map_on_one_thread_runs_in_order_on_the_callers_thread() {
        let caller = std::thread::current().id();
        let results = parallel_map(vec![1, 2, 3], 1, |item: u32| {
            assert_eq!(std::thread::current().id(), caller);
            Ok::<_, ()>(item)
        });
        assert_eq!(results, Ok(vec![1, 2, 3]));
        // More threads than items: one per item at most.
        let results = parallel_map(vec![7], 8, |item: u32| {
            assert_eq!(std::thread::current().id(), caller);
            Ok::<_, ()>(item)
        });
        assert_eq!(results, Ok(vec![7]));
    }

    #[test]
    fn parallel_map_stops_a_share_at_its_first_error_and_reports_the_earliest_found() {
        let ran = Mutex::new(Vec::new());
        let result = parallel_map((0..8).collect(), 2, |item: u32| {
            ran.lock().unwrap().push(item);
            if item == 1 || item == 2 {
                Err(item)
            } else {
                Ok(item)
            }
        });
        assert_eq!(result, Err(1));
        let ran = ran.into_inner().unwrap();
        assert!(!ran.contains(&2) && !ran.contains(&3), "{ran:?}");
    }

    #[test]
    fn only_batches_get_threads() {
        assert_eq!(threads_for(0), 1);
        assert_eq!(threads_for(BATCH_FROM - 1), 1);
        assert!((4..=8).contains(&threads_for(BATCH_FROM)));
        assert_eq!(threads_for(BATCH_FROM), threads_for(10 * BATCH_FROM));
    }
}
