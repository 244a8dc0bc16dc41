//! Deserializing a record so that every mistake in it is reported in one run: each serde
//! error is described in Vietnamese at its line, then mended in a copy of the record (an
//! unknown key removed, a missing or wrong value replaced by a stand-in of its type) and
//! the record tried again.

use super::*;

/// Deserializes a record and keeps it if it and the checks before (`failed`) are clean.
///
/// serde stops at a record's first error, and one record with four mistakes took four
/// runs to fix. So each error is reported, then mended in a copy of the record (an unknown
/// key removed, a missing or wrong value replaced by a stand-in of the expected type) and
/// the record deserialized again, until it goes through. Errors inside a stand-in are the
/// stand-in's own, not the user's, and are mended silently. The record is still dropped.
pub(super) fn push<T: DeserializeOwned>(
    ds: &mut Dataset,
    origin: Origin,
    mut value: Value,
    failed: bool,
    diags: &mut Vec<Diagnostic>,
    list: impl FnOnce(&mut Dataset) -> &mut Vec<Loaded<T>>,
) {
    let mut reported = false;
    let mut stand_ins: Vec<String> = Vec::new();
    // Keys a misspelt key was taken for (`ho_tne` → `ho_ten`): their absence is the same
    // mistake, already reported with its did-you-mean.
    let mut misspelt: Vec<String> = Vec::new();
    let mut tries: HashMap<String, usize> = HashMap::new();
    // Each round mends one key; no record of the contract has this many.
    for _ in 0..500 {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(record) => {
                if !failed && !reported {
                    list(ds).push(Loaded { origin, record });
                }
                return;
            }
            Err(e) => e,
        };
        let segments: Vec<Segment> = e.path().iter().cloned().collect();
        let raw = e.inner().to_string();
        let key = raw
            .strip_prefix("missing field `")
            .or_else(|| raw.strip_prefix("unknown field `"))
            .and_then(|k| k.split('`').next());
        // The key path of the value at fault: a missing key's own path, not its parent's.
        let mut at = segments.clone();
        if let Some(k) = key
            && !matches!(at.last(), Some(Segment::Map { key }) if key == k)
        {
            at.push(Segment::Map { key: k.to_owned() });
        }
        let at_text = segments_text(&at);
        if let Some(rest) = raw.strip_prefix("unknown field `") {
            let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
            if let Some(meant) = suggest(key, &backticked(expected)) {
                let parent = segments_text(&at[..at.len().saturating_sub(1)]);
                misspelt.push(join(&parent, meant));
            }
        }
        let inside_stand_in = stand_ins.iter().any(|s| within(&at_text, s))
            || (raw.starts_with("missing field `") && misspelt.contains(&at_text));
        if !inside_stand_in {
            diags.push(describe(ds, &origin, &e));
            reported = true;
        }
        let tried = tries.entry(at_text.clone()).or_default();
        *tried += 1;
        if raw.starts_with("unknown field `") {
            if !remove(&mut value, &at) {
                return;
            }
            continue;
        }
        if !inside_stand_in {
            stand_ins.push(at_text);
        }
        // The type the message asks for, else the next guess of the list; never the value
        // that just failed.
        let current = node_mut(&mut value, &at).cloned();
        let fresh = |v: &Value| Some(v) != current.as_ref();
        let Some(next) = stand_in(&raw)
            .filter(fresh)
            .or_else(|| STAND_INS.iter().map(|f| f()).filter(fresh).nth(*tried - 1))
        else {
            return;
        };
        if !set(&mut value, &at, next) {
            return;
        }
    }
}

