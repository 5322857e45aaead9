use super::TableHead;
use gom_core::report::VariantView;
use leptos::prelude::*;

use super::cell;

/// The variants found, one row each: gene, DNA and protein change, zygosity, classification.
#[component]
pub fn VariantsTable(variants: Vec<VariantView>) -> impl IntoView {
    let none = variants.is_empty();
    view! {
        <h3 class="nhsuk-heading-s">"Variants"</h3>
        {if none {
            view! { <p class="nhsuk-body" id="gom-no-variants">"The report lists no variant."</p> }.into_any()
        } else {
            view! {
                <div class="gom-table-scroll" tabindex="0" role="region" aria-label="Variants">
                    <table class="nhsuk-table gom-variants">
                        <caption class="nhsuk-u-visually-hidden">"Variants found"</caption>
                        <TableHead cols=&["Gene", "Variant", "Zygosity", "Classification", "Condition", "Origin"]/>
                        <tbody class="nhsuk-table__body">
                            {variants.into_iter().map(|v| view! {
                                <tr class="nhsuk-table__row gom-variant">
                                    {cell("nhsuk-table__cell gom-gene", v.gene.clone().unwrap_or_default())}
                                    <td class="nhsuk-table__cell">
                                        {v.cdna_change.clone().unwrap_or_default()}
                                        {v.protein_change.clone().map(|p| view! { <br/>{p} }.into_any())}
                                        {v.genomic_change.clone().map(|g| view! { <br/><span class="nhsuk-body-s">{g}</span> }.into_any())}
                                        {v.variant_id.clone().map(|i| view! { <br/><span class="nhsuk-body-s">{i}</span> }.into_any())}
                                    </td>
                                    {cell("nhsuk-table__cell", v.zygosity.clone().unwrap_or_default())}
                                    {cell("nhsuk-table__cell gom-classification", v.classification.clone().unwrap_or_default())}
                                    {cell("nhsuk-table__cell", v.condition.clone().unwrap_or_default())}
                                    <td class="nhsuk-table__cell">
                                        {v.genomic_source.clone().unwrap_or_default()}
                                        {v.allele_frequency.clone().map(|f| view! { <br/><span class="nhsuk-body-s">{format!("VAF {f}")}</span> }.into_any())}
                                    </td>
                                </tr>
                            }.into_any()).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
