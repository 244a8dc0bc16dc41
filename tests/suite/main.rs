//! The integration tests, as modules of one test binary: typst is linked once, not once per
//! file. A new test file goes here as a module and takes its helpers from `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod build;
mod cli;
mod criteria;
mod documents;
mod excel;
mod hostile;
mod layout;
mod letters;
mod office;
mod pdfa;
mod pieces;
mod register;
mod serve;
mod sources;
mod year;
