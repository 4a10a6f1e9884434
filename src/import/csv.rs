//! CSV files, as Excel, WPS and office systems write them: UTF-8 with or without a
//! byte-order mark, GB18030 (GBK, what a Chinese Excel writes by default), or UTF-16
//! with a byte-order mark (Excel's "Unicode text"); fields separated by commas, tabs
//! or semicolons; quotes as RFC 4180 has them.
//!
//! The file is decoded to UTF-8 first; the grid's one sheet keeps that text
//! ([`Sheet::text`]) and each cell the byte range of its text in it ([`Cell::at`]):
//! inside the quotes for a quoted field, doubled quotes included. The `csv` crate is
//! not used, as it gives fields unquoted but not where they are. Every field is
//! text: CSV has no numbers, only what was typed.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::error::ImportError;
use super::grid::{Cell, CellValue, Sheet, Workbook};
use super::workbook::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::i18n::t;

/// The delimiters tried, in order of preference.
const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// How many non-blank records the delimiter is guessed from.
const SNIFFED_RECORDS: usize = 20;

/// What errors call the file.
fn the_file() -> String {
    t!(IMPORT_THE_FILE)
}

/// Reads a CSV file into one sheet named `""` whose [`Sheet::text`] is the file as
/// decoded. Empty fields are [`CellValue::Empty`]; trailing empty fields of a row are
/// left out. A note says when the file was not UTF-8 or its fields are not separated
/// by commas.
///
/// # Errors
///
/// The bytes are no text of a known encoding ([`ImportError::UnknownEncoding`]), or
/// the file has more than 100,000 rows, a value past column 1,000, or more than
/// 2,000,000 cells.
pub fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let mut notes = Vec::new();
    let (text, encoding_note) = decode(bytes)?;
    notes.extend(encoding_note);
    let delimiter = sniff(&text);
    if let Some(note) = delimiter_note(delimiter) {
        notes.push(note);
    }
    let rows = parse(&text, delimiter)?;
    let sheet = Sheet {
        name: String::new(),
        rows,
        text: Some(text),
        hidden_rows: std::collections::BTreeSet::new(),
    };
    Ok(Workbook {
        sheets: vec![sheet],
        notes,
    })
}

/// The note for a delimiter other than the comma.
fn delimiter_note(delimiter: u8) -> Option<String> {
    match delimiter {
        b'\t' => Some(t!(IMPORT_NOTE_TABS)),
        b';' => Some(t!(IMPORT_NOTE_SEMICOLONS)),
        _ => None,
    }
}

/// The file as UTF-8 text, and a note when it was another encoding.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((utf8(rest)?, None));
    }
    for (bom, encoding) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = decode_strictly(encoding, rest)?;
            return Ok((text, Some(t!(IMPORT_NOTE_UTF16))));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((not_binary(text)?.to_owned(), None)),
        Err(error) => match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => Ok((not_binary(&text)?.to_owned(), Some(t!(IMPORT_NOTE_GB18030)))),
            None => Err(bad_byte(bytes, error.valid_up_to())),
        },
    }
}

/// UTF-8 bytes as text.
fn utf8(bytes: &[u8]) -> Result<String, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(not_binary(text)?.to_owned()),
        Err(error) => Err(bad_byte(bytes, error.valid_up_to())),
    }
}

/// `bytes` in `encoding`, refused at the first sequence that is not.
fn decode_strictly(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(not_binary(&text)?.to_owned());
    }
    // The line of the first bad sequence, in the text as decoded with replacements.
    let (lossy, _) = encoding.decode_without_bom_handling(bytes);
    let at = lossy.find('\u{FFFD}').unwrap_or(lossy.len());
    Err(bad_byte(lossy.as_bytes(), at))
}

/// Refuses text with a NUL, which no CSV file has and binary files (and UTF-16 text
/// without a byte-order mark) do.
fn not_binary(text: &str) -> Result<&str, ImportError> {
    match text.find('\0') {
        Some(at) => Err(bad_byte(text.as_bytes(), at)),
        None => Ok(text),
    }
}

/// The error for the byte at `at` of `bytes`.
fn bad_byte(bytes: &[u8], at: usize) -> ImportError {
    ImportError::UnknownEncoding {
        line: line_of(bytes, at),
    }
}

/// The 1-based line of the byte at `at` of `bytes`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    let before = bytes.get(..at).unwrap_or(bytes);
    memchr::memchr_iter(b'\n', before).count().saturating_add(1)
}

