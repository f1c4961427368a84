//! The compiler's messages the chapter shows, kept true: each snippet in
//! snippets/ must fail to compile with exactly the message in the
//! `.stderr` file beside it (which the book includes). When a new compiler
//! words a message differently, this fails; `TRYBUILD=overwrite cargo test
//! -p futures-async --test compile_errors` writes the new wording.

#[test]
fn the_common_mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("snippets/*.rs");
}
