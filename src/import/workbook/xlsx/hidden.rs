//! Rows and columns a workbook hides. calamine reads their cells like any other and does
//! not say they are hidden; a reviewer who prints the sheet does not see them. They are
//! read all the same (leaving out a row could leave out an indicator unseen); a hidden
//! row or column a value is read from is named in the report (`hidden-row`,
//! `hidden-column`, by `place`).
//!
//! Best effort: a part that cannot be found or read gives no note (calamine reports
//! a damaged workbook itself).

use std::collections::{BTreeSet, HashMap};

use quick_xml::events::{BytesStart, Event};

use crate::i18n::t;
use crate::import::archive::{self, Zip};
use crate::import::error::ImportError;
use crate::import::workbook::{FORMAT, HiddenColumns, MAX_ROWS, damaged};

/// The part of each sheet, by the sheet's name: `xl/worksheets/sheet1.xml`.
pub(super) fn sheet_parts(zip: &mut Zip<'_>) -> HashMap<String, String> {
    let read = |zip: &mut Zip<'_>, name: &str| {
        archive::read_part(zip, name, FORMAT)
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    let (folder, name) = workbook_part(&read(zip, "_rels/.rels"));
    let workbook = read(zip, &format!("{folder}{name}"));
    let rels = read(zip, &format!("{folder}_rels/{name}.rels"));
    let targets: HashMap<String, String> = elements(&rels, "Relationship")
        .into_iter()
        .filter_map(|e| Some((attribute(&e, "Id")?, attribute(&e, "Target")?)))
        .collect();
    elements(&workbook, "sheet")
        .into_iter()
        .filter_map(|e| {
            let target = targets.get(&attribute(&e, "id")?)?;
            let part = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("{folder}{target}"),
            };
            Some((attribute(&e, "name")?, part))
        })
        .collect()
}

/// The workbook's part as calamine finds it: the folder (`xl/`) and the name
/// (`workbook.xml`) the package's `officeDocument` relationship gives, those two
/// where it gives none. Every sheet's part is found from it, so that each sheet
/// calamine reads is scanned ([`scan`]) wherever the package puts it.
fn workbook_part(package_rels: &[u8]) -> (String, String) {
    let target = elements(package_rels, "Relationship")
        .into_iter()
        .filter(|e| attribute(e, "Type").is_some_and(|t| t.ends_with("/officeDocument")))
        .find_map(|e| attribute(&e, "Target"));
    let Some(target) = target else {
        return ("xl/".to_owned(), "workbook.xml".to_owned());
    };
    let (folder, name) = target
        .rsplit_once('/')
        .map_or(("", target.as_str()), |(f, n)| (f, n));
    let folder = folder.strip_prefix('/').unwrap_or(folder);
    let folder = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    (folder, name.to_owned())
}

/// What a sheet hides: 0-based rows and columns.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Hidden {
    pub(super) rows: BTreeSet<usize>,
    pub(super) columns: BTreeSet<usize>,
}

/// The rows (`<row hidden="1">`) and columns (`<col min max hidden="1">`) the sheet
/// `name`'s part hides, within the sheet's bounds; read before calamine reads the
/// sheet, so that a cell reference past a sheet's bounds is refused first
/// ([`super::address`]).
pub(super) fn scan(zip: &mut Zip<'_>, part: &str, name: &str) -> Result<Hidden, ImportError> {
    let xml = archive::read_part(zip, part, FORMAT)
        .ok()
        .flatten()
        .unwrap_or_default();
    let mut rows = BTreeSet::new();
    let mut columns = HiddenColumns::default();
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut cells = super::cells::Check::default();
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        if let Some(wrong) = cells.see(&event) {
            return Err(wrong_cells(name, wrong));
        }
        let element = match event {
            Event::Start(e) | Event::Empty(e) => e,
            _ => continue,
        };
        if !is_hidden(&element) {
            continue;
        }
        let number = |name: &str| attribute(&element, name)?.parse::<u32>().ok();
        match element.local_name().as_ref() {
            "row" => {
                if let Some(row) = number("r").filter(|r| (1..=bound(MAX_ROWS)).contains(r)) {
                    rows.insert(to_usize(row - 1));
                }
            }
            "col" => {
                let (Some(min), Some(max)) = (number("min"), number("max")) else {
                    continue;
                };
                columns.hide(to_usize(min.max(1) - 1), to_usize(max));
            }
            _ => {}
        }
    }
    Ok(Hidden {
        rows,
        columns: columns.columns(),
    })
}

/// The error of what a sheet's cells show wrong.
fn wrong_cells(name: &str, wrong: super::cells::Wrong) -> ImportError {
    let shown = |text: &str| crate::text::visible(&crate::text::brief(text, 40)).into_owned();
    damaged(match wrong {
        super::cells::Wrong::OutOfBounds(address) => {
            t!(IMPORT_CELL_OUT_OF_SHEET, name, address = shown(&address))
        }
        super::cells::Wrong::SharedIndex(cell, index) => {
            t!(
                IMPORT_SHARED_INDEX,
                name,
                cell = shown(&cell),
                index = shown(&index)
            )
        }
    })
}

/// Whether a `<row>` or `<col>` is hidden: so marked, or made zero high or zero wide,
/// which shows it no more than hiding does.
fn is_hidden(element: &BytesStart<'_>) -> bool {
    let zero = |size: Option<String>| {
        size.is_some_and(|s| s.contains('0') && s.trim().chars().all(|c| c == '0' || c == '.'))
    };
    attribute(element, "hidden").is_some_and(|h| h == "1" || h == "true")
        || match element.local_name().as_ref() {
            "row" => zero(attribute(element, "ht")),
            "col" => zero(attribute(element, "width")),
            _ => false,
        }
}

fn to_usize(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn bound(limit: usize) -> u32 {
    u32::try_from(limit).unwrap_or(u32::MAX)
}

/// Every element named `local` (start or empty) in `xml`, in order.
fn elements(xml: &[u8], local: &str) -> Vec<BytesStart<'static>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => {
                found.push(e.into_owned());
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    found
}

/// The value of the attribute whose local name is `local` (`r:id` is `id`), unescaped.
pub(super) fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}
