//! Where reports come from: files, standard input, folders.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use xxgk::{AnnualReport, Document};

/// One report to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// `-` is standard input, anything else a file.
    pub(crate) fn from_arg(path: &Path) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path.to_path_buf())
        }
    }

    /// The name shown for it: the path as given or found, `-` for standard input.
    pub(crate) fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Input::File(path) => std::fs::read(path),
        }
    }
}

/// Why a report was not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The file could not be read.
    Io(std::io::Error),
    /// The crate refused it.
    Parse(xxgk::Error),
}

impl Refusal {
    /// A short name of the reason, for the summary: `unreadable` or the
    /// kind of the crate's error (`not_a_report`, `encoding`, …).
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            Refusal::Io(_) => "unreadable",
            Refusal::Parse(e) => e.kind().name(),
        }
    }
}

impl fmt::Display for Refusal {
    /// One line; `{:#}` adds the caret snippet of an error about a place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Io(e) => write!(f, "cannot read: {e}"),
            Refusal::Parse(e) if f.alternate() => write!(f, "{e:#}"),
            Refusal::Parse(e) => write!(f, "{e}"),
        }
    }
}

/// Reads and parses one report.
pub(crate) fn read_report(input: &Input) -> Result<(Document, AnnualReport), Refusal> {
    let bytes = input.read().map_err(Refusal::Io)?;
    xxgk::parse_document(&bytes).map_err(Refusal::Parse)
}

/// The inputs named by the arguments: `-`, files as given, and every file
/// under a folder (recursively, in name order, leaving out names that start
/// with a dot). A path that does not exist is kept, to be refused by name.
pub(crate) fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            walk(path, &mut inputs);
        } else {
            inputs.push(Input::from_arg(path));
        }
    }
    inputs
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| Some(e.ok()?.path())).collect(),
        Err(_) => {
            // refused by name when read
            out.push(Input::File(dir.to_path_buf()));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // a link to a folder is not followed (it may lead back up)
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, out),
            Ok(m) if m.file_type().is_symlink() && path.is_dir() => {}
            _ => out.push(Input::File(path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_name_order_without_hidden_names_or_links_to_folders() {
        let dir = std::env::temp_dir().join(format!("xxgk-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b/.git")).unwrap();
        for file in ["a.txt", "b/c.docx", "b/.git/config", ".hidden", "d.html"] {
            std::fs::write(dir.join(file), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("b/loop")).unwrap();
        let found = collect(&[dir.clone(), PathBuf::from("-"), dir.join("missing.txt")]);
        let _ = std::fs::remove_dir_all(&dir);
        let expected = vec![
            Input::File(dir.join("a.txt")),
            Input::File(dir.join("b/c.docx")),
            Input::File(dir.join("d.html")),
            Input::Stdin,
            Input::File(dir.join("missing.txt")),
        ];
        assert_eq!(found, expected);
        assert_eq!(Input::Stdin.name(), "-");
    }
}
