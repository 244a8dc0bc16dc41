//! Where a record's field is, for a diagnostic: its key's line and column in a YAML file
//! (or its spreadsheet cell), or the value itself, underlined.

use super::*;

impl Dataset {
    /// The location of `field` (a key path inside the record) for diagnostics.
    pub fn locate(&self, origin: &Origin, field: &str) -> Location {
        let file = &self.files[origin.file];
        if let Some((cell, value)) = file.cell(origin.doc, field) {
            return Location::cell(file.display.clone(), cell, value);
        }
        let path = if field.is_empty() {
            origin.path.clone()
        } else if origin.path.is_empty() {
            field.to_owned()
        } else {
            format!("{}.{field}", origin.path)
        };
        location(file, file.locate(origin.doc, &path))
    }
}

impl Dataset {
    /// Where a record starts: its first line (or, from a spreadsheet, its row's name cell).
    pub fn locate_record(&self, origin: &Origin) -> Location {
        let file = &self.files[origin.file];
        match file.record_line(origin.doc, &origin.path) {
            Some(line) if file.rows.is_empty() => location(file, Pos { line, col: 1 }),
            _ => self.locate(origin, ""),
        }
    }

    /// The location of the *value* of `field`, underlined and labelled: where a wrong
    /// value is, rather than its key. A spreadsheet cell, or a field with no scalar value,
    /// is located as [`Dataset::locate`] does.
    pub fn locate_value(
        &self,
        origin: &Origin,
        field: &str,
        label: &str,
    ) -> (Location, Option<crate::diagnostics::Underline>) {
        let file = &self.files[origin.file];
        let path = if origin.path.is_empty() {
            field.to_owned()
        } else if field.is_empty() {
            origin.path.clone()
        } else {
            format!("{}.{field}", origin.path)
        };
        match file.value(origin.doc, &path) {
            Some(pos) if file.rows.is_empty() => {
                let width = file
                    .line_text(pos.line)
                    .map(|l| {
                        let rest: String = l.chars().skip(pos.col - 1).collect();
                        // A trailing comment is not part of the value.
                        let rest = rest.split(" #").next().unwrap_or("").trim_end();
                        rest.chars().count()
                    })
                    .unwrap_or(1);
                let underline = crate::diagnostics::Underline {
                    width,
                    label: label.to_owned(),
                };
                (location(file, pos), Some(underline))
            }
            _ => (self.locate(origin, field), None),
        }
    }
}

/// `loc` with its line cut to what a terminal shows: the line of a 100 KB value is not
/// printed whole.
pub(super) fn clipped(mut loc: Location) -> Location {
    const SHOWN: usize = 120;
    if let Some(line) = &mut loc.snippet
        && line.chars().count() > SHOWN
    {
        *line = format!("{} …", line.chars().take(SHOWN).collect::<String>());
    }
    loc
}

pub(super) fn location(file: &SourceFile, pos: Pos) -> Location {
    Location::line(
        file.display.clone(),
        pos.line,
        pos.col,
        file.line_text(pos.line).map(str::to_owned),
    )
}
