//! Forms as data (`Form`, `Node`, `Row`'s leaves) and their TOML, JSON and YAML renderings.

use super::*;

// ── Forms as data, and their three renderings ─────────────────────────────

/// A value as a project file writes it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Lit {
    /// A quoted string.
    Str(String),
    /// A bare number literal, written exactly as the text says.
    Num(String),
    /// A date: bare in TOML and YAML, a string in JSON.
    Date(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    Leaf(Lit),
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
}

/// A project file: its top-level sections in file order.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Form(pub(super) Vec<(String, Node)>);

pub(super) fn text(s: &str) -> Node {
    Node::Leaf(Lit::Str(s.to_owned()))
}

/// A number, bare or quoted (the loaders take both; the choice is part of the form).
pub(super) fn number(n: &str, bare: bool) -> Node {
    if bare {
        Node::Leaf(Lit::Num(n.to_owned()))
    } else {
        Node::Leaf(Lit::Str(n.to_owned()))
    }
}

/// A quoted string as JSON writes it; TOML basic strings and YAML double-quoted
/// scalars read the same escapes.
pub(super) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// How a rendering writes what every format can write in more than one way.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Style {
    /// Strings as TOML literal strings (`'…'`), as JSON escapes of every non-ASCII
    /// character (`"\u5145\u5206"`), or as YAML plain scalars where that reads the same.
    pub(super) alt: bool,
    /// Lines end in CR LF.
    pub(super) crlf: bool,
    /// A UTF-8 byte-order mark first.
    pub(super) bom: bool,
}

/// A quoted JSON string with every non-ASCII character escaped.
pub(super) fn ascii_quoted(s: &str) -> String {
    let mut out = String::new();
    for c in quoted(s).chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(out, "\\u{unit:04x}").unwrap();
            }
        }
    }
    out
}

/// Whether YAML reads `s` written plain as the text `s` (or as a number whose exact
/// decimal is written `s`, which a measure takes for its value and a text field as the
/// text it is written as). Conservative: no leading indicator, no `:` or `#`, no outer
/// spaces, no null or boolean word, no number written otherwise than its decimal (`1e2`,
/// thirty digits).
pub(super) fn yaml_plain(s: &str) -> bool {
    let numeric = s.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-._".contains(c));
    if numeric && Decimal::from_str_exact(s).map(|d| d.to_string()) != Ok(s.to_owned()) {
        return false;
    }
    let first = s.chars().next();
    first.is_some_and(|c| !"-?:,[]{}#&*!|>'\"%@`".contains(c) && !c.is_whitespace())
        && s.trim() == s
        && !s.contains([':', '#'])
        && !s.chars().any(char::is_control)
        && ![
            "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        ]
        .contains(&s)
}

pub(super) fn lit(l: &Lit, format: Format, style: Style) -> String {
    match (l, format) {
        (Lit::Str(s), Format::Toml)
            if style.alt && !s.contains('\'') && !s.chars().any(char::is_control) =>
        {
            format!("'{s}'")
        }
        (Lit::Str(s), Format::Json) if style.alt => ascii_quoted(s),
        (Lit::Str(s), Format::Yaml) if style.alt && yaml_plain(s) => s.clone(),
        (Lit::Str(s), _) | (Lit::Date(s), Format::Json) => quoted(s),
        (Lit::Num(n), _) | (Lit::Date(n), _) => n.clone(),
    }
}

impl Form {
    pub(super) fn render(&self, format: Format) -> String {
        self.render_styled(format, Style::default())
    }

    pub(super) fn render_styled(&self, format: Format, style: Style) -> String {
        let mut out = String::new();
        match format {
            Format::Toml => toml_table(&mut out, "", &self.0, style),
            Format::Json => {
                json_map(&mut out, &self.0, 0, style);
                out.push('\n');
            }
            Format::Yaml => yaml_map(&mut out, &self.0, 0, style),
        }
        if style.crlf {
            out = out.replace('\n', "\r\n");
        }
        if style.bom {
            out.insert(0, '\u{FEFF}');
        }
        out
    }
}

pub(super) fn toml_table(out: &mut String, path: &str, entries: &[(String, Node)], style: Style) {
    for (key, node) in entries {
        if let Node::Leaf(l) = node {
            writeln!(out, "{key} = {}", lit(l, Format::Toml, style)).unwrap();
        }
    }
    for (key, node) in entries {
        let path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match node {
            Node::Leaf(_) => {}
            Node::Map(m) => {
                writeln!(out, "\n[{path}]").unwrap();
                toml_table(out, &path, m, style);
            }
            Node::List(items) => {
                for item in items {
                    if let Node::Map(m) = item {
                        writeln!(out, "\n[[{path}]]").unwrap();
                        toml_table(out, &path, m, style);
                    }
                }
            }
        }
    }
}

pub(super) fn json_node(out: &mut String, node: &Node, indent: usize, style: Style) {
    match node {
        Node::Leaf(l) => out.push_str(&lit(l, Format::Json, style)),
        Node::Map(m) => json_map(out, m, indent, style),
        Node::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&" ".repeat(indent + 2));
                json_node(out, item, indent + 2, style);
            }
            if !items.is_empty() {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
            }
            out.push(']');
        }
    }
}

pub(super) fn json_map(out: &mut String, entries: &[(String, Node)], indent: usize, style: Style) {
    out.push('{');
    for (i, (key, node)) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        write!(out, "{}{}: ", " ".repeat(indent + 2), quoted(key)).unwrap();
        json_node(out, node, indent + 2, style);
    }
    if !entries.is_empty() {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
    }
    out.push('}');
}

pub(super) fn yaml_map(out: &mut String, entries: &[(String, Node)], indent: usize, style: Style) {
    let pad = " ".repeat(indent);
    for (key, node) in entries {
        match node {
            Node::Leaf(l) => writeln!(out, "{pad}{key}: {}", lit(l, Format::Yaml, style)).unwrap(),
            Node::Map(m) if m.is_empty() => writeln!(out, "{pad}{key}: {{}}").unwrap(),
            Node::List(items) if items.is_empty() => writeln!(out, "{pad}{key}: []").unwrap(),
            Node::Map(m) => {
                writeln!(out, "{pad}{key}:").unwrap();
                yaml_map(out, m, indent + 2, style);
            }
            Node::List(items) => {
                writeln!(out, "{pad}{key}:").unwrap();
                for item in items {
                    let Node::Map(m) = item else { continue };
                    // `- ` then the item's first key on the same line, the rest below it.
                    let mut block = String::new();
                    yaml_map(&mut block, m, indent + 4, style);
                    let block = block.replacen(&" ".repeat(indent + 4), &format!("{pad}  - "), 1);
                    out.push_str(&block);
                }
            }
        }
    }
}
