//! Reading documents: the genomic report view and the bundle graph.

use wasm_bindgen::prelude::*;

use super::super::{api, dto, options, text, to_js};

/// The structured view of the first DiagnosticReport in a document (a report alone, or any
/// Bundle holding one), as the portal renders it.
#[wasm_bindgen(js_name = reportView, unchecked_return_type = "ReportView")]
pub fn report_view(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> Result<JsValue, JsError> {
    let src = text(&json, "json")?;
    let view = crate::report::report_view(&src);
    to_js(&dto::ReportView::new(&view, &src))
}

/// The graph of a Bundle, for a host that draws its own picture: `{ nodes, edges, links,
/// missing, width, height, note }`, nodes placed by a deterministic layered layout.
#[wasm_bindgen(js_name = bundleGraph, unchecked_return_type = "BundleGraph")]
pub fn bundle_graph(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> Result<JsValue, JsError> {
    to_js(&api::bundle_graph(&text(&json, "json")?))
}

/// The graph of a Bundle drawn as SVG text; every string from the document is escaped, so it
/// may be inserted into a page as it is.
#[wasm_bindgen(js_name = renderGraphSvg)]
pub fn render_graph_svg(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "SvgOptions")] options_js: Option<JsValue>,
) -> Result<String, JsError> {
    let o: dto::SvgOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    Ok(api::render_graph_svg(&text(&json, "json")?, o))
}
