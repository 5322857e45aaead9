//! GraphDefinition link counts: from each focal entry, follow its GraphDefinition's links and
//! count, for every entry reached, how many neighbours each link has against its min..max.

use crate::graphdef::{self, GraphDefinition, Link, Path};
use crate::hash::FxSet;
use crate::refs::{BundleIndex, Resolution};

use super::LinkCount;

/// Deepest nesting followed (the definitions nest four levels).
const MAX_DEPTH: u32 = 8;

pub fn count(ix: &BundleIndex<'_, '_>, roots: &[u32]) -> Vec<LinkCount> {
    let mut out = Vec::new();
    let mut visited: FxSet<(u32, usize)> = FxSet::default();
    for &root in roots {
        let gd = definition(ix, root);
        walk(ix, root, gd.links, gd, 0, &mut visited, &mut out);
    }
    out
}

/// The GraphDefinition a focal entry follows.
fn definition(ix: &BundleIndex<'_, '_>, root: u32) -> &'static GraphDefinition {
    match ix.entry(root).and_then(|e| e.resource_type.as_deref()) {
        Some("DiagnosticReport") => &graphdef::TEST_RESULT,
        Some("RequestGroup") => &graphdef::RESULTS_GROUP,
        _ if requisition_peers(ix, root).next().is_some() => &graphdef::TEST_ORDERS_GROUP,
        _ => &graphdef::TEST_ORDER,
    }
}

fn walk(
    ix: &BundleIndex<'_, '_>,
    entry: u32,
    links: &'static [Link],
    gd: &'static GraphDefinition,
    depth: u32,
    visited: &mut FxSet<(u32, usize)>,
    out: &mut Vec<LinkCount>,
) {
    let key = (entry, links.as_ptr() as usize);
    if depth > MAX_DEPTH || !visited.insert(key) {
        return;
    }
    let own_type = ix.entry(entry).and_then(|e| e.resource_type.as_deref()).unwrap_or_default().to_owned();
    for l in links {
        let hops = hops(ix, entry, &own_type, l);
        out.push(LinkCount {
            definition: gd.name,
            from: entry,
            link: l.name,
            min: l.min,
            max: l.max,
            count: hops.len() as u32,
        });
        for (next, ty) in hops {
            let (Some(next), Some(ty)) = (next, ty) else { continue };
            if let Some(t) = l.targets.iter().find(|t| t.ty == ty).filter(|t| !t.links.is_empty()) {
                walk(ix, next, t.links, gd, depth + 1, visited, out);
            }
        }
    }
}

/// The neighbours of `entry` through one link: (entry when in the Bundle, its type when known).
fn hops(ix: &BundleIndex<'_, '_>, entry: u32, own_type: &str, l: &Link) -> Vec<(Option<u32>, Option<String>)> {
    let forward = |r: &crate::refs::Reference<'_, '_>| {
        let inside = matches!(r.resolution, Resolution::Entry | Resolution::EntryById);
        (r.target().filter(|_| inside), r.target_type.as_deref().map(str::to_owned))
    };
    match l.path {
        Path::Forward(el) => ix.refs_from(entry).iter().filter(|r| ix.element(r) == el).map(forward).collect(),
        Path::Extension(url) => {
            let own = ix.entry(entry).and_then(|e| e.resource).map(|v| v.id());
            ix.refs_from(entry)
                .iter()
                .filter(|r| {
                    r.extension_url().as_deref() == Some(url)
                        && ix.element(r).split('.').next() == Some(own_type)
                        && Some(r.resource().id()) == own
                })
                .map(forward)
                .collect()
        }
        Path::Reverse(el) => {
            let source_type = el.split('.').next().unwrap_or_default();
            ix.refs_to(entry)
                .filter(|r| ix.element(r) == el)
                .filter_map(|r| r.source())
                .filter(|s| ix.entry(*s).and_then(|e| e.resource_type.as_deref()) == Some(source_type))
                .map(|s| (Some(s), Some(source_type.to_owned())))
                .collect()
        }
        Path::Requisition => {
            requisition_peers(ix, entry).map(|s| (Some(s), Some("ServiceRequest".to_owned()))).collect()
        }
    }
}

/// Other ServiceRequests with the same `requisition`.
fn requisition_peers<'i>(ix: &'i BundleIndex<'_, '_>, entry: u32) -> impl Iterator<Item = u32> + 'i {
    let key = |e: u32| {
        let req = ix.entry(e)?.resource?.get("requisition")?;
        Some((req.get_str("system").unwrap_or_default().into_owned(), req.get_str("value")?.into_owned()))
    };
    let mine = key(entry);
    ix.entries()
        .iter()
        .filter(move |o| {
            o.index != entry
                && o.resource_type.as_deref() == Some("ServiceRequest")
                && mine.is_some()
                && key(o.index) == mine
        })
        .map(|o| o.index)
}
