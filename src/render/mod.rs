//! Render: Tera templates → Typst source.
//!
//! Templates are embedded in the binary; a `templates/` folder in the dataset overrides
//! any of them by file name (and the layout library under `templates/lib/`). Every value
//! printed with `{{ … }}` goes through [`escape::markup`], Tera's autoescape for `.typ`
//! templates; `| safe` is only for markup our own filters built.

pub mod escape;

use std::collections::HashMap;
use std::path::Path;

use tera::{Tera, Value};

use crate::diagnostics::{Diagnostic, Location};

/// The template a source was rendered from, so errors (Tera's here, typst's in
/// `compile`) point at it.
#[derive(Debug, Clone, Copy)]
pub struct TemplateRef<'a> {
    /// Shown to the user: `templates/giay-khen.typ.tera`.
    pub name: &'a str,
    /// The template's text, whose lines errors quote.
    pub text: &'a str,
}

/// Document templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    // Macros imported by the documents below: it must be added to Tera first.
    (
        "phan.typ.tera",
        include_str!("../../templates/phan.typ.tera"),
    ),
    ("thu.typ.tera", include_str!("../../templates/thu.typ.tera")),
    (
        "to-trinh.typ.tera",
        include_str!("../../templates/to-trinh.typ.tera"),
    ),
    (
        "quyet-dinh.typ.tera",
        include_str!("../../templates/quyet-dinh.typ.tera"),
    ),
    (
        "bao-cao-tong-hop.typ.tera",
        include_str!("../../templates/bao-cao-tong-hop.typ.tera"),
    ),
    (
        "giay-khen.typ.tera",
        include_str!("../../templates/giay-khen.typ.tera"),
    ),
];

/// The shared Typst layout library, served to typst under `/lib/`.
const LIB: &[(&str, &str)] = &[
    (
        "lib/chung.typ",
        include_str!("../../templates/lib/chung.typ"),
    ),
    (
        "lib/giay-khen.typ",
        include_str!("../../templates/lib/giay-khen.typ"),
    ),
    (
        "lib/the-thuc.typ",
        include_str!("../../templates/lib/the-thuc.typ"),
    ),
    (
        "lib/dan-van.typ",
        include_str!("../../templates/lib/dan-van.typ"),
    ),
];

/// The parsed templates of a run and the layout library's text.
pub struct Templates {
    tera: Tera,
    /// Template name → (name shown to the user, text).
    shown: HashMap<String, (String, String)>,
    /// `/lib/…` virtual path → text.
    pub lib: Vec<(String, String)>,
}

