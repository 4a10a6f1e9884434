//! Every sentence perfeval writes, in English and in Chinese.
//!
//! The texts live in one catalogue ([`catalogue`]): each entry has a stable key (its
//! name, `PARSE_SYNTAX`), an English and a Chinese text, and `{name}` placeholders. Code
//! never writes a sentence itself: it renders an entry with the crate's `t!` macro in the
//! current [`Language`], which the command line sets once at startup and a library user
//! sets with [`set_language`] (English unless set). Nothing here decides what a message
//! says; codes (`perfeval::check::unit_mismatch`, `unit-mismatch`) and user input are
//! never translated.
//!
//! Texts are rendered when they are made: an error's message, help and labels when it
//! is displayed, a text kept in an error's field (a did-you-mean, a word such as
//! "category") when the error is built. The language is process-wide, so both agree.

pub mod catalogue;
pub mod reader;

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU8, Ordering};

/// A language perfeval writes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    /// English, the library's default.
    #[default]
    En,
    /// Chinese (简体中文).
    Zh,
}

impl Language {
    /// The language a locale asks for: `LC_ALL`, else `LC_MESSAGES`, else `LANG`, the
    /// first one set and not empty; English when it starts with `en` (`en_US.UTF-8`),
    /// Chinese otherwise: perfeval's users read Chinese, and a server's `C`, `POSIX` or
    /// unset locale says nothing of the person reading.
    #[must_use]
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Self {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty());
        match locale {
            Some(locale) if locale.to_ascii_lowercase().starts_with("en") => Language::En,
            _ => Language::Zh,
        }
    }

    /// The language of the process's locale (see [`Language::from_locale`]).
    #[must_use]
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok();
        Language::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }

    /// The language `--lang` names: `zh` or `en` (any case; `zh-CN`, `zh_TW`, `en_US`
    /// too); `None` for anything else.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        let base = name.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" => Some(Language::Zh),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every text rendered from now on, in every thread.
pub fn set_language(language: Language) {
    CURRENT.store(language as u8, Ordering::Relaxed);
}

thread_local! {
    static THIS_THREAD: std::cell::Cell<Option<Language>> = const { std::cell::Cell::new(None) };
}

/// The language texts are rendered in: this thread's while [`with_language`] runs,
/// else the process's.
#[must_use]
pub fn language() -> Language {
    if let Some(language) = THIS_THREAD.with(std::cell::Cell::get) {
        return language;
    }
    if CURRENT.load(Ordering::Relaxed) == Language::Zh as u8 {
        Language::Zh
    } else {
        Language::En
    }
}

/// Runs `f` with texts rendered in `language` on this thread only (other threads keep
/// the process's language): for tests, and for a text wanted in another language.
pub fn with_language<R>(language: Language, f: impl FnOnce() -> R) -> R {
    let before = THIS_THREAD.with(|l| l.replace(Some(language)));
    let result = f();
    THIS_THREAD.with(|l| l.set(before));
    result
}

/// One entry of the catalogue: a stable key and its text in each language. Placeholders
/// are `{name}`; `{{` and `}}` stand for `{` and `}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg {
    /// The stable key, the entry's name in the catalogue: `PARSE_SYNTAX`.
    pub key: &'static str,
    /// The English text.
    pub en: &'static str,
    /// The Chinese text.
    pub zh: &'static str,
}

impl Msg {
    /// The text in `language`, placeholders unfilled.
    #[must_use]
    pub fn text(&self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::Zh => self.zh,
        }
    }

    /// What a text this entry rendered, in either language, gave its placeholder `{last}`,
    /// the entry being written `…{first}…{last}` with `{last}` at its end: for
    /// `〔{at} 修改〕{line}`, `〔2024.rules:7 修改〕满分…` gives `满分…`. `None` for a text
    /// the entry did not render.
    #[must_use]
    pub fn filled_last<'t>(&self, text: &'t str, first: &str, last: &str) -> Option<&'t str> {
        let (first, last) = (format!("{{{first}}}"), format!("{{{last}}}"));
        [self.en, self.zh].into_iter().find_map(|template| {
            let (prefix, rest) = template.split_once(first.as_str())?;
            let infix = rest.strip_suffix(last.as_str())?;
            let (_, filled) = text.strip_prefix(prefix)?.split_once(infix)?;
            Some(filled)
        })
    }
}