/// The located diagnostic of one deserialization error.
pub(super) fn describe(
    ds: &Dataset,
    origin: &Origin,
    e: &serde_path_to_error::Error<serde_norway::Error>,
) -> Diagnostic {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let (message, hint, key) = translate(&e.inner().to_string());
    // serde_path_to_error already ends the path with an unknown key, not with a
    // missing one; either way the field shown is the key itself.
    let field = match &key {
        Some(k) if path == *k || path.ends_with(&format!(".{k}")) => path.clone(),
        Some(k) => join(&path, k),
        None => path.clone(),
    };
    // An unknown or missing key has no line of its own in a parent's path:
    // point at the key itself when it exists, else at the record that lacks it.
    let d = Diagnostic::error(message).code(crate::codes::Code::of_serde(&e.inner().to_string()));
    let mut d = match key {
        Some(_) => d.at(ds.locate(origin, &field)),
        None => d.at_value(ds.locate_value(origin, &field, "giá trị này")),
    }
    .field(field);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    // Coded keys also take their Vietnamese label: say so where one is refused.
    let last = path.rsplit('.').next().unwrap_or(&path);
    if e.inner().to_string().starts_with("unknown variant")
        && let Some(h) = d.hint.as_mut()
        && [
            "gioi_tinh",
            "doi_tuong",
            "linh_vuc",
            "ten",
            "cap",
            "he",
            "hinh_thuc",
        ]
        .contains(&last)
    {
        h.push_str(&format!(
            "; viết tên tiếng Việt (như bảng kết quả in) cũng được — xem `vanban khoa {last}`"
        ));
    }
    d
}

/// Stand-ins tried in turn for a value whose type the error does not name.
pub(super) const STAND_INS: [fn() -> Value; 5] = [
    || Value::String("x".into()),
    || Value::Mapping(Default::default()),
    || Value::Sequence(Vec::new()),
    || Value::Number(0.into()),
    || Value::Bool(false),
];

/// A value of the type serde's error asks for, to mend the record with, when the message
/// names one.
pub(super) fn stand_in(raw: &str) -> Option<Value> {
    let expected = raw.split(", expected ").nth(1).unwrap_or("");
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let names = backticked(rest.split_once('`').map(|x| x.1).unwrap_or(""));
        return names.first().map(|n| Value::String(n.clone()));
    }
    Some(if raw.contains("ngày") {
        Value::String("2000-01-01".into())
    } else if expected.starts_with("struct") || expected.starts_with("a map") {
        Value::Mapping(Default::default())
    } else if expected.starts_with("a sequence") {
        Value::Sequence(Vec::new())
    } else if expected.starts_with("a boolean") {
        Value::Bool(false)
    } else if ["i32", "u32", "i64", "u64", "u16", "u8", "f64"].contains(&expected) {
        Value::Number(1.into())
    } else if expected.starts_with("a string") || expected.starts_with("một") {
        Value::String("x".into())
    } else {
        return None;
    })
}

/// `a.b[2].c` from path segments, as `serde_path_to_error` prints it.
pub(super) fn segments_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => out = join(&out, key),
            Segment::Unknown => out = join(&out, "?"),
        }
    }
    out
}

/// Whether path `p` is `base` or lies under it.
pub(super) fn within(p: &str, base: &str) -> bool {
    p == base
        || base.is_empty()
        || p.strip_prefix(base)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The value at `path` inside `v`, if the path leads somewhere.
pub(super) fn node_mut<'a>(v: &'a mut Value, path: &[Segment]) -> Option<&'a mut Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(v);
    };
    let v = match v {
        Value::Tagged(t) => &mut t.value,
        v => v,
    };
    let next = match (first, v) {
        (Segment::Seq { index }, Value::Sequence(items)) => items.get_mut(*index)?,
        (Segment::Map { key }, Value::Mapping(m)) => m.get_mut(key.as_str())?,
        _ => return None,
    };
    node_mut(next, rest)
}

/// Removes the key at the end of `path`; whether there was one.
pub(super) fn remove(v: &mut Value, path: &[Segment]) -> bool {
    let Some((Segment::Map { key }, parent)) = path.split_last() else {
        return false;
    };
    match node_mut(v, parent) {
        Some(Value::Mapping(m)) => m.remove(key.as_str()).is_some(),
        _ => false,
    }
}

