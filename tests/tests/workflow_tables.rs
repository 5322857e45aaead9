//! Every state machine, in one snapshot a reviewer can read: statuses (start, terminal, unused)
//! and each edge with the sides that may take it (`!` marks an edge out of a terminal status).

#[test]
fn all_transition_tables() {
    insta::assert_snapshot!(gom_core::workflow::tables::render_all());
}
