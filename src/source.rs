//! Source files and byte spans, shared by every stage.
//!
//! A [`Span`] is a byte range into one [`SourceFile`]; stages store spans, never text
//! slices, so that the AST and the project data carry no lifetimes. The text is attached
//! once, where a diagnostic is rendered. Columns shown to people count characters, not
//! bytes, so that Chinese text points at the right place.

use std::fmt;
use std::sync::{Arc, OnceLock};

use miette::{MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A byte range `start..end` into one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets; offsets beyond `u32::MAX` are clamped (such files are
    /// refused by the loaders long before).
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The smallest span that covers both.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The length in bytes.
    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        SourceSpan::new((span.start as usize).into(), span.len())
    }
}

/// A 1-based line and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters (not bytes).
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A named source text: a ruleset or a project file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: Arc<str>,
    text: Arc<str>,
    /// What is computed from the text on first use, shared by clones.
    derived: Arc<Derived>,
}

/// Views of a source text built only when a diagnostic needs them.
#[derive(Debug, Default)]
struct Derived {
    /// Whether the text shows a sheet of cells, one row per line and cells separated by
    /// tabs (a workbook, rendered): places in it are cells, their columns counted in
    /// cells (`E23` is line 23, column 5), not characters.
    tabular: bool,
    /// Byte offsets where lines start: thousands of findings in one large file must not
    /// each scan the file from its start.
    lines: OnceLock<Vec<usize>>,
    /// The characters before each [`CHAR_BLOCK`] of bytes, made the first time a column
    /// is counted along a long line: a form written on one line (minified JSON) with
    /// thousands of findings must not count its characters from the line's start for
    /// each.
    chars: OnceLock<Vec<usize>>,
    /// The text as snippets show it, where it has control characters: the same bytes
    /// with those replaced, so that a form cannot drive the reviewer's terminal.
    shown: OnceLock<Option<Box<str>>>,
    /// Where the text is one line of a larger file (a project of a JSON Lines file).
    within: Option<Within>,
    /// The sheet a [`tabular`](SourceFile::tabular) text shows, where the workbook has
    /// other sheets and the name does not say it: cells are named on it (`自评表!G27`),
    /// since Excel opens on whichever sheet was last shown.
    sheet: Option<Arc<str>>,
}

/// The file a text is part of: one line of it (`forms.jsonl:3`, places in the line
/// shown as places in the file, `forms.jsonl:3:15`, so that an editor finds them), or one
/// of several forms stacked in it, shown as the whole file.
#[derive(Debug)]
struct Within {
    file: Arc<str>,
    /// The file's line the text's first line is.
    first_line: usize,
    /// Whether the text is one line of the file (a whole form on one line): its snippets
    /// are cut to the characters around a place.
    one_line: bool,
}

