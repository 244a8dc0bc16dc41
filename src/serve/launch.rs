//! Started without a terminal: on Windows, a double-click on `vanban.exe` (or a folder
//! dropped on it) gets a console made for vanban alone. Then the user cannot type a
//! command, so vanban opens the page for that folder (default: `data` beside the
//! program). From a terminal, a script or CI nothing changes: no arguments print the help.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The dataset to open the page for, when vanban was started by a double-click or a
/// drop; `None` to parse the command line as usual.
pub fn double_clicked() -> Option<PathBuf> {
    if !crate::console::is_own() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    dataset_for(&args, exe.parent()?)
}

/// What a start without a terminal opens: no arguments, `data` beside the program; one
/// argument that is a folder (dropped on it), that folder; anything else is a command.
pub fn dataset_for(args: &[OsString], beside: &Path) -> Option<PathBuf> {
    match args {
        [] => Some(beside.join("data")),
        [one] if Path::new(one).is_dir() => Some(PathBuf::from(one)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_argument_opens_data_beside_the_program_and_a_drop_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let beside = dir.path();
        assert_eq!(dataset_for(&[], beside), Some(beside.join("data")));
        let dropped = OsString::from(beside.as_os_str());
        assert_eq!(
            dataset_for(std::slice::from_ref(&dropped), beside),
            Some(beside.to_path_buf())
        );
        // A command, or a file, is the command line as usual.
        assert_eq!(dataset_for(&["check".into()], beside), None);
        assert_eq!(dataset_for(&["build".into(), dropped], beside), None);
        // Off Windows no start is a double-click: the help is printed as before.
        if cfg!(not(windows)) {
            assert_eq!(double_clicked(), None);
        }
    }
}
