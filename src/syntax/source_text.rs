//! The text a tree was parsed from, as `syntax::format` needs it: its comments with
//! where they are (the tree keeps no plain comment, and not every doc comment), and
//! where a block's braces are (the tree keeps no span for them).
//!
//! The scan knows only what it must to stay out of texts: `//` starts a comment to the
//! end of the line, and `"…"` (with `\` escapes) and `“…”` are texts, which never span
//! lines. It runs on text that parsed, so it needs no other care.

/// What kind of comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CommentKind {
    /// `// …` or `//// …`: ignored by the parser.
    Plain,
    /// `/// …`: belongs to the entry that follows.
    Doc,
    /// `//! …`: the file's, at the top.
    FileDoc,
}

/// A comment of the source: from its `//` to the end of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    /// Where its `//` is.
    pub(crate) start: usize,
    /// Where its line ends (before `\r\n` or `\n`).
    pub(crate) end: usize,
    /// What kind.
    pub(crate) kind: CommentKind,
}

/// A source text and the comments not yet written.
pub(crate) struct SourceText<'a> {
    text: &'a str,
    comments: Vec<Comment>,
    /// The first comment not yet written.
    next: usize,
}

impl<'a> SourceText<'a> {
    pub(crate) fn new(text: &'a str) -> SourceText<'a> {
        SourceText {
            text,
            comments: comments(text),
            next: 0,
        }
    }

    pub(crate) fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Whether some comment is not written yet.
    pub(crate) fn comments_left(&self) -> bool {
        self.next < self.comments.len()
    }

    /// A comment's text, without the spaces at the end of its line.
    pub(crate) fn comment_text(&self, comment: &Comment) -> &'a str {
        self.text
            .get(comment.start..comment.end)
            .unwrap_or("")
            .trim_end()
    }

    /// The next comment not yet written, if it starts before `end`; it counts as
    /// written.
    pub(crate) fn next_before(&mut self, end: usize) -> Option<Comment> {
        let comment = *self.comments.get(self.next)?;
        (comment.start < end).then(|| {
            self.next += 1;
            comment
        })
    }

    /// The next comment not yet written, if it is a plain comment and only spaces and
    /// tabs lie between `end` and it; it counts as written.
    pub(crate) fn next_trailing(&mut self, end: usize) -> Option<Comment> {
        let comment = *self.comments.get(self.next)?;
        let between = self.text.get(end..comment.start)?;
        let same_line = between
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\u{3000}'));
        (comment.kind == CommentKind::Plain && same_line).then(|| {
            self.next += 1;
            comment
        })
    }

    /// Where the code of `start..end` ends: a span of the tree may run on over the
    /// spaces and comments after it (pest skips them before an optional part, such as
    /// the operators an expression may go on with).
    pub(crate) fn code_end(&self, start: usize, end: usize) -> usize {
        let mut last = start;
        let mut in_text = None;
        for (at, c) in code(self.text, start) {
            if at >= end {
                break;
            }
            if c == '"' || c == '“' {
                in_text = Some(at);
            }
            if !c.is_whitespace() && c != '\u{FEFF}' {
                last = at + c.len_utf8();
            }
        }
        // A text counts as its opening quote: its end is past its closing quote.
        let last = match in_text {
            Some(open) if open + 1 >= last => self.text_end(open).min(end),
            _ => last,
        };
        self.past_closing_parentheses(last)
    }

    /// Where the `)` after `end` end: the tree keeps no span for the parentheses
    /// around an expression, and an entry's code can go on with nothing else.
    fn past_closing_parentheses(&self, end: usize) -> usize {
        let mut last = end;
        for (at, c) in code(self.text, end) {
            match c {
                ')' => last = at + 1,
                c if c.is_whitespace() || c == '\u{FEFF}' => {}
                _ => break,
            }
        }
        last
    }

    /// Where the text opened at `open` ends, past its closing quote.
    fn text_end(&self, open: usize) -> usize {
        let rest = self.text.get(open..).unwrap_or("");
        let mut chars = rest.char_indices().peekable();
        match chars.next() {
            Some((_, c)) => skip_text(&mut chars, c),
            None => return open,
        }
        chars.peek().map_or(self.text.len(), |(i, _)| open + i)
    }