impl SourceFile {
    /// A source text with the name shown in diagnostics (usually its path).
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            derived: Arc::default(),
        }
    }

    /// A sheet shown as text, one row per line and its cells separated by tabs: places
    /// in it are reported as cells (line = row, column = the cell's column).
    pub fn tabular(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            derived: Arc::new(Derived {
                tabular: true,
                ..Derived::default()
            }),
        }
    }

    /// Line `line` (from 1) of the file `file`, holding one project (JSON Lines): named
    /// `file:line`, its places reported as places in the file (line `line`, the column
    /// counted along it), and its diagnostics headed with the file's name.
    pub fn line_of(file: &str, line: usize, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: format!("{file}:{line}").into(),
            text: text.into(),
            derived: Arc::new(Derived {
                within: Some(Within {
                    file: file.into(),
                    first_line: line,
                    one_line: true,
                }),
                ..Derived::default()
            }),
        }
    }

    /// The file `file` of several forms stacked one under another (a text export or a
    /// sheet of several projects), shown whole (`tabular` as [`SourceFile::tabular`]):
    /// each form is the file [`named`](SourceFile::named) by its first label's line, its
    /// places and diagnostics the file's, all sharing the text and its line index (a
    /// file of thousands of forms is indexed once).
    pub fn stacked(file: &str, text: impl Into<Arc<str>>, tabular: bool) -> Self {
        SourceFile {
            name: file.into(),
            text: text.into(),
            derived: Arc::new(Derived {
                tabular,
                within: Some(Within {
                    file: file.into(),
                    first_line: 1,
                    one_line: false,
                }),
                ..Derived::default()
            }),
        }
    }

    /// The same text under another name (`forms.txt:41`, one form of a
    /// [`stacked`](SourceFile::stacked) file), sharing what is computed from it.
    #[must_use]
    pub fn named(&self, name: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: Arc::clone(&self.text),
            derived: Arc::clone(&self.derived),
        }
    }

    /// The file the text is in: its name, or for a line of a larger file
    /// ([`SourceFile::line_of`]) that file's name.
    #[must_use]
    pub fn file(&self) -> &str {
        match &self.derived.within {
            Some(within) => &within.file,
            None => &self.name,
        }
    }

    /// The same sheet, its cells named on the sheet `sheet` (`自评表!G27`): a form on one
    /// sheet of a workbook of several. A text shared already is left as it is.
    #[must_use]
    pub fn on_sheet(mut self, sheet: &str) -> Self {
        if let Some(derived) = Arc::get_mut(&mut self.derived) {
            derived.sheet = Some(sheet.into());
        }
        self
    }

    /// The address of the cell at `offset` (`E23`, or `自评表!E23` on a sheet of several),
    /// where the text shows a sheet.
    #[must_use]
    pub fn cell(&self, offset: u32) -> Option<String> {
        if !self.derived.tabular {
            return None;
        }
        let at = self.line_col(offset);
        let cell =
            crate::text::cell_address(at.line.saturating_sub(1), at.column.saturating_sub(1));
        Some(match &self.derived.sheet {
            Some(sheet) => format!("{}!{cell}", crate::text::sheet_reference(sheet)),
            None => cell,
        })
    }

    /// The name shown in diagnostics.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text under `span`, or `""` where the span does not fit the text.
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// The line and character column of a byte offset. An offset inside a character, or
    /// past the end, counts as the nearest character boundary before it.
    #[must_use]
    pub fn line_col(&self, offset: u32) -> LineCol {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        // INVARIANT: `starts` begins with 0, so the partition point is at least 1.
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let before = self.text.get(line_start..offset).unwrap_or("");
        let column = if self.derived.tabular {
            before.matches('\t').count() + 1
        } else if before.len() > CHAR_BLOCK {
            self.chars_before(offset) - self.chars_before(line_start) + 1
        } else {
            before.chars().count() + 1
        };
        let first = (self.derived.within.as_ref()).map_or(1, |within| within.first_line);
        LineCol {
            line: line + first.saturating_sub(1),
            column,
        }
    }
}

/// The bytes of a block of [`Derived::chars`]: a column along a line longer than this
/// is counted from the blocks' counts.
const CHAR_BLOCK: usize = 4096;

/// How many characters start in `bytes` (every byte but UTF-8's continuation bytes).
fn starts_of_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Characters shown on each side of what a snippet of a long line points at.
const AROUND: usize = 40;

/// The longest line, in bytes, a snippet shows whole: a form's own lines are far shorter
/// (a row of the indicator table written on one line is under 300), and a line longer is
/// most often a whole form written on one (a JSON export).
const LONG_LINE: usize = 400;

/// The offset [`AROUND`] characters before `offset`, not before `floor`.
fn back(text: &str, offset: usize, floor: usize) -> usize {
    let head = text.get(floor..offset).unwrap_or("");
    head.char_indices()
        .rev()
        .nth(AROUND - 1)
        .map_or(floor, |(at, _)| floor + at)
}

/// The offset [`AROUND`] characters after `offset`, not after `ceiling`.
fn forward(text: &str, offset: usize, ceiling: usize) -> usize {
    let tail = text.get(offset..ceiling).unwrap_or("");
    tail.char_indices()
        .nth(AROUND)
        .map_or(ceiling, |(at, _)| offset + at)
}