/// Every entry of the catalogue, in catalogue order.
pub fn entries() -> impl Iterator<Item = &'static Msg> {
    catalogue::SECTIONS
        .iter()
        .flat_map(|section| section.iter())
}

/// The entry with this key, for texts chosen at run time (a command-line argument's
/// help by its id).
#[must_use]
pub fn lookup(key: &str) -> Option<&'static Msg> {
    entries().find(|m| m.key == key)
}

/// The text of `msg` in the current language, its placeholders filled from `args`.
#[must_use]
pub fn render(msg: &Msg, args: &[(&str, &dyn fmt::Display)]) -> String {
    render_in(language(), msg, args)
}

/// The text of `msg` in `language`, its placeholders filled from `args`. A placeholder
/// without an argument is left as written (the `t!` macro makes that impossible).
#[must_use]
pub fn render_in(language: Language, msg: &Msg, args: &[(&str, &dyn fmt::Display)]) -> String {
    let text = msg.text(language);
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if from.starts_with("{{") || from.starts_with("}}") {
            out.push_str(&from[..1]);
            rest = &from[2..];
            continue;
        }
        if let Some(name) = placeholder_at(from)
            && let Some((_, value)) = args.iter().find(|(n, _)| *n == name)
        {
            let _ = write!(out, "{value}");
            rest = &from[name.len() + 2..];
            continue;
        }
        out.push_str(&from[..1]);
        rest = &from[1..];
    }
    out.push_str(rest);
    out
}

/// The name of the placeholder `{name}` at the start of `text`.
fn placeholder_at(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let name = &inner[..end];
    is_name(name.as_bytes()).then_some(name)
}

/// The placeholders of a text, in order, repeats included.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        let from = &rest[at..];
        if from.starts_with("{{") || from.starts_with("}}") {
            rest = &from[2..];
        } else if let Some(name) = placeholder_at(from) {
            found.push(name);
            rest = &from[name.len() + 2..];
        } else {
            rest = &from[1..];
        }
    }
    found
}

#[expect(
    clippy::indexing_slicing,
    reason = "a const fn cannot call `get`; every index is checked against the length first"
)]
const fn is_name(bytes: &[u8]) -> bool {
    if bytes.is_empty() || bytes[0].is_ascii_digit() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return false;
        }
        i += 1;
    }
    true
}

#[expect(
    clippy::indexing_slicing,
    reason = "a const fn cannot call `get`; every index is checked against the length first"
)]
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `name` is a placeholder of `text`, or, with `name` empty, whether every
/// placeholder of `text` is one of `names`. Const, so that `t!` checks its arguments
/// when the crate compiles.
#[expect(
    clippy::indexing_slicing,
    reason = "a const fn cannot call `get`; every index is checked against the length first"
)]
const fn scan(text: &[u8], name: &[u8], names: &[&str]) -> bool {
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if (b == b'{' || b == b'}') && i + 1 < text.len() && text[i + 1] == b {
            i += 2;
            continue;
        }
        if b != b'{' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < text.len() && text[end] != b'}' && text[end] != b'{' {
            end += 1;
        }
        if end >= text.len() || text[end] != b'}' {
            i += 1;
            continue;
        }
        let (_, tail) = text.split_at(start);
        let (found, _) = tail.split_at(end - start);
        if is_name(found) {
            if name.is_empty() {
                let mut known = false;
                let mut k = 0;
                while k < names.len() {
                    if same(found, names[k].as_bytes()) {
                        known = true;
                    }
                    k += 1;
                }
                if !known {
                    return false;
                }
            } else if same(found, name) {
                return true;
            }
        }
        i = end + 1;
    }
    name.is_empty()
}

