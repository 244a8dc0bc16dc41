//! The achievement report (`bao-cao/<ma>.pdf`) with its confirmation block: the sections
//! HD 26 names (cách làm, kinh nghiệm, tác dụng, tính lan tỏa) after the situation and
//! the results, the figures table when `so_lieu` is given.

use serde::Serialize;

use super::common::{self, Block, Labelled, OwnHeaderView, Part, Table, TableRow};
use super::registration::unit_signer;
use super::{Job, Values};
use crate::doc_kind::DocKind;
use crate::model::{Collective, ConfirmerKind, Person, Report, Round};
use crate::the_thuc;

#[derive(Debug, Serialize)]
struct ReportView {
    header: OwnHeaderView,
    title: String,
    identity: Vec<Labelled>,
    parts: Vec<Part>,
    #[serde(rename = "left")]
    confirmation: Block,
    #[serde(rename = "right")]
    reporter: Block,
    /// None: the report's last part ends the text.
    closing: Option<String>,
}

fn parts(rep: &Report, collective: bool) -> Vec<Part> {
    let text = |heading: &str, t: &str| Part {
        heading: heading.into(),
        text: Some(t.to_owned()),
        ..Part::default()
    };
    let figures = rep
        .figures
        .as_ref()
        .filter(|f| !f.is_empty())
        .map(|f| Table {
            columns: vec!["STT".into(), "Chỉ tiêu".into(), "Kết quả".into()],
            widths: "(12mm, 1fr, 50mm)",
            rows: f
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    TableRow::plain(vec![
                        the_thuc::number(i as u32 + 1),
                        x.indicator.trim().to_owned(),
                        x.result.trim().to_owned(),
                    ])
                })
                .collect(),
            total: false,
        });
    let mut parts = common::number_parts(vec![
        text(
            if collective {
                "ĐẶC ĐIỂM, TÌNH HÌNH"
            } else {
                "ĐẶC ĐIỂM, TÌNH HÌNH, NHIỆM VỤ ĐƯỢC GIAO"
            },
            &rep.situation,
        ),
        Part {
            heading: "KẾT QUẢ THỰC HIỆN".into(),
            text: Some(rep.results.clone()),
            table: figures,
            ..Part::default()
        },
        text("CÁCH LÀM", &rep.method),
        text("BÀI HỌC KINH NGHIỆM", &rep.lessons),
        text("TÁC DỤNG, HIỆU QUẢ", &rep.effect),
        text("TÍNH LAN TỎA, NHÂN RỘNG", &rep.spread),
    ]);
    if let Some(last) = parts.last_mut()
        && let Some(t) = &last.text
    {
        last.text = Some(the_thuc::end_text(t));
    }
    parts
}

fn confirmation(rep: &Report) -> Block {
    let c = &rep.confirmation;
    Block {
        lines: vec![
            match c.kind {
                ConfirmerKind::CapUy => "XÁC NHẬN CỦA CẤP ỦY".into(),
                ConfirmerKind::ThuTruong => "XÁC NHẬN CỦA THỦ TRƯỞNG".into(),
            },
            the_thuc::upper(c.body.trim()),
        ],
        date: Some(the_thuc::date_capital(c.date)),
        opinion: c
            .opinion
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        authority: match c.kind {
            ConfirmerKind::CapUy => common::on_behalf_of(&c.body).into_iter().collect(),
            ConfirmerKind::ThuTruong => Vec::new(),
        },
        title: vec![the_thuc::upper(c.title.trim())],
        name: c.name.trim().to_owned(),
        party: c.kind == ConfirmerKind::CapUy,
    }
}

fn title(round: &Round) -> String {
    format!(
        "BÁO CÁO THÀNH TÍCH ĐIỂN HÌNH “{}” NĂM {}",
        the_thuc::upper(round.movement.trim()),
        round.year
    )
}

fn job(ma: &str, round: &Round, view: ReportView, date: crate::model::Date) -> Job {
    Job {
        kind: DocKind::BaoCao,
        path: DocKind::BaoCao.path(round.year, ma),
        values: Values::doc(view),
        date,
        pages: Vec::new(),
        issued: None,
    }
}

pub(super) fn collective(c: &Collective, round: &Round, place: &str) -> Option<Job> {
    let rep = c.report.as_ref()?;
    let view = ReportView {
        header: OwnHeaderView::collective(c, the_thuc::date_line(place, rep.date)),
        title: title(round),
        identity: Labelled::collective(c),
        parts: parts(rep, true),
        confirmation: confirmation(rep),
        reporter: unit_signer("THỦ TRƯỞNG ĐƠN VỊ", c.representative.as_ref()),
        closing: None,
    };
    Some(job(&c.ma, round, view, rep.date))
}

pub(super) fn person(p: &Person, round: &Round, place: &str) -> Option<Job> {
    let rep = p.report.as_ref()?;
    let mut identity = Labelled::person(p);
    // The titles the criteria rest on (a civil servant needs Chiến sĩ thi đua cơ sở for the
    // year) and those of earlier years, newest first, as a report form lists the rewards
    // already received.
    if let Some(titles) = Labelled::titles(p) {
        identity.push(titles);
    }
    let view = ReportView {
        header: OwnHeaderView::person(the_thuc::date_line(place, rep.date)),
        title: title(round),
        identity,
        parts: parts(rep, false),
        confirmation: confirmation(rep),
        reporter: Block {
            title: vec!["NGƯỜI BÁO CÁO".into()],
            name: p.name.trim().to_owned(),
            ..Block::default()
        },
        closing: None,
    };
    Some(job(&p.ma, round, view, rep.date))
}