/// Puts `new` at `path`, adding the last key to its mapping if it is missing.
pub(super) fn set(v: &mut Value, path: &[Segment], new: Value) -> bool {
    if let Some(slot) = node_mut(v, path) {
        if *slot == new {
            return false;
        }
        *slot = new;
        return true;
    }
    let Some((Segment::Map { key }, parent)) = path.split_last() else {
        return false;
    };
    match node_mut(v, parent) {
        Some(Value::Mapping(m)) => {
            m.insert(Value::String(key.clone()), new);
            true
        }
        _ => false,
    }
}

/// Turns serde's English error into a Vietnamese message, a hint and, for unknown or
/// missing keys, the key concerned.
pub(super) fn translate(raw: &str) -> (String, Option<String>, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let names = backticked(expected);
        let hint = match suggest(key, &names) {
            Some(s) => format!("có phải ý bạn là `{s}`? Sửa tên khóa cho đúng, hoặc xóa dòng này"),
            None => format!("các khóa được dùng ở đây: {}", names.join(", ")),
        };
        return (
            format!("khóa `{key}` không có trong quy định dữ liệu"),
            Some(hint),
            Some(key.to_owned()),
        );
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return (
            format!("thiếu khóa bắt buộc `{key}`"),
            Some(format!("thêm dòng `{key}: …` vào bản ghi này")),
            Some(key.to_owned()),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (val, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let names = backticked(expected);
        let hint = match suggest(val, &names) {
            Some(s) => format!(
                "có phải ý bạn là `{s}`? Các giá trị được dùng: {}",
                names.join(", ")
            ),
            None => format!("dùng một trong: {}", names.join(", ")),
        };
        return (
            format!("giá trị `{val}` không hợp lệ ở đây"),
            Some(hint),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "giá trị sai kiểu: cần {}, nhưng đang là {}",
                expected_vi(expected),
                found_vi(found)
            ),
            Some(
                "sửa giá trị cho đúng kiểu; văn bản có dấu `:` hay `#` thì đặt trong ngoặc kép"
                    .to_owned(),
            ),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "giá trị không hợp lệ: cần {}, nhưng đang là {}",
                expected_vi(expected),
                found_vi(found)
            ),
            None,
            None,
        );
    }
    if raw.starts_with("invalid length") {
        return ("danh sách có số mục không đúng".to_owned(), None, None);
    }
    // Our own visitors already speak Vietnamese (dates, scalars) and say the right form.
    (
        raw.to_owned(),
        Some("sửa giá trị ở dòng này theo dạng nêu trên, rồi chạy lại `vanban check`".to_owned()),
        None,
    )
}

pub(super) fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

pub(super) fn found_vi(found: &str) -> String {
    let kind = found.split_whitespace().next().unwrap_or(found);
    let detail = found.split_once(' ').map(|x| x.1).unwrap_or("");
    match kind {
        "string" => format!("chữ {detail}"),
        "integer" | "floating" => format!("số {}", detail.trim_start_matches("point ")),
        "boolean" => format!("giá trị đúng/sai {detail}"),
        "map" => "một bảng khóa (các dòng `khóa: giá trị`)".to_owned(),
        "sequence" => "một danh sách (các dòng `- …`)".to_owned(),
        "unit" => "rỗng (chưa điền gì)".to_owned(),
        _ => found.to_owned(),
    }
}

pub(super) fn expected_vi(expected: &str) -> String {
    match expected {
        "a string" => "một dòng chữ".to_owned(),
        "a boolean" => "`true` hoặc `false`".to_owned(),
        "a sequence" => "một danh sách (các dòng `- …`)".to_owned(),
        "i32" | "u32" | "i64" | "u64" => "một số nguyên".to_owned(),
        "f64" => "một số".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("a map") => {
            "một bảng khóa (các dòng `khóa: giá trị` thụt vào)".to_owned()
        }
        e if e.starts_with("enum ") || e.starts_with("variant") => {
            "một giá trị trong danh sách cho phép".to_owned()
        }
        e => e.to_owned(),
    }
}
