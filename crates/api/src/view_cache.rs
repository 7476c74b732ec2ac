//! Per-instance cache of read answers (dashboards, project lists and pages), keyed by the
//! request and the database's data version (migration m0015: triggers bump it in every write
//! transaction to the tables those answers read).
//!
//! A request reads the version first, then looks up or computes its answer. Every
//! statement of a computation runs after the version was read, so an answer stored under a
//! version holds at least every write committed before that version was current: a write
//! committed through any instance raises the version, and from then on every instance's
//! readers miss and recompute. Nothing here is the only copy of anything; losing the cache
//! costs one recomputation.
//!
//! Bounded in entries and bytes: one user's many distinct filters cannot grow the process.
//! Entries of older versions are dropped as soon as a newer version is seen.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;

/// Defaults for [`ViewCache::new`]: a dashboard answer is a few kB to a few hundred kB.
pub const DEFAULT_MAX_ENTRIES: usize = 2_000;
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// A stored answer: the JSON body and, for records, the `ETag` naming their version.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub body: Bytes,
    pub etag: Option<String>,
}

impl Answer {
    fn len(&self) -> usize {
        self.body.len() + self.etag.as_ref().map_or(0, String::len)
    }
}

pub struct ViewCache {
    inner: Mutex<Inner>,
    max_entries: usize,
    max_bytes: usize,
}

#[derive(Default)]
struct Inner {
    version: i64,
    entries: HashMap<String, Answer>,
    bytes: usize,
}

impl Inner {
    /// Moves to `version` when it is newer, dropping what older versions stored.
    fn observe(&mut self, version: i64) {
        if version > self.version {
            self.version = version;
            self.entries.clear();
            self.bytes = 0;
        }
    }
}

impl Default for ViewCache {
    fn default() -> Self {
        ViewCache::new(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES)
    }
}

impl ViewCache {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        ViewCache {
            inner: Mutex::new(Inner::default()),
            max_entries,
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves a map that is still consistent.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The answer stored for `key` at exactly `version`.
    pub fn get(&self, version: i64, key: &str) -> Option<Answer> {
        let mut inner = self.lock();
        inner.observe(version);
        if inner.version != version {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    /// Stores an answer computed after `version` was read. An answer for an older version
    /// than the newest seen is not stored (a newer write is already committed).
    pub fn put(&self, version: i64, key: String, body: Answer) {
        if body.len() > self.max_bytes / 4 {
            return;
        }
        let mut inner = self.lock();
        inner.observe(version);
        if inner.version != version {
            return;
        }
        while !inner.entries.is_empty()
            && (inner.entries.len() >= self.max_entries || inner.bytes + body.len() > self.max_bytes)
        {
            // Any entry: all are equally current, and a bound matters more than which.
            let victim = inner.entries.keys().next().cloned();
            if let Some(k) = victim {
                if let Some(old) = inner.entries.remove(&k) {
                    inner.bytes -= old.len();
                }
            }
        }
        inner.bytes += body.len();
        if let Some(old) = inner.entries.insert(key, body) {
            inner.bytes -= old.len();
        }
    }

    /// Entries and bytes held (for the bounds' tests and metrics).
    pub fn size(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.entries.len(), inner.bytes)
    }
}

pub type SharedViewCache = Arc<ViewCache>;

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: Vec<u8>) -> Answer {
        Answer {
            body: Bytes::from(body),
            etag: None,
        }
    }

    #[test]
    fn a_newer_version_drops_older_answers() {
        let c = ViewCache::new(10, 1000);
        c.put(1, "a".into(), answer(b"one".to_vec()));
        assert_eq!(c.get(1, "a"), Some(answer(b"one".to_vec())));
        assert_eq!(c.get(2, "a"), None);
        assert_eq!(c.size(), (0, 0));
        // A late answer computed at version 1 is not stored once 2 was seen.
        c.put(1, "a".into(), answer(b"one".to_vec()));
        assert_eq!(c.get(2, "a"), None);
        assert_eq!(c.get(1, "a"), None);
    }

    #[test]
    fn entries_and_bytes_stay_bounded() {
        let c = ViewCache::new(3, 100);
        for i in 0..50 {
            c.put(7, format!("k{i}"), answer(vec![b'x'; 20]));
            let (n, bytes) = c.size();
            assert!(n <= 3 && bytes <= 100, "{n} entries, {bytes} bytes");
        }
        // Too large for the budget: not stored at all.
        c.put(7, "big".into(), answer(vec![b'x'; 60]));
        assert_eq!(c.get(7, "big"), None);
        // Replacing a key keeps the byte count exact.
        c.put(7, "k49".into(), answer(vec![b'y'; 10]));
        let (_, bytes) = c.size();
        let held: usize = (0..50)
            .filter_map(|i| c.get(7, &format!("k{i}")))
            .map(|b| b.len())
            .sum();
        assert_eq!(bytes, held);
    }
}