/// Whether the placeholders of `text` are exactly `names` (each used at least once).
#[doc(hidden)]
#[must_use]
#[expect(
    clippy::indexing_slicing,
    reason = "a const fn cannot call `get`; every index is checked against the length first"
)]
pub const fn fits(text: &str, names: &[&str]) -> bool {
    if !scan(text.as_bytes(), b"", names) {
        return false;
    }
    let mut k = 0;
    while k < names.len() {
        if !scan(text.as_bytes(), names[k].as_bytes(), names) {
            return false;
        }
        k += 1;
    }
    true
}

/// Renders a catalogue entry in the current language: `t!(KEY)`, or with arguments
/// `t!(KEY, name = value, other)` (`other` for `other = other`). The arguments must be
/// exactly the entry's placeholders, which is checked when the crate compiles. Gives a
/// `String`.
///
/// In `#[error(…)]`, `#[label(…)]` and `help(…)` attributes, fields are written `.field`:
/// `#[error("{}", t!(CHECK_UNKNOWN_FIELD, .name))]`.
macro_rules! t {
    ($key:ident $(, $name:ident $(= $value:expr)?)* $(,)?) => {{
        const _: () = {
            let names: &[&str] = &[$(stringify!($name)),*];
            assert!(
                $crate::i18n::fits($crate::i18n::catalogue::$key.en, names)
                    && $crate::i18n::fits($crate::i18n::catalogue::$key.zh, names),
                concat!("the arguments of t!(", stringify!($key), ") are not its placeholders")
            );
        };
        $crate::i18n::render(
            &$crate::i18n::catalogue::$key,
            &[$((stringify!($name), &$crate::i18n::t!(@value $name $(= $value)?) as &dyn ::std::fmt::Display)),*],
        )
    }};
    (@value $name:ident = $value:expr) => { $value };
    (@value $name:ident) => { $name };
}
pub(crate) use t;

/// A catalogue entry itself, `&'static Msg`, for a field that names a thing in words
/// (`format: msg!(IMPORT_THE_WORKBOOK)`): it shows in the language current when it is
/// displayed. Only for entries without placeholders.
macro_rules! msg {
    ($key:ident) => {
        &$crate::i18n::catalogue::$key
    };
}
pub(crate) use msg;

impl fmt::Display for Msg {
    /// The text in the current language (an entry without placeholders).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self, &[]))
    }
}

/// Another library's error text (a zip, XML or spreadsheet reader's), which is English:
/// as it is in English, the catalogue's general words in Chinese.
#[must_use]
pub fn foreign(error: &dyn fmt::Display) -> String {
    match language() {
        Language::En => error.to_string(),
        Language::Zh => t!(FOREIGN_ERROR),
    }
}

/// Names of code in a list: `a, b, c` in English (as messages always wrote them),
/// `` `a`、`b`、`c` `` in Chinese, where a bare Latin word would read as a sentence.
#[must_use]
pub fn code_list(names: &[&str]) -> String {
    match language() {
        Language::En => names.join(", "),
        Language::Zh => names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join("、"),
    }
}

/// A text written by perfeval, carried in a `std::io::Error` (`io::Error::other(…)`), so
/// that [`io_error`] shows it as it is rather than by its kind.
#[derive(Debug)]
pub struct Said(pub String);

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Said {}