/// The delimiter of the first non-blank records: the one that splits them all into
/// the same number of fields, the most fields first; else the one that splits them
/// the most; else the comma.
fn sniff(text: &str) -> u8 {
    let mut best = (false, 0, b',');
    for delimiter in DELIMITERS {
        let mut counts = Vec::new();
        let sampled = records(text, delimiter, |row| {
            if !row.cells.is_empty() || row.fields > 1 {
                counts.push(row.fields);
            }
            Ok(counts.len() < SNIFFED_RECORDS)
        });
        // A record too wide for the bounds ends the sample, and counts as that wide.
        if let Err(ImportError::TooManyColumns { columns, .. }) = sampled {
            counts.push(columns);
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        let consistent = counts.iter().all(|c| *c == most);
        if most > 1 && (consistent, most) > (best.0, best.1) {
            best = (consistent, most, delimiter);
        }
    }
    best.2
}

/// A field as parsed: its value, and where its text is.
struct Field {
    value: String,
    start: usize,
    end: usize,
}

/// The rows of `text`, fields separated by `delimiter`, within the bounds.
fn parse(text: &str, delimiter: u8) -> Result<Vec<Vec<Cell>>, ImportError> {
    let mut rows = Vec::new();
    let mut cells: usize = 0;
    records(text, delimiter, |row| {
        cells = cells.saturating_add(row.cells.len());
        rows.push(row.cells);
        check_size(rows.len(), cells)?;
        Ok(true)
    })?;
    Ok(rows)
}

/// Calls `each` with every record of `text` until it returns `false`. A record ends
/// at `\n`, `\r\n` or `\r` outside quotes; a quoted field may hold delimiters, line
/// breaks and doubled quotes. Text after a closing quote is kept, as Excel does.
fn records(
    text: &str,
    delimiter: u8,
    mut each: impl FnMut(Row) -> Result<bool, ImportError>,
) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    let mut row = Row::default();
    let mut at = 0;
    while at < bytes.len() {
        let parsed = if bytes.get(at) == Some(&b'"') {
            quoted(text, at.saturating_add(1), delimiter)?
        } else {
            unquoted(text, at, delimiter)
        };
        at = parsed.end_of_text;
        row.push(parsed.field)?;
        match bytes.get(at) {
            Some(&b) if b == delimiter => {
                at = at.saturating_add(1);
                if at == bytes.len() {
                    row.push(Field {
                        value: String::new(),
                        start: at,
                        end: at,
                    })?;
                }
                continue;
            }
            Some(b'\r') if bytes.get(at.saturating_add(1)) == Some(&b'\n') => {
                at = at.saturating_add(2);
            }
            Some(_) => at = at.saturating_add(1),
            None => {}
        }
        if !each(std::mem::take(&mut row))? {
            return Ok(());
        }
    }
    if row.fields > 0 {
        each(row)?;
    }
    Ok(())
}

/// Refuses a file past [`MAX_ROWS`] or [`MAX_CELLS`].
fn check_size(rows: usize, cells: usize) -> Result<(), ImportError> {
    if rows > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            sheet: the_file(),
            rows,
            limit: MAX_ROWS,
        });
    }
    if cells > MAX_CELLS {
        return Err(ImportError::TooManyCells {
            sheet: the_file(),
            cells,
            limit: MAX_CELLS,
        });
    }
    Ok(())
}

/// The fields of the record being read.
#[derive(Default)]
struct Row {
    /// Its cells, trailing empty ones left out.
    cells: Vec<Cell>,
    /// Fields read, the empty ones past the last value included.
    fields: usize,
    /// Empty fields since the last value, not yet kept.
    pending: Vec<Cell>,
}

impl Row {
    /// Adds a field; empty ones are kept only once a value follows them.
    fn push(&mut self, field: Field) -> Result<(), ImportError> {
        self.fields = self.fields.saturating_add(1);
        let empty = field.value.is_empty();
        let cell = Cell {
            value: if empty {
                CellValue::Empty
            } else {
                CellValue::Text(field.value)
            },
            at: Some((field.start, field.end)),
            ..Cell::default()
        };
        if empty {
            if self.fields <= MAX_COLUMNS {
                self.pending.push(cell);
            }
            return Ok(());
        }
        if self.fields > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                sheet: the_file(),
                columns: self.fields,
                limit: MAX_COLUMNS,
            });
        }
        self.cells.append(&mut self.pending);
        self.cells.push(cell);
        Ok(())
    }
}

/// A field and where its text ends in the file.
struct Parsed {
    field: Field,
    /// Just past the field: at its delimiter, line break or the end of the file.
    end_of_text: usize,
}

