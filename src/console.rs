//! The console vanban runs in, where Windows makes it matter.
//!
//! Started by a double-click on `vanban.exe`, or by a folder dropped on it, Windows makes a
//! console window for vanban alone and closes it the moment vanban returns: whatever vanban
//! said would vanish unread. Only then does vanban wait for Enter; in a terminal, a script or
//! CI it never waits.

/// Whether the console was made for this process alone (Windows only; `false` elsewhere).
pub fn is_own() -> bool {
    imp::is_own()
}

/// A folder dropped on the program is built with `out` beside it, where its user will look,
/// rather than in whatever folder Windows chose to start the program in.
pub fn settle(invocation: &mut crate::cli::Invocation) {
    let crate::cli::Invocation::Args(args) = invocation else {
        return;
    };
    if args.len() != 3 || args[1] != "build" {
        return;
    }
    let Ok(folder) = std::path::absolute(&args[2]) else {
        return;
    };
    if let Some(parent) = folder.parent().filter(|_| folder.is_dir())
        && std::env::set_current_dir(parent).is_ok()
    {
        args[2] = folder.into_os_string();
    }
}

/// Waits for Enter, so that the window stays until its message has been read.
pub fn pause() {
    eprint!("Nhấn Enter để đóng cửa sổ này…");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[cfg(windows)]
mod imp {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }

    pub(super) fn is_own() -> bool {
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds the two ids it is said to hold. The count is the number of
        // processes attached to this console: 1 means no shell started vanban.
        let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        n == 1
    }
}

#[cfg(not(windows))]
mod imp {
    pub(super) fn is_own() -> bool {
        false
    }
}