    /// Whether a blank line follows `end` before the next text of the file (none at
    /// its end).
    pub(crate) fn blank_line_after(&self, end: usize) -> bool {
        let rest = self.text.get(end..).unwrap_or("");
        let gap = rest
            .find(|c: char| !c.is_whitespace())
            .and_then(|n| rest.get(..n));
        gap.is_some_and(|gap| gap.matches('\n').count() > 1)
    }

    /// Where the block of the node that starts at `from` opens (just after its first
    /// `{`) and closes (at its matching `}`).
    pub(crate) fn braces(&self, from: usize) -> Option<(usize, usize)> {
        let mut depth = 0_usize;
        let mut open = None;
        for (at, c) in code(self.text, from) {
            match c {
                '{' => {
                    depth += 1;
                    open = open.or(Some(at + 1));
                }
                '}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return open.map(|open| (open, at));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Whether between `start` and `end` there is one comma and otherwise only
    /// whitespace and comments: two texts or names of one list.
    pub(crate) fn only_a_comma_between(&self, start: usize, end: usize) -> bool {
        let mut commas = 0;
        for (at, c) in code(self.text, start) {
            if at >= end {
                break;
            }
            match c {
                ',' => commas += 1,
                c if c.is_whitespace() || c == '\u{FEFF}' => {}
                _ => return false,
            }
        }
        commas == 1
    }
}

/// The characters of `text` from `from` on, outside comments and texts (a text counts
/// as its opening quote alone).
fn code(text: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut chars = text.get(from..).unwrap_or("").char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (i, c) = chars.next()?;
            match c {
                '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                    while chars.next_if(|(_, n)| *n != '\n').is_some() {}
                }
                '"' | '“' => {
                    skip_text(&mut chars, c);
                    return Some((from + i, c));
                }
                _ => return Some((from + i, c)),
            }
        }
    })
}

/// Moves past the rest of a text that `open` opened.
fn skip_text(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, open: char) {
    let close = if open == '"' { '"' } else { '”' };
    while let Some((_, c)) = chars.next() {
        if c == '\\' && open == '"' {
            chars.next();
        } else if c == close || c == '\n' {
            return;
        }
    }
}

/// Every comment of `text`, in order.
fn comments(text: &str) -> Vec<Comment> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' | '“' => skip_text(&mut chars, c),
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                let end = text
                    .get(i..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(text.len(), |n| i + n);
                while chars.next_if(|(at, _)| *at < end).is_some() {}
                let line = text.get(i..end).unwrap_or("");
                let kind = if line.starts_with("//!") {
                    CommentKind::FileDoc
                } else if line.starts_with("///") && !line.starts_with("////") {
                    CommentKind::Doc
                } else {
                    CommentKind::Plain
                };
                found.push(Comment {
                    start: i,
                    end,
                    kind,
                });
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_texts() {
        let text = "//! a\n/// b\nx \"// not\" // c\r\n//// d\n“//”";
        let source = SourceText::new(text);
        let found: Vec<_> = source
            .comments()
            .iter()
            .map(|c| (source.comment_text(c), c.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("//! a", CommentKind::FileDoc),
                ("/// b", CommentKind::Doc),
                ("// c", CommentKind::Plain),
                ("//// d", CommentKind::Plain),
            ]
        );
    }

    #[test]
    fn finds_braces_past_texts_and_comments() {
        let text = "check c error when x == \"{\" // {\n { a[b] message \"}\" }";
        let source = SourceText::new(text);
        let (open, close) = source.braces(0).unwrap();
        assert_eq!(&text[open - 1..open], "{");
        assert_eq!(close, text.len() - 1);
        assert!(!source.only_a_comma_between(1, 3));
        let list = "\"a\" , // x\n \"b\"";
        assert!(SourceText::new(list).only_a_comma_between(3, list.len() - 3));
    }
}
