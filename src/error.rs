//! The one error type: what went wrong and where, in the original text.

use std::fmt;

use crate::normalize::display_width;

/// A place in the original text: byte offset, and 1-based line and column
/// (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Byte offset into the original text.
    pub byte: usize,
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The position of a byte offset in `text` (clamped to the text, moved back to a
    /// char boundary).
    pub fn locate(text: &str, byte: usize) -> Position {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let before = &text[..byte];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            byte,
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// What kind of error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not an annual report: none of the title, the section headings
    /// or the tables were found.
    #[error(
        "not a government information-disclosure annual report at {position}: expected {expected}; found {found:?}"
    )]
    NotAReport {
        /// What was looked for.
        expected: &'static str,
        /// Where the parser looked (the first line with text, or the end of an empty text).
        position: Position,
        /// The text found there (its first characters).
        found: String,
    },
    /// The bytes are not text in an encoding the crate reads.
    #[error("cannot decode the input at byte {} ({position}): {reason}", position.byte)]
    Encoding {
        /// Where the first byte that could not be decoded is: its offset in
        /// the input, and the line and column the text decoded before it
        /// reaches.
        position: Position,
        /// Why.
        reason: String,
    },
    /// The input is a document format the crate does not read.
    #[error("unsupported document format ({format}): {advice}")]
    UnsupportedFormat {
        /// The format found.
        format: &'static str,
        /// What to do instead.
        advice: &'static str,
    },
    /// A document container (e.g. a .docx zip) is damaged.
    #[error("damaged {format} document: {reason}")]
    Document {
        /// The format.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The input is past one of the [`Limits`](crate::Limits) of the
    /// [`Options`](crate::Options) it was parsed with.
    #[error("the input exceeds the limit {limit} = {value}; raise it in xxgk::Limits to read it")]
    LimitExceeded {
        /// Which limit.
        limit: crate::Limit,
        /// Its value.
        value: u64,
    },
}

impl ErrorKind {
    /// A short stable name of the kind (`not_a_report`, `encoding`,
    /// `unsupported_format`, `document`, `limit_exceeded`), for tallies and machine-read output.
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::NotAReport { .. } => "not_a_report",
            ErrorKind::Encoding { .. } => "encoding",
            ErrorKind::UnsupportedFormat { .. } => "unsupported_format",
            ErrorKind::Document { .. } => "document",
            ErrorKind::LimitExceeded { .. } => "limit_exceeded",
        }
    }

    fn position(&self) -> Option<Position> {
        match *self {
            ErrorKind::NotAReport { position, .. } | ErrorKind::Encoding { position, .. } => {
                Some(position)
            }
            _ => None,
        }
    }
}

/// How many characters of the line the error context keeps on each side of
/// the position.
const CONTEXT_CHARS: usize = 40;

/// The text around an error's position, on its line: kept small, turned into
/// a caret snippet only when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Context {
    /// The line before the position (at most [`CONTEXT_CHARS`] characters).
    before: Box<str>,
    /// The line from the position on (at most [`CONTEXT_CHARS`] characters).
    after: Box<str>,
    /// True when `before` does not start at the start of the line.
    cut_before: bool,
    /// True when `after` does not reach the end of the line.
    cut_after: bool,
}

