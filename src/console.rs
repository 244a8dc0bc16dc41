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

/// The progress bar's look, in Vietnamese: the phase, the bar, the count, the rate, the
/// time spent and the time left, each said as staff say it (`1 phút 28 giây`, not `88s`).
pub fn progress_style() -> indicatif::ProgressStyle {
    use indicatif::ProgressState;
    use std::fmt::Write;
    indicatif::ProgressStyle::with_template(
        "{msg} {bar:30} {pos}/{len} văn bản · {toc_do} · đã chạy {da_chay}, còn khoảng {con_lai}",
    )
    .expect("a valid progress template")
    .with_key("toc_do", |s: &ProgressState, w: &mut dyn Write| {
        let _ = write!(w, "{:.0} văn bản/giây", s.per_sec());
    })
    .with_key("da_chay", |s: &ProgressState, w: &mut dyn Write| {
        let _ = w.write_str(&duration(s.elapsed()));
    })
    .with_key("con_lai", |s: &ProgressState, w: &mut dyn Write| {
        let _ = w.write_str(&duration(s.eta()));
    })
}

/// The phase shown before the bar: the kind of paper being laid out.
pub fn phase(kind: crate::doc_kind::DocKind) -> String {
    format!("Đang dàn trang {}…", kind.label())
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

/// A duration as a progress line says it: `1 phút 28 giây`, not `88s`.
pub fn duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, s) => format!("{s} giây"),
        (0, m, 0) => format!("{m} phút"),
        (0, m, s) => format!("{m} phút {s} giây"),
        (h, m, _) => format!("{h} giờ {m} phút"),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use indicatif::{ProgressBar, ProgressDrawTarget, TermLike};

    use super::*;
    use crate::doc_kind::DocKind;

    /// A terminal that keeps what is written to it, to read the bar as a user sees it.
    #[derive(Debug, Default, Clone)]
    struct Screen(Arc<Mutex<String>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            200
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            self.0.lock().unwrap().clear();
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_bar_speaks_vietnamese_with_phase_rate_and_time() {
        let screen = Screen::default();
        let bar = ProgressBar::with_draw_target(
            Some(120),
            ProgressDrawTarget::term_like(Box::new(screen.clone())),
        )
        .with_style(progress_style())
        .with_elapsed(Duration::from_secs(88));
        bar.set_message(phase(DocKind::GiayKhen));
        bar.set_position(60);
        bar.force_draw();
        let shown = screen.0.lock().unwrap().clone();
        assert!(
            shown.starts_with("Đang dàn trang giấy khen, bằng khen… "),
            "phase first: {shown:?}"
        );
        assert!(shown.contains(" 60/120 văn bản · "), "{shown:?}");
        assert!(shown.contains(" văn bản/giây · "), "rate: {shown:?}");
        // Said as staff say it, never `88s` or `1m`.
        assert!(shown.contains("đã chạy 1 phút 28 giây, "), "{shown:?}");
        assert!(shown.contains(", còn khoảng "), "{shown:?}");
        assert!(!shown.contains("88s") && !shown.contains("{"), "{shown:?}");
        let rate = shown
            .split(" · ")
            .find(|p| p.ends_with("văn bản/giây"))
            .and_then(|p| p.split(' ').next())
            .unwrap_or_default()
            .to_owned();
        assert!(rate.parse::<f64>().is_ok(), "rate is a number: {shown:?}");
    }
}
