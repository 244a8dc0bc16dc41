//! The console vanban runs in, where Windows makes it matter.
//!
//! Started by a double-click on `vanban.exe`, or by a folder dropped on it, Windows makes a
//! console window for vanban alone and closes it the moment vanban returns: whatever vanban
//! said would vanish unread. Such a start opens the local page (`serve::launch`); anything
//! else run in such a console waits for Enter before it closes. In a terminal, a script or
//! CI vanban never waits.

/// Whether the console was made for this process alone (Windows only; `false` elsewhere).
pub fn is_own() -> bool {
    imp::is_own()
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
