//! User stories run against the real `pacta` binary on a temporary data dir.
//! One test binary with modules, so it links once.

mod cli;
