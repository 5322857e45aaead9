//! The portal's pages and their paths. A small enum instead of a router crate: the pages are a
//! fixed list, every path is typed, and the mapping is tested natively. The harness (and any
//! static host with a single-page fallback) serves `index.html` for each of them.

/// One page of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Drafts,
    Compose,
    Json,
    Graph,
    Submit,
    Track,
    Reports,
    Notifications,
    NotFound,
}

impl Route {
    /// The pages in navigation order.
    pub const NAV: [Route; 8] = [
        Route::Drafts,
        Route::Compose,
        Route::Json,
        Route::Graph,
        Route::Submit,
        Route::Track,
        Route::Reports,
        Route::Notifications,
    ];

    /// The route of a location path; a trailing slash and a query do not matter.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_end_matches('/');
        match path {
            "" | "/drafts" => Route::Drafts,
            "/compose" => Route::Compose,
            "/json" => Route::Json,
            "/graph" => Route::Graph,
            "/submit" => Route::Submit,
            "/track" => Route::Track,
            "/reports" => Route::Reports,
            "/notifications" => Route::Notifications,
            _ => Route::NotFound,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Route::Drafts => "/",
            Route::Compose => "/compose",
            Route::Json => "/json",
            Route::Graph => "/graph",
            Route::Submit => "/submit",
            Route::Track => "/track",
            Route::Reports => "/reports",
            Route::Notifications => "/notifications",
            Route::NotFound => "/not-found",
        }
    }

    /// The navigation label.
    pub fn label(self) -> &'static str {
        match self {
            Route::Drafts => "Drafts",
            Route::Compose => "Compose",
            Route::Json => "JSON",
            Route::Graph => "Graph",
            Route::Submit => "Submit",
            Route::Track => "Track",
            Route::Reports => "Reports",
            Route::Notifications => "Notifications",
            Route::NotFound => "Page not found",
        }
    }

    /// The document title, so each page is told apart in tabs, history and screen readers.
    pub fn title(self) -> String {
        let page = match self {
            Route::Drafts => "Your draft orders",
            Route::Compose => "Compose an order",
            Route::Json => "Order bundle JSON",
            Route::Graph => "Bundle graph",
            Route::Submit => "Submit the order",
            Route::Track => "Track the order",
            Route::Reports => "Read a report",
            Route::Notifications => "Notification criteria",
            Route::NotFound => "Page not found",
        };
        format!("{page} · Genomic test orders")
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn paths_round_trip() {
        for r in Route::NAV {
            assert_eq!(Route::parse(r.path()), r, "{r:?}");
        }
    }

    #[test]
    fn parse_ignores_slash_query_and_fragment() {
        for (path, want) in [
            ("", Route::Drafts),
            ("/", Route::Drafts),
            ("/drafts/", Route::Drafts),
            ("/compose/", Route::Compose),
            ("/json?x=1", Route::Json),
            ("/graph#node-3", Route::Graph),
            ("/nope", Route::NotFound),
            ("/compose/extra", Route::NotFound),
        ] {
            assert_eq!(Route::parse(path), want, "{path}");
        }
    }

    #[test]
    fn titles_are_distinct() {
        let mut titles: Vec<String> = Route::NAV.iter().map(|r| r.title()).collect();
        gom_core::sort::sort(&mut titles);
        titles.dedup();
        assert_eq!(titles.len(), Route::NAV.len());
    }
}
