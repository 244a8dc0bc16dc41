//! The reference sheet (`vanban mau`): one Party and one State sample decision, each on
//! one page and in a three-page variant with an attached list, rendered through the same
//! templates, escaper and engine as real documents.
//!
//! The values are made up and plainly generic ("xã Mẫu Thử", "Nguyễn Văn A"); the layout
//! library itself names no body (D16). The layout tests and the PNG snapshots compile
//! these samples, so a change to the thể thức shows up here first.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

use crate::compile;
use crate::diagnostics::Diagnostic;
use crate::fonts::{FontOptions, FontPolicy, FontSet};
use crate::model::{Date, Regime};
use crate::plan::SignerView;
use crate::render::Templates;
use crate::the_thuc;
use crate::world::Engine;

/// The template of the sample decision.
pub const TEMPLATE: &str = "quyet-dinh-mau.typ.tera";

/// One sample document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// File name without extension: `mau-dang`, `mau-nha-nuoc-3-trang`.
    pub name: &'static str,
    /// Party or State form.
    pub regime: Regime,
    /// The three-page variant: more articles and the attached list.
    pub long: bool,
}

/// Every sample, Party first.
pub const SAMPLES: [Sample; 4] = [
    Sample {
        name: "mau-dang",
        regime: Regime::Dang,
        long: false,
    },
    Sample {
        name: "mau-nha-nuoc",
        regime: Regime::NhaNuoc,
        long: false,
    },
    Sample {
        name: "mau-dang-3-trang",
        regime: Regime::Dang,
        long: true,
    },
    Sample {
        name: "mau-nha-nuoc-3-trang",
        regime: Regime::NhaNuoc,
        long: true,
    },
];

/// The sample's date, 5 February 2025: a day and a month that both take a leading zero.
pub fn date() -> Date {
    Date(NaiveDate::from_ymd_opt(2025, 2, 5).expect("a valid date"))
}

#[derive(Serialize)]
struct Header {
    superior: Option<String>,
    issuer: String,
    number_line: String,
    place_date: String,
}

#[derive(Serialize)]
struct Article {
    no: u32,
    paragraphs: Vec<String>,
}