impl Templates {
    /// Loads the embedded templates, overridden by those in `dir` (a dataset's
    /// `templates/`, see [`crate::paths`]) where present.
    pub fn load(dir: Option<&Path>) -> Result<Templates, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        // A dataset's own template that cannot be read is an error, never a silent fall-back
        // to the built-in one: the user would print papers they did not write.
        let mut pick = |name: &str, builtin: &str| -> (String, String) {
            if let Some(dir) = &dir {
                let p = dir.join(name);
                match std::fs::read(&p) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => return (p.display().to_string(), text),
                        Err(_) => diags.push(
                            Diagnostic::error("mẫu văn bản không được lưu bằng mã UTF-8")
                                .code(crate::codes::Code::NotUtf8)
                                .at(Location::file(&p))
                                .hint("mở tệp mẫu bằng Notepad, chọn Lưu thành… với Mã hóa UTF-8, rồi chạy lại"),
                        ),
                    },
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => diags.push(
                        Diagnostic::error(format!("không đọc được mẫu văn bản: {e}"))
                            .code(crate::codes::Code::UnreadableFile)
                            .at(Location::file(&p))
                            .hint("kiểm tra quyền đọc tệp, hoặc xóa tệp này để dùng mẫu có sẵn"),
                    ),
                }
            }
            (format!("templates/{name} (mẫu có sẵn)"), builtin.to_owned())
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".typ.tera", ".typ"]);
        tera.set_escape_fn(escape::markup);
        tera.register_filter("paragraphs", Paragraphs);
        tera.register_filter("str", StringLiteral);
        tera.register_filter("lines", Lines);
        // Tera always offers `get_env`; a dataset's template must not print the machine's
        // environment into a PDF, so it is replaced by one that refuses.
        tera.register_function("get_env", NoMachine);
        let mut shown = HashMap::new();
        let mut syntax = Vec::new();
        for (name, builtin) in TEMPLATES {
            let (display, text) = pick(name, builtin);
            if let Err(e) = tera.add_raw_template(name, &text) {
                syntax.push(
                    Diagnostic::error(format!("mẫu văn bản sai cú pháp Tera: {}", tera_message(&e)))
                        .code(crate::codes::Code::Template)
                        .at(Location::file(display.clone()))
                        .hint("sửa mẫu trong thư mục templates/ của bộ dữ liệu, hoặc xóa tệp này để dùng mẫu có sẵn"),
                );
            }
            shown.insert((*name).to_owned(), (display, text));
        }
        let lib = LIB
            .iter()
            .map(|(name, builtin)| (format!("/{name}"), pick(name, builtin).1))
            .collect();
        diags.extend(syntax);
        if diags.is_empty() {
            Ok(Templates { tera, shown, lib })
        } else {
            Err(diags)
        }
    }

    /// Renders template `name` with `context` into Typst source.
    // One diagnostic per failed document: its size does not matter on this path.
    #[allow(clippy::result_large_err)]
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            Diagnostic::error(format!("không dựng được văn bản từ mẫu: {}", tera_message(&e)))
                .code(crate::codes::Code::Template)
                .at(Location::file(self.template_ref(name).name))
                .hint("mẫu dùng một biến không có; nếu bạn đã sửa mẫu trong templates/ của bộ dữ liệu, hãy đối chiếu với mẫu có sẵn")
        })
    }

    /// A planned document's Typst source, set in the family the engine chose.
    #[allow(clippy::result_large_err)]
    pub fn document(&self, job: &crate::plan::Job, font: &str) -> Result<String, Diagnostic> {
        let mut context = job.values.context();
        context.insert("font", font);
        self.render(job.template(), &context)
    }

    /// The template's shown name and text, for pointing errors at it.
    pub fn template_ref(&self, name: &str) -> TemplateRef<'_> {
        let (shown, text) = &self.shown[name];
        TemplateRef { name: shown, text }
    }
}

fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// `{{ text | paragraphs }}`: a text field as escaped paragraphs (see [`escape::paragraphs`]).
struct Paragraphs;

impl tera::Filter for Paragraphs {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        Ok(Value::String(escape::paragraphs(
            value.as_str().unwrap_or_default(),
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ value | lines }}`: a name whose line breaks in the data are kept (see
/// [`escape::lines`]); every line escaped.
struct Lines;

impl tera::Filter for Lines {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        Ok(Value::String(escape::lines(
            value.as_str().unwrap_or_default(),
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ value | str }}`: a Typst string literal, for a value passed to a function in code.
struct StringLiteral;

impl tera::Filter for StringLiteral {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Ok(Value::String(escape::string_literal(&text)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Stands in for template functions that would read the machine.
struct NoMachine;

impl tera::Function for NoMachine {
    fn call(&self, _: &HashMap<String, Value>) -> tera::Result<Value> {
        Err(tera::Error::msg(
            "mẫu văn bản không được đọc biến môi trường của máy (`get_env`)",
        ))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset's template cannot read the environment: `get_env` fails the document.
    #[test]
    fn templates_cannot_read_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/giay-khen.typ.tera"),
            "{{ get_env(name=\"PATH\") }}",
        )
        .unwrap();
        let t = Templates::load(Some(&dir.path().join("templates"))).expect("the template parses");
        let err = t
            .render("giay-khen.typ.tera", &tera::Context::new())
            .unwrap_err();
        assert!(err.render().contains("get_env"), "{}", err.render());
        assert!(
            !err.render()
                .contains(&std::env::var("PATH").unwrap_or_default())
        );
    }

    /// A dataset's template that is not UTF-8 is an error naming it, not a silent fall-back.
    #[test]
    fn an_unreadable_template_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/giay-khen.typ.tera"),
            b"\xff\xfe\x00G",
        )
        .unwrap();
        let diags = Templates::load(Some(&dir.path().join("templates")))
            .err()
            .expect("refused");
        assert!(diags[0].message.contains("UTF-8"));
        assert!(
            diags[0]
                .location
                .as_ref()
                .unwrap()
                .file
                .ends_with("giay-khen.typ.tera")
        );
    }
}