fn line_starts(text: &str) -> Vec<usize> {
    // `memchr_iter` looks for line breaks many bytes at a time, and costs little per
    // break found (a report locates findings in every project it writes).
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect()
}

/// miette reads spans through this impl. It delegates to `str` and then corrects the
/// column, which miette counts in bytes, to a count of characters: the
/// `file:line:column` header of a diagnostic must point at the right Chinese character.
impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        // Hand miette only the lines around the span: it scans what it is given from the
        // start, and a large file with many findings must not be scanned once per finding.
        // One line more than asked on each side, so that miette finds the window's edges
        // exactly where it would find them in the whole text.
        let mut window_start = self.window_start(span.offset(), context_lines_before + 1);
        let mut window_end = self.window_end(span.offset() + span.len(), context_lines_after + 1);
        let shown = self.shown();
        // A line of JSON Lines holds a whole form, and so does a form's JSON written on
        // one line: a snippet shows the part of the line around the place, not thousands
        // of characters (the header still gives the column), and no line around it.
        let snippet = context_lines_before + context_lines_after > 0;
        let (first, last) = (
            self.line_around(span.offset()),
            self.line_around(span.offset() + span.len()),
        );
        let long = |(start, end): (usize, usize)| end.saturating_sub(start) > LONG_LINE;
        let one_line = (self.derived.within.as_ref()).is_some_and(|within| within.one_line);
        // A place alone (no line of context: a label's line and column) is read from a
        // window as narrow, or miette would count along the whole line for each.
        if (snippet && one_line) || long(first) || long(last) {
            window_start = back(shown, span.offset(), first.0);
            window_end = forward(shown, span.offset() + span.len(), last.1);
        }
        let window = shown.get(window_start..window_end).unwrap_or("");
        let local = SourceSpan::new(
            span.offset().saturating_sub(window_start).into(),
            span.len(),
        );
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let start = window_start + inner.span().offset();
        // Line and column from our own index, which breaks lines at `\n` only, as the
        // snippet is drawn: miette's count would also break at a lone `\r`.
        let at = self.line_col(u32::try_from(start).unwrap_or(u32::MAX));
        Ok(Box::new(MietteSpanContents::new_named(
            crate::text::visible(self.file()).into_owned(),
            inner.data(),
            SourceSpan::new(start.into(), inner.span().len()),
            at.line - 1,
            at.column - 1,
            inner.line_count(),
        )))
    }
}

