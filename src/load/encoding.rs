//! Text typed in a legacy encoding, checked per record as it loads: an error where the
//! text is printed on a certificate, a warning elsewhere, with the Unicode reading and
//! how to convert the file. The tables and the detector are [`crate::legacy`]'s.

use serde_norway::Value;

use super::{Dataset, Origin};
use crate::diagnostics::{Code, Diagnostic};
use crate::legacy::detect;

/// Keys whose values are identifiers or paths, never text: no legacy check.
const NOT_TEXT: [&str; 3] = ["ma", "loai", "bieu_trung"];

/// Keys whose text is printed on a certificate (the recipient, the signer, the body):
/// there a legacy encoding is an error, elsewhere a warning.
const PRINTED: [&str; 9] = [
    "ho_ten",
    "ten",
    "chuc_vu",
    "don_vi",
    "ly_do",
    "quyen_han",
    "co_quan_cap_tren",
    "dia_danh",
    "phong_trao",
];

/// Checks every text of one record (`loai` already removed) for a legacy encoding.
/// Returns whether an error was found: the record is then dropped, so garbled text is
/// never printed.
pub(super) fn check_record(
    ds: &Dataset,
    origin: &Origin,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut found = Vec::new();
    crate::limits::each_text(value, String::new(), None, &mut |path, key, text| {
        if key.is_some_and(|k| NOT_TEXT.contains(&k)) {
            return;
        }
        if let Some(f) = detect(text) {
            found.push((path.to_owned(), key.map(str::to_owned), f));
        }
    });
    let mut error = false;
    for (path, key, f) in found {
        let printed = key.as_deref().is_some_and(|k| PRINTED.contains(&k));
        error |= printed;
        let message = format!(
            "`{}` được gõ bằng {}: chữ in ra sẽ sai",
            crate::diagnostics::display_path(&path),
            f.encoding.label()
        );
        let d = if printed {
            Diagnostic::error(message)
        } else {
            Diagnostic::warning(message)
        };
        let file = &ds.files[origin.file];
        diags.push(
            d.code(Code::LegacyEncoding)
                .at_value(ds.locate_value(origin, &path, "chữ gõ bằng bảng mã cũ"))
                .field(path.clone())
                .hint(format!(
                    "đọc theo Unicode là «{}»; sửa lại cho đúng, hoặc chạy `vanban chuyen-ma {}` để chuyển cả tệp sang Unicode (giữ bản cũ là .bak)",
                    f.unicode,
                    file.display.display()
                )),
        );
    }
    error
}