#[derive(Serialize)]
struct Section {
    heading: String,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct Attachment {
    title: String,
    subtitle: String,
    attached_line: String,
    columns: Vec<String>,
    sections: Vec<Section>,
}

/// The Tera context of a sample.
pub fn context(sample: &Sample, font: &str) -> tera::Context {
    let regime = sample.regime;
    let party = regime == Regime::Dang;
    let d = date();
    let (superior, issuer, abbr, place) = if party {
        (
            "Đảng ủy xã Mẫu Thử",
            "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
            "BCĐ",
            "Mẫu Thử",
        )
    } else {
        (
            "UBND tỉnh Mẫu",
            "Ủy ban nhân dân xã Mẫu Thử",
            "UBND",
            "Mẫu Thử",
        )
    };
    let symbol = the_thuc::symbol(regime, 5, "QĐ", abbr);
    let signer = if party {
        SignerView {
            authority: vec!["K/T TRƯỞNG BAN".into()],
            title: "PHÓ TRƯỞNG BAN".into(),
            name: "Trần Văn B".into(),
        }
    } else {
        SignerView {
            authority: vec!["TM. ỦY BAN NHÂN DÂN".into(), "KT. CHỦ TỊCH".into()],
            title: "PHÓ CHỦ TỊCH".into(),
            name: "Trần Văn B".into(),
        }
    };
    let authority = if party {
        "TRƯỞNG BAN CHỈ ĐẠO QUYẾT ĐỊNH".to_owned()
    } else {
        the_thuc::authority_title(issuer, &signer.authority, &signer.title)
    };
    let bases: Vec<String> = if party {
        vec![
            "Căn cứ Quy chế làm việc của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Mẫu Thử".into(),
            "Căn cứ Kế hoạch số 01-KH/BCĐ ngày 10/01/2024 của Ban Chỉ đạo về phong trào thi đua “Dân vận khéo” năm 2024".into(),
            "Xét đề nghị của Thường trực Ban Chỉ đạo".into(),
        ]
    } else {
        vec![
            "Căn cứ Luật Tổ chức chính quyền địa phương".into(),
            "Căn cứ Luật Thi đua, khen thưởng".into(),
            "Theo đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã".into(),
        ]
    };
    let mut articles = vec![
        Article {
            no: 1,
            paragraphs: vec![if sample.long {
                "Công nhận 03 tập thể và 04 cá nhân đạt danh hiệu “Dân vận khéo” năm 2024 (có danh sách kèm theo).".into()
            } else {
                "Công nhận 03 tập thể và 04 cá nhân đạt danh hiệu “Dân vận khéo” năm 2024.".into()
            }],
        },
        Article {
            no: 2,
            paragraphs: vec![
                "Quyết định có hiệu lực kể từ ngày ký.".into(),
            ],
        },
        Article {
            no: 3,
            paragraphs: vec![
                "Văn phòng, các đoàn thể và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.".into(),
            ],
        },
    ];
    if sample.long {
        // Enough running text to fill page 1 and part of page 2, so the page number
        // appears on pages 2 and 3 and the signature lands on page 2.
        let filler = "Các tập thể, cá nhân được công nhận tiếp tục phát huy cách làm hay, tác dụng thiết thực và tính lan tỏa của mô hình; nhân rộng những kinh nghiệm trong công tác dân vận, gắn với việc thực hiện nhiệm vụ chính trị của địa phương, cơ quan, đơn vị; thường xuyên báo cáo kết quả với Thường trực.";
        articles[1].paragraphs = (1..=7).map(|i| format!("{i}. {filler}")).collect();
        articles[1].paragraphs.insert(
            0,
            "Trách nhiệm của các tập thể, cá nhân được công nhận:".into(),
        );
    }
    let last = articles.last_mut().expect("three articles");
    let p = last.paragraphs.last_mut().expect("a paragraph");
    *p = the_thuc::end_text(p);

    let recipients = the_thuc::recipients(
        regime,
        Some("Như Điều 3"),
        &[
            if party {
                "Thường trực Đảng ủy xã (b/c)".to_owned()
            } else {
                "TT Đảng ủy, TT HĐND xã (b/c)".to_owned()
            },
            "Các đoàn thể chính trị - xã hội xã".to_owned(),
            if party { "Lưu VP" } else { "Lưu VT, VP" }.to_owned(),
        ],
    );
    let attachment = sample.long.then(|| Attachment {
        title: "Danh sách tập thể, cá nhân đạt danh hiệu “Dân vận khéo”".into(),
        subtitle: "năm 2024".into(),
        attached_line: the_thuc::attached_line(
            "Quyết định",
            &symbol,
            d,
            if party {
                "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Mẫu Thử"
            } else {
                "Chủ tịch Ủy ban nhân dân xã Mẫu Thử"
            },
        ),
        columns: vec![
            "STT".into(),
            "Tên tập thể, họ và tên".into(),
            "Chức vụ, đơn vị (địa chỉ)".into(),
            "Mô hình".into(),
        ],
        sections: vec![
            Section {
                heading: "I. Tập thể".into(),
                rows: vec![
                    row(
                        1,
                        "Chi hội Nông dân ấp Một",
                        "Ấp Một, xã Mẫu Thử",
                        "Đường hoa nông thôn mới",
                    ),
                    row(
                        2,
                        "Chi đoàn ấp Hai",
                        "Ấp Hai, xã Mẫu Thử",
                        "Thắp sáng đường quê",
                    ),
                    row(
                        3,
                        "Tổ phụ nữ ấp Ba",
                        "Ấp Ba, xã Mẫu Thử",
                        "Tiết kiệm giúp nhau",
                    ),
                ],
            },
            Section {
                heading: "II. Cá nhân".into(),
                rows: vec![
                    row(
                        4,
                        "Nguyễn Văn A",
                        "Trưởng ấp Một",
                        "Vận động hiến đất làm đường",
                    ),
                    row(
                        5,
                        "Lê Thị Ă",
                        "Chi hội trưởng Phụ nữ ấp Hai",
                        "Nuôi heo đất giúp hội viên",
                    ),
                    row(
                        6,
                        "Phạm Văn Đ",
                        "Bí thư Chi đoàn ấp Ba",
                        "Sân chơi thiếu nhi",
                    ),
                    row(
                        7,
                        "Võ Thị Ơ",
                        "Công chức Văn phòng xã",
                        "Tiếp dân ngày thứ Bảy",
                    ),
                ],
            },
        ],
    });

    let mut c = tera::Context::new();
    c.insert("font", font);
    c.insert("party", &party);
    c.insert(
        "header",
        &Header {
            superior: Some(the_thuc::upper(superior)),
            issuer: the_thuc::upper(issuer),
            number_line: the_thuc::number_line(regime, 5, "QĐ", abbr),
            place_date: the_thuc::date_line(place, d),
        },
    );
    c.insert("kind", "QUYẾT ĐỊNH");
    c.insert(
        "summary",
        "Về việc công nhận tập thể, cá nhân đạt danh hiệu “Dân vận khéo” năm 2024",
    );
    c.insert("authority", &authority);
    c.insert("bases", &the_thuc::bases(regime, &bases));
    c.insert("articles", &articles);
    c.insert("recipients", &recipients);
    c.insert("signer", &signer);
    c.insert("attachment", &attachment);
    c
}

fn row(stt: u32, name: &str, detail: &str, model: &str) -> Vec<String> {
    vec![stt.to_string(), name.into(), detail.into(), model.into()]
}

/// The built-in templates and an engine over the chosen fonts, without a dataset.
pub fn engine(fonts: FontPolicy) -> (Templates, Engine) {
    let templates = Templates::load(None).expect("the built-in templates parse");
    let fonts = FontSet::load(&FontOptions {
        dataset_dir: None,
        system: fonts == FontPolicy::WithSystem,
    });
    let engine = Engine::new(fonts, &templates.lib, Vec::new());
    (templates, engine)
}

/// Renders and lays out one sample.
pub fn layout(
    templates: &Templates,
    engine: &Engine,
    sample: &Sample,
) -> Result<PagedDocument, Vec<Diagnostic>> {
    let source = templates
        .render(TEMPLATE, &context(sample, engine.fonts.family()))
        .map_err(|d| vec![d])?;
    compile::layout(engine, source, date(), templates.template_ref(TEMPLATE))
}

/// The PDF bytes of one sample.
pub fn pdf(
    templates: &Templates,
    engine: &Engine,
    sample: &Sample,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let doc = layout(templates, engine, sample)?;
    compile::pdf(&doc, &format!("vanban/mau/{}", sample.name), date())
}

/// Writes every sample as `<dir>/<name>.pdf`.
pub fn write(dir: &Path, fonts: FontPolicy) -> anyhow::Result<Vec<PathBuf>> {
    let (templates, engine) = engine(fonts);
    let mut written = Vec::new();
    for sample in &SAMPLES {
        let bytes = pdf(&templates, &engine, sample).map_err(|diags| {
            let msgs: Vec<String> = diags.iter().map(Diagnostic::render).collect();
            anyhow::anyhow!(
                "không dựng được văn bản mẫu {}:\n{}",
                sample.name,
                msgs.join("\n")
            )
        })?;
        let path = dir.join(format!("{}.pdf", sample.name));
        crate::write::atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
