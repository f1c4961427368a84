//! The compiler's message the chapter shows, kept true: each snippet in
//! snippets/ must fail to compile with exactly the message in the
//! `.stderr` file beside it (which the book includes). When a new compiler
//! words it differently, this fails; `TRYBUILD=overwrite cargo test -p
//! locks --test compile_errors` writes the new wording.

#[test]
fn a_task_holding_a_std_guard_across_an_await_cannot_be_spawned() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("snippets/*.rs");
}