impl Context {
    /// The context of `byte` in `text` (clamped, moved back to a char boundary).
    fn at(text: &str, byte: usize) -> Context {
        let byte = Position::locate(text, byte).byte;
        let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[byte..].find('\n').map_or(text.len(), |i| byte + i);
        let line_before = &text[line_start..byte];
        let line_after = text[byte..line_end].trim_end_matches('\r');
        let skip = line_before.chars().count().saturating_sub(CONTEXT_CHARS);
        let before: String = line_before.chars().skip(skip).collect();
        let after: String = line_after.chars().take(CONTEXT_CHARS).collect();
        Context {
            cut_before: skip > 0,
            cut_after: after.len() < line_after.len(),
            before: before.into(),
            after: after.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    context: Option<Context>,
}

/// The error returned by [`crate::parse`] and [`crate::parse_bytes`]. One
/// pointer wide; see [`Error::kind`].
///
/// An error about a place has a [`Position`] ([`Error::position`]) and shows
/// the line there with a caret under the place: [`Error::snippet`], or the
/// alternate form `{:#}` that prints the message and the snippet.
///
/// ```
/// let err = xxgk::parse("\n  天气预报：晴").unwrap_err();
/// let p = err.position().unwrap();
/// assert_eq!((p.byte, p.line, p.column), (3, 2, 3));
/// assert_eq!(
///     err.snippet().unwrap().to_string(),
///     " --> line 2, column 3 (byte 3)\n  |\n2 |   天气预报：晴\n  |   ^\n"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

impl Error {
    /// An error about the place `byte` of `text`: keeps the line around it
    /// for [`Error::snippet`].
    pub(crate) fn at(kind: ErrorKind, text: &str, byte: usize) -> Error {
        Error(Box::new(Inner {
            kind,
            context: Some(Context::at(text, byte)),
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where in the input, when the error is about a place
    /// ([`ErrorKind::NotAReport`], [`ErrorKind::Encoding`]).
    pub fn position(&self) -> Option<Position> {
        self.0.kind.position()
    }

    /// The line at the error's position with a caret under it, when the
    /// error is about a place:
    ///
    /// ```text
    ///  --> line 3, column 3 (byte 4)
    ///   |
    /// 3 |   天气预报：晴
    ///   |   ^
    /// ```
    ///
    /// Long lines are cut to the characters around the position (`…` marks
    /// a cut); the caret counts CJK characters as two columns wide.
    pub fn snippet(&self) -> Option<Snippet<'_>> {
        Some(Snippet {
            position: self.position()?,
            context: self.0.context.as_ref()?,
        })
    }
}

/// The caret snippet of an [`Error`], made when displayed ([`Error::snippet`]).
#[derive(Debug, Clone, Copy)]
pub struct Snippet<'a> {
    position: Position,
    context: &'a Context,
}

impl fmt::Display for Snippet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.position;
        let c = self.context;
        let number = p.line.to_string();
        let pad = " ".repeat(number.len());
        let lead = if c.cut_before { "…" } else { "" };
        let tail = if c.cut_after { "…" } else { "" };
        // tabs are shown as one space so that the caret lines up
        let shown = |s: &str| s.replace('\t', " ");
        let before = format!("{lead}{}", shown(&c.before));
        let caret = " ".repeat(before.chars().map(|c| usize::from(display_width(c))).sum());
        writeln!(f, "{pad}--> {p} (byte {})", p.byte)?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {before}{}{tail}", shown(&c.after))?;
        writeln!(f, "{pad} | {caret}^")
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(Inner {
            kind,
            context: None,
        }))
    }
}

impl fmt::Display for Error {
    /// The message on one line; with `{:#}`, followed by the caret snippet
    /// on the next lines when the error is about a place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.kind.fmt(f)?;
        if f.alternate()
            && let Some(snippet) = self.snippet()
        {
            write!(f, "\n{snippet}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "第一行\n第二行 abc";
        assert_eq!(
            Position::locate(text, 0),
            Position {
                byte: 0,
                line: 1,
                column: 1
            }
        );
        let p = Position::locate(text, text.find('a').unwrap());
        assert_eq!((p.line, p.column), (2, 5));
        // inside a multi-byte char: moved back to its start
        let p = Position::locate(text, 1);
        assert_eq!((p.byte, p.line, p.column), (0, 1, 1));
        assert_eq!(Position::locate(text, 999).byte, text.len());
    }

    #[test]
    fn snippets_cut_long_lines_and_line_up_the_caret() {
        let line = format!("{}二、主动公开{}", "甲".repeat(50), "乙".repeat(50));
        let text = format!("标题\n{line}\n下一行");
        let byte = text.find('二').unwrap();
        let kind = ErrorKind::NotAReport {
            expected: "x",
            position: Position::locate(&text, byte),
            found: String::new(),
        };
        let err = Error::at(kind, &text, byte);
        let shown = err.snippet().unwrap().to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], " --> line 2, column 51 (byte 157)");
        assert_eq!(
            lines[2],
            format!("2 | …{}二、主动公开{}…", "甲".repeat(40), "乙".repeat(34))
        );
        // `…` is one column, each 甲 two
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(81)));
        assert!(format!("{err:#}").ends_with(&shown));
        assert!(!err.to_string().contains('\n'));
        // no place, no snippet
        let err = Error::from(ErrorKind::Document {
            format: "DOCX",
            reason: "x".into(),
        });
        assert!(err.snippet().is_none());
        assert_eq!(format!("{err:#}"), err.to_string());
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}