/// An unquoted field starting at `start`.
fn unquoted(text: &str, start: usize, delimiter: u8) -> Parsed {
    let bytes = text.as_bytes();
    let rest = bytes.get(start..).unwrap_or_default();
    let length = rest
        .iter()
        .position(|b| *b == delimiter || matches!(b, b'\r' | b'\n'))
        .unwrap_or(rest.len());
    let end = start.saturating_add(length);
    Parsed {
        field: Field {
            value: text.get(start..end).unwrap_or_default().to_owned(),
            start,
            end,
        },
        end_of_text: end,
    }
}

/// A quoted field whose text starts at `start`, just past its opening quote. A quote
/// that is never closed is an error where the lines after it would become the field's
/// text (Excel reads them so, and every field on them would be lost unseen); on the
/// last line it ends the field.
fn quoted(text: &str, start: usize, delimiter: u8) -> Result<Parsed, ImportError> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut at = start;
    let end = loop {
        let rest = bytes.get(at..).unwrap_or_default();
        let Some(quote) = rest.iter().position(|b| *b == b'"') else {
            let swallowed = text.get(at..).unwrap_or_default();
            if swallowed.contains(['\n', '\r']) {
                return Err(unclosed(bytes, start));
            }
            value.push_str(swallowed);
            break bytes.len();
        };
        let quote = at.saturating_add(quote);
        value.push_str(text.get(at..quote).unwrap_or_default());
        if bytes.get(quote.saturating_add(1)) == Some(&b'"') {
            value.push('"');
            at = quote.saturating_add(2);
            continue;
        }
        break quote;
    };
    let after = end.saturating_add(1).min(bytes.len());
    // Text between the closing quote and the delimiter (`"a"b`) belongs to the field.
    let stray = unquoted(text, after, delimiter);
    value.push_str(&stray.field.value);
    let end = if stray.field.value.is_empty() {
        end
    } else {
        stray.field.end
    };
    Ok(Parsed {
        field: Field { value, start, end },
        end_of_text: stray.end_of_text,
    })
}

