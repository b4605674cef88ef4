//! The one error type: what went wrong and where, in the original text.

use std::fmt;

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
    #[error("cannot decode the input at byte {byte}: {reason}")]
    Encoding {
        /// Byte offset of the first byte that could not be decoded.
        byte: usize,
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

/// The error returned by [`crate::parse`]. One pointer wide; see [`Error::kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Where in the original text, when the error is about a place.
    pub fn position(&self) -> Option<Position> {
        match *self.0 {
            ErrorKind::NotAReport { position, .. } => Some(position),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
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
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}
