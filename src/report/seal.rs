//! A printed report's seal: the last line of a Markdown or HTML report holds a checksum
//! of everything above it (`<!-- perfeval 1a2b3c4d -->`, unseen where the report is
//! shown), so that a later run tells the report it wrote from one a reviewer has since
//! written a review into, which it must not replace (`-o 报告.md` run again took the
//! `## 审核意见` with it).

const OPEN: &str = "<!-- perfeval ";
const CLOSE: &str = " -->\n";

/// The text with its seal as a last line.
#[must_use]
pub fn seal(mut text: String) -> String {
    let sum = crc32fast::hash(text.as_bytes());
    text.push_str(&format!("{OPEN}{sum:08x}{CLOSE}"));
    text
}

/// Whether `bytes` end with a seal that holds for what is above it: the report is as
/// perfeval wrote it.
#[must_use]
pub fn holds(bytes: &[u8]) -> bool {
    let Some(sealed) = bytes.strip_suffix(CLOSE.as_bytes()) else {
        return false;
    };
    let Some(start) = memchr::memmem::rfind(sealed, OPEN.as_bytes()) else {
        return false;
    };
    let (body, mark) = sealed.split_at(start);
    let digits = mark.get(OPEN.len()..).unwrap_or_default();
    let written = std::str::from_utf8(digits)
        .ok()
        .filter(|d| d.len() == 8)
        .and_then(|d| u32::from_str_radix(d, 16).ok());
    written == Some(crc32fast::hash(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_text_holds_until_it_is_changed() {
        let sealed = seal("# 报告\n合计 80.00\n".to_owned());
        assert!(sealed.ends_with(" -->\n"));
        assert!(holds(sealed.as_bytes()));
        let reviewed = sealed.replace("合计 80.00", "合计 80.00（同意）");
        assert!(!holds(reviewed.as_bytes()));
        let added = format!("{sealed}\n## 审核意见\n同意\n");
        assert!(!holds(added.as_bytes()));
        assert!(!holds(b"# \xe6\x8a\xa5\xe5\x91\x8a\n"));
        assert!(!holds(b"<!-- perfeval zzzzzzzz -->\n"));
    }
}