/// What to do with a file whose ending names no kind of form, by its ending: save a
/// Word 97–2003 or WPS document as `.docx`, a WPS or binary workbook as `.xlsx`; a PDF
/// has no cells.
#[must_use]
pub fn not_a_form_help(path: &std::path::Path) -> String {
    let ending = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ending.as_str() {
        "doc" | "dot" | "wps" | "wpt" | "rtf" => t!(IO_NOT_A_FORM_HELP_WORD),
        "et" | "ett" | "xlsb" | "xlt" | "numbers" => t!(IO_NOT_A_FORM_HELP_SHEET),
        "pdf" | "ofd" => t!(IO_NOT_A_FORM_HELP_PDF),
        _ => t!(IO_NOT_A_FORM_HELP),
    }
}

/// An I/O error carrying a text of perfeval's, of `kind`.
#[must_use]
pub fn io_said(kind: std::io::ErrorKind, text: String) -> std::io::Error {
    std::io::Error::new(kind, Said(text))
}

/// An I/O error in words of the current language. A text perfeval wrote is shown as it
/// is; in English, the system's own text (`No such file or directory (os error 2)`); in
/// Chinese, the catalogue's words for its kind, with the system's error number.
#[must_use]
pub fn io_error(error: &std::io::Error) -> String {
    if let Some(inner) = error.get_ref()
        && (inner.is::<Said>() || inner.is::<crate::input::ReadError>())
    {
        return inner.to_string();
    }
    if language() == Language::En {
        return error.to_string();
    }
    let text = if is_link_loop(error) {
        t!(IO_KIND_LINK_LOOP)
    } else {
        io_kind(error.kind())
    };
    match error.raw_os_error() {
        Some(code) => t!(IO_KIND_WITH_CODE, text, code),
        None => text,
    }
}

/// Whether `error` is the system's "too many levels of symbolic links", a loop of links:
/// its kind has no stable name in `std`, so it is told by its number.
fn is_link_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    let code = Some(libc::ELOOP);
    #[cfg(not(unix))]
    let code: Option<i32> = None;
    code.is_some() && error.raw_os_error() == code
}

/// The words for an I/O error's kind.
fn io_kind(kind: std::io::ErrorKind) -> String {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => t!(IO_KIND_NOT_FOUND),
        K::PermissionDenied => t!(IO_KIND_PERMISSION_DENIED),
        K::AlreadyExists => t!(IO_KIND_ALREADY_EXISTS),
        K::WouldBlock => t!(IO_KIND_WOULD_BLOCK),
        K::InvalidInput | K::InvalidData => t!(IO_KIND_INVALID),
        K::TimedOut => t!(IO_KIND_TIMED_OUT),
        K::WriteZero | K::StorageFull => t!(IO_KIND_STORAGE_FULL),
        K::Interrupted => t!(IO_KIND_INTERRUPTED),
        K::Unsupported => t!(IO_KIND_UNSUPPORTED),
        K::UnexpectedEof => t!(IO_KIND_UNEXPECTED_EOF),
        K::OutOfMemory => t!(IO_KIND_OUT_OF_MEMORY),
        K::BrokenPipe => t!(IO_KIND_BROKEN_PIPE),
        K::NotADirectory => t!(IO_KIND_NOT_A_DIRECTORY),
        K::IsADirectory => t!(IO_KIND_IS_A_DIRECTORY),
        K::DirectoryNotEmpty => t!(IO_KIND_DIRECTORY_NOT_EMPTY),
        K::ReadOnlyFilesystem => t!(IO_KIND_READ_ONLY),
        K::FileTooLarge => t!(IO_KIND_FILE_TOO_LARGE),
        K::ResourceBusy => t!(IO_KIND_BUSY),
        K::CrossesDevices => t!(IO_KIND_CROSSES_DEVICES),
        K::TooManyLinks => t!(IO_KIND_TOO_MANY_LINKS),
        K::InvalidFilename => t!(IO_KIND_INVALID_FILENAME),
        _ => t!(IO_KIND_OTHER),
    }
}

/// Shows an I/O error in words of the current language (see [`io_error`]), for format
/// arguments: `{}`, `IoText(&error)`.
pub struct IoText<'a>(pub &'a std::io::Error);

