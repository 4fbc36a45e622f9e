//! Parallel parsing: a large file cut into chunks at top-level items, each
//! parsed on a thread of its own into a sink of its own.

use super::recovery::parse_range;
use super::tree::ItemSink;
use crate::limits::threads;

/// Below this size a file is parsed on one thread: starting threads would
/// cost more than they save.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// How many chunks each thread gets: enough that threads finish together.
const CHUNKS_PER_THREAD: usize = 8;

/// The smallest chunk a file is cut into. pest only ever sees a window of a
/// chunk (`WINDOW`), so the size does not bound working memory; it sets how
/// many partial models are joined, and fewer, larger parts keep less memory
/// resident (20,000 segments: 1 MiB chunks peak at 172 MB, 256 KiB chunks at
/// 197 MB, in the same time).
const MIN_CHUNK_SIZE: usize = 256 * 1024;

/// Parses a large file in chunks cut at top-level items, on every core.
/// Returns the sinks of the chunks that parsed cleanly, in order up to the
/// first chunk with a syntax error, and where an in-order parse must take
/// over: that chunk's start, the start of a file too small to split, or
/// `None` when every chunk parsed cleanly.
///
/// A chunk that parses without error gives exactly the items a whole parse
/// gives for its text: each cut is at the start of a line beginning with a
/// top-level keyword, so a chunk can only succeed where the whole file
/// splits into the same items. Error recovery is left to the in-order parse
/// from the first failed chunk on, which is what a whole parse does there,
/// since everything before that chunk parsed cleanly.
pub(super) fn parse_in_parallel<S: ItemSink>(
    source: &str,
    resume_points: &[usize],
    start: usize,
) -> (Vec<S>, Option<usize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let threads = threads();
    if source.len() < PARALLEL_THRESHOLD || threads < 2 {
        return (Vec::new(), Some(start));
    }
    let chunk_size = (source.len() / (threads * CHUNKS_PER_THREAD)).max(MIN_CHUNK_SIZE);
    let mut bounds = vec![start];
    let mut target = start + chunk_size;
    while target < source.len() {
        let index = resume_points.partition_point(|point| *point < target);
        match resume_points.get(index) {
            Some(&point) => {
                bounds.push(point);
                target = point + chunk_size;
            }
            None => break,
        }
    }
    bounds.push(source.len());
    let chunks: Vec<(usize, usize)> = bounds.windows(2).map(|pair| (pair[0], pair[1])).collect();
    if chunks.len() < 2 {
        return (Vec::new(), Some(start));
    }
    // Threads take chunks in turn; a chunk with an error yields `None`, and
    // no chunk after the first such one is worth parsing.
    let next = AtomicUsize::new(0);
    let first_failure = AtomicUsize::new(usize::MAX);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(from, to)) = chunks.get(index) else { break };
            if index > first_failure.load(Ordering::Relaxed) {
                break;
            }
            let mut sink = S::default();
            let diagnostics = parse_range(source, resume_points, from, to, &mut sink);
            if diagnostics.is_empty() {
                done.push((index, Some(sink)));
            } else {
                first_failure.fetch_min(index, Ordering::Relaxed);
                done.push((index, None));
            }
        }
        done
    };
    // This thread works too: each thread leaves memory its allocator keeps
    // for a while, so one thread fewer is less memory for the same speed.
    let mut parts: Vec<(usize, Option<S>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(chunks.len())).map(|_| scope.spawn(work)).collect();
        let mut parts = work();
        for helper in helpers {
            parts.extend(helper.join().unwrap_or_default());
        }
        parts
    });
    parts.sort_by_key(|(index, _)| *index);
    let mut sinks = Vec::with_capacity(parts.len());
    for (expected, (index, part)) in parts.into_iter().enumerate() {
        match part {
            Some(part) if index == expected => sinks.push(part),
            // A failed chunk, or one missing because its thread stopped:
            // from here on the file is parsed in order.
            _ => return (sinks, chunks.get(expected).map(|&(from, _)| from)),
        }
    }
    (sinks, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::syntax::driver::parse_into;
    use crate::syntax::recovery::resume_points;
    use crate::syntax::Item;

    /// A file large enough to be parsed in chunks, with a syntax error
    /// planted in some of its blocks.
    fn large(broken: &[usize]) -> String {
        let mut source = String::from("canvas \"Chunks\" { currency EUR }\n");
        for index in 0..20_000 {
            let need = if broken.contains(&index) {
                "need \"unclosed".to_string()
            } else {
                format!("need \"need {index}\"")
            };
            source.push_str(&format!(
                "segment s{index} \"Segment {index}\" {{\n  type niche\n  {need}\n}}\n\n"
            ));
        }
        source
    }

    /// What a parse of the whole file in one piece, in order, gives.
    fn in_order(source: &str) -> (Vec<Item>, Vec<Diagnostic>) {
        let points = resume_points(source, 0);
        let mut items = Vec::new();
        let diagnostics = parse_range(source, &points, 0, source.len(), &mut items);
        (items, diagnostics)
    }

    #[test]
    fn chunked_parsing_gives_what_parsing_in_order_gives() {
        for broken in [&[][..], &[9_000], &[0, 3_001, 19_999]] {
            let source = large(broken);
            assert!(source.len() > PARALLEL_THRESHOLD);
            let (items, diagnostics) = parse_into::<Vec<Item>>(&source);
            let (expected_items, expected_diagnostics) = in_order(&source);
            assert_eq!(items.len(), 20_001, "{broken:?}");
            assert_eq!(diagnostics.len(), broken.len(), "{broken:?}");
            assert!(items == expected_items, "items differ with errors in {broken:?}");
            assert_eq!(diagnostics, expected_diagnostics, "{broken:?}");
        }
    }
}
