//! One component per file, named after it.

mod app;
mod bundle_input;
mod header;
mod issue_list;
mod validator_page;

pub use app::App;
pub use bundle_input::BundleInput;
pub use header::Header;
pub use issue_list::IssueList;
pub use validator_page::ValidatorPage;