impl fmt::Display for IoText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&io_error(self.0))
    }
}

/// Why `text` (written `YYYY-MM-DD`) is not a date, for a label. In English, the date
/// library's words; in Chinese, the catalogue's.
#[must_use]
pub fn date_reason(text: &str, error: &jiff::Error) -> String {
    if language() == Language::En {
        let text = error.to_string();
        // jiff's message names the field that is out of range; keep it short.
        return text.rsplit(": ").next().unwrap_or(&text).to_owned();
    }
    let mut parts = text.trim().splitn(3, '-').map(str::parse::<i16>);
    if let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    {
        if !(1..=12).contains(&month) {
            return t!(DATE_NO_MONTH, month);
        }
        let days = i8::try_from(month)
            .ok()
            .and_then(|m| jiff::civil::Date::new(year, m, 1).ok())
            .map(|first| first.days_in_month());
        match days {
            Some(days) if !(1..=i16::from(days)).contains(&day) => {
                return t!(DATE_DAYS_IN_MONTH, year, month, days);
            }
            None => return t!(DATE_YEAR_RANGE, year),
            Some(_) => {}
        }
    }
    t!(DATE_FORMAT)
}

/// The workbook writer's error in words of the current language: in English its own
/// text, in Chinese the catalogue's words for what went wrong.
#[must_use]
pub fn xlsx_error(error: &rust_xlsxwriter::XlsxError) -> String {
    use rust_xlsxwriter::XlsxError as X;
    if language() == Language::En {
        return error.to_string();
    }
    match error {
        X::RowColumnLimitError => t!(XLSX_ROW_COLUMN_LIMIT),
        X::MaxStringLengthExceeded => t!(XLSX_STRING_TOO_LONG),
        X::ParameterError(_) => t!(XLSX_NUMBER),
        X::IoError(error) => io_error(error),
        _ => t!(XLSX_OTHER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: Msg = Msg {
        key: "SAMPLE",
        en: "`{name}` has {{ {count} }} {count}",
        zh: "`{name}` 有 {count} 个",
    };

    #[test]
    fn renders_named_arguments_and_escapes() {
        let text = render_in(Language::En, &SAMPLE, &[("name", &"x"), ("count", &3)]);
        assert_eq!(text, "`x` has { 3 } 3");
        let text = render_in(Language::Zh, &SAMPLE, &[("name", &"x"), ("count", &3)]);
        assert_eq!(text, "`x` 有 3 个");
    }

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholders(SAMPLE.en), ["name", "count", "count"]);
        assert_eq!(placeholders("`{ … }` {a}{b}"), ["a", "b"]);
        assert!(fits(SAMPLE.en, &["name", "count"]));
        assert!(!fits(SAMPLE.en, &["name"]));
        assert!(!fits(SAMPLE.en, &["name", "count", "other"]));
        assert!(fits("{ … } {{x}}", &[]));
    }

    #[test]
    fn reads_the_locale() {
        let zh = Language::Zh;
        let en = Language::En;
        assert_eq!(Language::from_locale(None, None, Some("zh_CN.UTF-8")), zh);
        assert_eq!(Language::from_locale(Some(""), None, Some("zh_TW")), zh);
        assert_eq!(
            Language::from_locale(Some("C"), None, Some("en_US.UTF-8")),
            zh
        );
        assert_eq!(
            Language::from_locale(Some("en_GB.UTF-8"), None, Some("zh_CN.UTF-8")),
            en
        );
        assert_eq!(
            Language::from_locale(None, Some("zh_CN"), Some("en_US")),
            zh
        );
        assert_eq!(Language::from_locale(None, None, None), zh);
        assert_eq!(Language::from_locale(None, None, Some("POSIX")), zh);
        assert_eq!(Language::from_name("zh-CN"), Some(zh));
        assert_eq!(Language::from_name("EN"), Some(en));
        assert_eq!(Language::from_name("fr"), None);
    }
}
