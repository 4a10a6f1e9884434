//! The layering of `src/` is the one ARCHITECTURE.md states: every module imports only
//! the modules its row of the table "Layers: what each module may import" names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::root;

/// The table of ARCHITECTURE.md: module → the modules it may import (`None`: any).
fn allowed() -> BTreeMap<String, Option<BTreeSet<String>>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = text.find("## Layers: what each module may import").unwrap();
    let mut table = BTreeMap::new();
    for line in text[start..].lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let module = cells[1].trim_matches('`').to_owned();
        let may = if cells[2] == "any" {
            None
        } else {
            Some(backticked(cells[2]))
        };
        table.insert(module, may);
    }
    table
}

/// The words in backticks of a cell: `` `check`, `data` (…) `` → check, data.
fn backticked(cell: &str) -> BTreeSet<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The top-level modules a file names through `crate::…`, outside its tests.
fn imports(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            // `use crate::{input, source::Span}`: the first word of each path.
            Some(group) => group[..group.find('}').unwrap_or(group.len())]
                .split(',')
                .filter_map(|path| path.trim().split("::").next())
                .collect(),
            None => rest
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .take(1)
                .collect(),
        };
        found.extend(
            names
                .into_iter()
                .filter(|n| modules.contains(*n))
                .map(str::to_owned),
        );
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_imports_only_what_architecture_md_allows() {
    let table = allowed();
    let modules: BTreeSet<String> = table.keys().cloned().collect();
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs");
        if matches!(module, "lib" | "main") {
            continue;
        }
        let Some(may) = table.get(module) else {
            wrong.push(format!(
                "src/{module} is not in ARCHITECTURE.md's table of layers"
            ));
            continue;
        };
        let Some(may) = may else { continue };
        let text = std::fs::read_to_string(&file).unwrap();
        for import in imports(&text, &modules) {
            if import != module && !may.contains(&import) {
                wrong.push(format!("{} imports `{import}`", relative.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scan_sees_grouped_and_inline_paths() {
    let modules: BTreeSet<String> = ["check", "ir", "source", "input"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let text = "use crate::{input, source::Span};\nfn f(x: &crate::check::Checked) {}\n\
                #[cfg(test)]\nmod tests { use crate::ir::Expr; }";
    let found: Vec<String> = imports(text, &modules).into_iter().collect();
    assert_eq!(found, ["check", "input", "source"]);
}