impl SourceFile {
    /// How many characters the text has before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let blocks = self.derived.chars.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut before = vec![0];
            let mut count = 0;
            for block in bytes.chunks(CHAR_BLOCK) {
                count += starts_of_chars(block);
                before.push(count);
            }
            before
        });
        let block = offset / CHAR_BLOCK;
        let head = self.text.as_bytes().get(block * CHAR_BLOCK..offset);
        blocks.get(block).copied().unwrap_or(0) + head.map_or(0, starts_of_chars)
    }

    fn line_starts(&self) -> &[usize] {
        self.derived.lines.get_or_init(|| line_starts(&self.text))
    }

    /// The text with control characters made harmless, byte offsets unchanged.
    fn shown(&self) -> &str {
        let shown = self
            .derived
            .shown
            .get_or_init(|| crate::text::displayable(&self.text).map(String::into_boxed_str));
        shown.as_deref().unwrap_or(&self.text)
    }

    /// Where the line holding `offset` starts, and where the next one does (or the text
    /// ends).
    fn line_around(&self, offset: usize) -> (usize, usize) {
        (self.window_start(offset, 0), self.window_end(offset, 0))
    }

    /// The start of the line `before` lines above the one holding `offset`, or of the
    /// line after the nearest long one above it: a line of context is shown whole, and a
    /// form's 100,000-character value on the line above a finding must not be.
    fn window_start(&self, offset: usize, before: usize) -> usize {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let mut first = line;
        while first > 0 && line - first < before && !self.long_line(first - 1) {
            first -= 1;
        }
        starts.get(first).copied().unwrap_or(0)
    }

    /// The end of the line `after` lines below the one holding `offset`, or of the line
    /// before the nearest long one below it.
    fn window_end(&self, offset: usize, after: usize) -> usize {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let mut end = line;
        while end < line + after && end < starts.len() && !self.long_line(end) {
            end += 1;
        }
        starts
            .get(end)
            .copied()
            .unwrap_or(self.text.len())
            .min(self.text.len())
    }

    /// Whether the line of index `line` (from 0) is longer than a snippet shows whole.
    fn long_line(&self, line: usize) -> bool {
        let starts = self.line_starts();
        let start = starts.get(line).copied().unwrap_or(self.text.len());
        let end = starts.get(line + 1).copied().unwrap_or(self.text.len());
        end.saturating_sub(start) > LONG_LINE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("t", "名称 = 1\n类别 = \"产出\"\n");
        let second_line = "名称 = 1\n".len();
        let offset = second_line + "类别 = ".len();
        assert_eq!(
            file.line_col(u32::try_from(offset).unwrap()),
            LineCol { line: 2, column: 6 }
        );
    }

    /// Along a line longer than a block, a column is counted from the blocks' counts
    /// (a form written on one line must not be counted from its start for each finding),
    /// and is the count of characters, multi-byte ones across a block's edge among them;
    /// a place alone (a label's line and column) is read from a narrow window, at the
    /// same line and column.
    #[test]
    fn a_column_far_along_a_long_line_counts_characters() {
        let text = format!("{{\n{}x{}\n", "名".repeat(5000), "称a".repeat(3000));
        let file = SourceFile::new("t", text.as_str());
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
            let expected = text[line_start..offset].chars().count() + 1;
            let at = file.line_col(u32::try_from(offset).unwrap());
            assert_eq!(at.column, expected, "at {offset}");
        }
        let x = text.find('x').unwrap();
        let place = file.read_span(&SourceSpan::new(x.into(), 1), 0, 0).unwrap();
        assert_eq!((place.line(), place.column()), (1, 5000));
        assert!(place.data().len() < 400, "{}", place.data().len());
    }

    #[test]
    fn a_line_of_a_file_is_placed_in_the_file() {
        let line = SourceFile::line_of("forms.jsonl", 3, "{\"名称\": 1}");
        assert_eq!(line.name(), "forms.jsonl:3");
        assert_eq!(line.file(), "forms.jsonl");
        assert_eq!(line.line_col(2), LineCol { line: 3, column: 3 });
        let plain = SourceFile::new("form.json", "{}");
        assert_eq!(plain.file(), "form.json");
    }

    /// What a snippet of `span` in `file` shows, one line around it asked for.
    fn snippet(file: &SourceFile, start: usize, len: usize) -> (String, usize, usize) {
        let contents = file
            .read_span(&SourceSpan::new(start.into(), len), 1, 1)
            .unwrap();
        let shown = std::str::from_utf8(contents.data()).unwrap().to_owned();
        (shown, contents.line(), contents.column())
    }

    /// A line far longer than a snippet shows whole (a form's JSON written on one line)
    /// is shown in part: [`AROUND`] characters on each side of the place and no line
    /// around it, placed where it is in the file.
    #[test]
    fn a_long_line_is_shown_around_the_place() {
        let line = format!(
            "{{\"a\": \"{}\", \"funds\": 1000, \"b\": \"{}\"}}",
            "说".repeat(1000),
            "y".repeat(3000)
        );
        let text = format!("{{}}\n{line}\n{{}}\n");
        let file = SourceFile::new("min.json", text.as_str());
        let at = text.find("1000").unwrap();
        let (shown, line, column) = snippet(&file, at, 4);
        assert_eq!(shown.chars().count(), 2 * AROUND + 4, "{shown}");
        assert!(
            shown.contains("\", \"funds\": 1000, \"b\": \"yyy"),
            "{shown}"
        );
        // The second line, from the 40th character before `1000` on.
        let before = line_before(&text, at);
        assert_eq!((line, column), (1, before - AROUND));
    }

    /// The characters of the line before `at`.
    fn line_before(text: &str, at: usize) -> usize {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        text[start..at].chars().count()
    }

    /// A long line around a finding's line is left out of its snippet, with the lines
    /// beyond it; the short ones between are shown.
    #[test]
    fn long_lines_around_are_left_out() {
        let wide = "x".repeat(LONG_LINE + 10);
        let text = format!("a = \"{wide}\"\nb = 1\nc = 2\nd = \"{wide}\"\ne = 3\n");
        let file = SourceFile::new("t.toml", text.as_str());
        let at = text.find("c = 2").unwrap_or_default();
        let (shown, line, column) = snippet(&file, at, 1);
        assert_eq!(shown, "b = 1\nc = 2\n");
        assert_eq!((line, column), (1, 0));
    }

    /// Lines no longer than a snippet shows whole are shown whole, with the lines around.
    #[test]
    fn short_lines_are_shown_with_the_lines_around() {
        let wide = "x".repeat(LONG_LINE - 10);
        let text = format!("a = 1\nb = \"{wide}\"\nc = 3\n");
        let file = SourceFile::new("t.toml", text.as_str());
        let (shown, line, column) = snippet(&file, 6, 1);
        assert_eq!(shown, text);
        assert_eq!((line, column), (0, 0));
    }

    #[test]
    fn an_offset_past_the_end_is_the_end() {
        let file = SourceFile::new("t", "ab\ncd");
        assert_eq!(file.line_col(99), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn an_offset_inside_a_character_counts_as_its_start() {
        let file = SourceFile::new("t", "名称");
        assert_eq!(file.line_col(1), LineCol { line: 1, column: 1 });
    }
}

/// Several source files in one address space, so that a span says which file it is in.
///
/// Each file is placed at a base offset after the previous one (with a gap, so that an
/// empty span at the end of a file is still inside it). Spans of a ruleset and of the
/// rulesets it extends are all offsets into this space; miette reads them through the
/// `SourceCode` impl, which names the right file.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<(u32, SourceFile)>,
}

