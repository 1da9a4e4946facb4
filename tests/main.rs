//! User stories run against the real `pacta` binary on a temporary data dir.
//! One test binary with modules, so it links once.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod cli;