/// The error of a quote opened just before `start` and never closed, naming its line.
fn unclosed(bytes: &[u8], start: usize) -> ImportError {
    let line = line_of(bytes, start);
    ImportError::corrupt(
        crate::i18n::msg!(IMPORT_THE_FILE),
        t!(IMPORT_UNCLOSED_QUOTE, line),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(book: &Workbook) -> Vec<Vec<String>> {
        book.sheets[0]
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::shown).collect())
            .collect()
    }

    fn texts_at(book: &Workbook) -> Vec<Vec<String>> {
        let sheet = &book.sheets[0];
        let text = sheet.text.as_deref().unwrap();
        sheet
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        let (start, end) = c.at.unwrap();
                        text[start..end].to_owned()
                    })
                    .collect()
            })
            .collect()
    }

    const FORM: &str = "项目名称,电子政务\n年初预算数,121.56\n产出指标,数量指标,95%\n";

    #[test]
    fn utf8_fields_are_text_where_they_are() {
        let book = read(FORM.as_bytes()).unwrap();
        assert_eq!(
            values(&book),
            [
                vec!["项目名称", "电子政务"],
                vec!["年初预算数", "121.56"],
                vec!["产出指标", "数量指标", "95%"],
            ]
        );
        assert_eq!(texts_at(&book), values(&book));
        assert!(book.notes.is_empty());
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "");
        assert_eq!(sheet.text.as_deref(), Some(FORM));
        assert_eq!(
            sheet.rows[1][1].value,
            CellValue::Text("121.56".into()),
            "CSV has no numbers"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), FORM.as_bytes()].concat();
        let book = read(&bytes).unwrap();
        assert_eq!(book.sheets[0].text.as_deref(), Some(FORM));
        assert_eq!(values(&book)[0], ["项目名称", "电子政务"]);
        assert!(book.notes.is_empty());
    }

    #[test]
    fn gb18030_is_read_with_a_note() {
        let (bytes, _, _) = GB18030.encode(FORM);
        assert!(std::str::from_utf8(&bytes).is_err());
        let book = read(&bytes).unwrap();
        assert_eq!(book.notes, ["read as GB18030 (GBK) text"]);
        assert_eq!(book.sheets[0].text.as_deref(), Some(FORM));
        assert_eq!(values(&book)[2], ["产出指标", "数量指标", "95%"]);
        assert_eq!(texts_at(&book), values(&book));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(FORM.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(FORM.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let book = read(&bytes).unwrap();
            assert_eq!(book.notes, ["read as UTF-16 text"]);
            assert_eq!(book.sheets[0].text.as_deref(), Some(FORM));
            assert_eq!(values(&book)[1], ["年初预算数", "121.56"]);
        }
    }

    #[test]
    fn quotes_hold_delimiters_line_breaks_and_doubled_quotes() {
        let text = "名称,说明\r\n\"电子,政务\",\"第一行\r\n第二行\"\r\n\"他说\"\"好\"\"\",x\r\n";
        let book = read(text.as_bytes()).unwrap();
        assert_eq!(
            values(&book),
            [
                vec!["名称", "说明"],
                vec!["电子,政务", "第一行\r\n第二行"],
                vec!["他说\"好\"", "x"],
            ]
        );
        assert_eq!(
            texts_at(&book),
            [
                vec!["名称", "说明"],
                vec!["电子,政务", "第一行\r\n第二行"],
                vec!["他说\"\"好\"\"", "x"],
            ]
        );
    }

    #[test]
    fn tabs_and_semicolons_are_found_and_noted() {
        let book = read("项目\t金额\t备注\n电子政务\t1,679.7\t无\n".as_bytes()).unwrap();
        assert_eq!(book.notes, ["fields separated by tabs"]);
        assert_eq!(values(&book)[1], ["电子政务", "1,679.7", "无"]);
        let book = read("项目;金额\n电子政务;1679,7\n".as_bytes()).unwrap();
        assert_eq!(book.notes, ["fields separated by semicolons"]);
        assert_eq!(values(&book)[1], ["电子政务", "1679,7"]);
        // A comma inside one field does not outvote the tabs that split every line.
        let book = read("a\tb,c\nd\te\n".as_bytes()).unwrap();
        assert_eq!(book.notes, ["fields separated by tabs"]);
    }

    #[test]
    fn empty_fields_are_empty_and_trailing_ones_left_out() {
        let book = read("a,,b,,\n,,\n\nc".as_bytes()).unwrap();
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].len(), 3);
        assert_eq!(rows[0][1].value, CellValue::Empty);
        assert_eq!(rows[0][1].at, Some((2, 2)));
        assert!(rows[1].is_empty() && rows[2].is_empty());
        assert_eq!(
            rows[3],
            [Cell {
                value: CellValue::Text("c".into()),
                at: Some((11, 12)),
                ..Cell::default()
            }]
        );
    }

    #[test]
    fn text_of_no_known_encoding_names_its_line() {
        // A lone 0xFF is neither UTF-8 nor GB18030.
        let error = read(b"a,b\nc,d\ne,\xFF\n").unwrap_err();
        assert_eq!(error, ImportError::UnknownEncoding { line: 3 });
        // UTF-16 without a byte-order mark has NULs.
        let bytes: Vec<u8> = "a,b".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::unknown_encoding");
        // A UTF-16 byte-order mark with half a character after it.
        let error = read(&[0xFF, 0xFE, 0x61]).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::unknown_encoding");
    }

    #[test]
    fn a_file_of_200000_rows_is_refused() {
        let text = "1,2\n".repeat(200_000);
        let error = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            error,
            ImportError::TooManyRows {
                sheet: "the file".into(),
                rows: 100_001,
                limit: 100_000
            }
        );
        // Reading stops at the limit, so the message does not call that the file's size.
        assert_eq!(
            error.to_string(),
            "the file has more than the 100000 rows a form may have (reading stopped at row 100001)"
        );
    }

    #[test]
    fn wide_rows_and_many_cells_are_refused() {
        let wide = format!("{}x\n", ",".repeat(1_000));
        assert_eq!(
            read(wide.as_bytes()).unwrap_err().code(),
            "perfeval::import::too_many_columns"
        );
        // Trailing empty fields cost nothing and pass.
        let padded = format!("x{}\n", ",".repeat(5_000));
        assert_eq!(read(padded.as_bytes()).unwrap().sheets[0].rows[0].len(), 1);
        // Empty fields before a value are kept: 1,000 cells a row.
        let many = format!("{}x\n", ",".repeat(999)).repeat(2_001);
        assert_eq!(
            read(many.as_bytes()).unwrap_err().code(),
            "perfeval::import::too_many_cells"
        );
    }

    #[test]
    fn an_unclosed_quote_on_the_last_line_ends_with_the_file() {
        let book = read(b"x\na,\"b,c").unwrap();
        assert_eq!(values(&book), [vec!["x"], vec!["a", "b,c"]]);
        assert_eq!(read(b"").unwrap().sheets[0].rows.len(), 0);
    }

    /// A quote never closed would make the rest of the file one field: refused, naming
    /// the line it opens on; on the last line it only ends the field.
    #[test]
    fn a_quote_never_closed_is_refused_where_it_would_swallow_lines() {
        let error = read("项目名称,a\n年度,\"2023\n合计,80\n".as_bytes()).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt");
        assert!(error.to_string().contains("line 2"), "{error}");
        let book = read("项目名称,\"a".as_bytes()).unwrap();
        assert_eq!(values(&book), [["项目名称", "a"]]);
    }
}