impl Sources {
    /// One file at offset 0.
    #[must_use]
    pub fn single(file: SourceFile) -> Self {
        Sources {
            files: vec![(0, file)],
        }
    }

    /// Adds a file and returns the offset its spans start at.
    pub fn add(&mut self, file: SourceFile) -> u32 {
        let base = self.files.last().map_or(0, |(base, f)| {
            let end = u64::from(*base) + f.text().len() as u64 + 1;
            u32::try_from(end).unwrap_or(u32::MAX)
        });
        self.files.push((base, file));
        base
    }

    /// The file a span is in, and the span within that file.
    #[must_use]
    pub fn locate(&self, span: Span) -> Option<(&SourceFile, Span)> {
        let (base, file) = self
            .files
            .iter()
            .rev()
            .find(|(base, _)| *base <= span.start)?;
        let local = Span {
            start: span.start - base,
            end: span.end.saturating_sub(*base),
        };
        Some((file, local))
    }

    /// `file:line` of a span, for showing where something is defined.
    #[must_use]
    pub fn origin(&self, span: Span) -> Option<String> {
        let (file, local) = self.locate(span)?;
        Some(format!(
            "{}:{}",
            file.name(),
            file.line_col(local.start).line
        ))
    }

    /// The files, in the order they were added.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().map(|(_, f)| f)
    }
}

impl From<SourceFile> for Sources {
    fn from(file: SourceFile) -> Self {
        Sources::single(file)
    }
}

impl SourceCode for Sources {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        let global = Span::new(span.offset(), span.offset() + span.len());
        let (file, local) = self
            .locate(global)
            .ok_or(miette::MietteError::OutOfBounds)?;
        let contents = file.read_span(&local.into(), context_lines_before, context_lines_after)?;
        // Spans handed back must be in the shared space again.
        let base = global.start - local.start;
        let inner = contents.span();
        let shifted = SourceSpan::new((inner.offset() + base as usize).into(), inner.len());
        Ok(Box::new(MietteSpanContents::new_named(
            crate::text::visible(file.name()).into_owned(),
            contents.data(),
            shifted,
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}
