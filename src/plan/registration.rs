//! The registration letter (`dang-ky/<ma>.pdf`) of every record that registered, except
//! sudden achievements, which need none (HD 26 part IV).

use serde::Serialize;

use super::common::{self, Block, Labelled, OwnHeaderView, Part, Table, TableRow};
use super::{Job, Values};
use crate::doc_kind::DocKind;
use crate::model::{Collective, Person, Registration, Round, Signer};
use crate::the_thuc;

#[derive(Debug, Serialize)]
struct RegistrationView {
    header: OwnHeaderView,
    title: String,
    identity: Vec<Labelled>,
    parts: Vec<Part>,
    #[serde(rename = "left")]
    approval: Option<Block>,
    #[serde(rename = "right")]
    registrant: Block,
    /// The closing commitment, ending the text with "./." (D12).
    closing: Option<String>,
}

fn parts(reg: &Registration) -> Vec<Part> {
    common::number_parts(vec![
        Part {
            heading: "NỘI DUNG ĐĂNG KÝ".into(),
            text: Some(reg.content.clone()),
            ..Part::default()
        },
        Part {
            heading: "MỤC TIÊU".into(),
            items: the_thuc::items(reg.targets.as_deref().unwrap_or_default()),
            ..Part::default()
        },
        Part {
            heading: "GIẢI PHÁP THỰC HIỆN".into(),
            items: the_thuc::items(&reg.solutions),
            ..Part::default()
        },
        Part {
            heading: "TIẾN ĐỘ THỰC HIỆN".into(),
            table: Some(Table {
                columns: vec!["Thời gian".into(), "Nội dung công việc".into()],
                widths: "(45mm, 1fr)",
                rows: reg
                    .timeline
                    .iter()
                    .map(|m| {
                        TableRow::plain(vec![m.when.trim().to_owned(), m.work.trim().to_owned()])
                    })
                    .collect(),
                total: false,
            }),
            ..Part::default()
        },
    ])
}

/// The cấp ủy's approval block (Party form: `T/M` line, chức vụ not bold). A letter not yet
/// approved prints it blank under its `cap_uy`, for the committee to sign on paper.
fn approval(reg: &Registration, committee: Option<&str>) -> Option<Block> {
    let heading = "PHÊ DUYỆT CỦA CẤP ỦY".to_owned();
    match &reg.approval {
        Some(a) => Some(Block {
            lines: vec![heading, the_thuc::upper(a.committee.trim())],
            date: Some(the_thuc::date_capital(a.date)),
            authority: common::on_behalf_of(&a.committee).into_iter().collect(),
            title: vec![the_thuc::upper(a.title.trim())],
            name: a.name.trim().to_owned(),
            party: true,
            ..Block::default()
        }),
        None => {
            let committee = committee.map(str::trim).filter(|c| !c.is_empty())?;
            Some(Block {
                lines: vec![heading, the_thuc::upper(committee)],
                authority: common::on_behalf_of(committee).into_iter().collect(),
                party: true,
                ..Block::default()
            })
        }
    }
}

/// The signing block of a unit: its representative, else a blank for the head to sign.
pub(super) fn unit_signer(label: &str, rep: Option<&Signer>) -> Block {
    match rep {
        Some(s) => Block {
            lines: vec![],
            authority: s
                .authority
                .0
                .iter()
                .map(|l| the_thuc::upper(l.trim()))
                .collect(),
            title: vec![the_thuc::upper(s.title.trim())],
            name: s.name.trim().to_owned(),
            ..Block::default()
        },
        None => Block {
            lines: vec![],
            title: vec![label.to_owned()],
            ..Block::default()
        },
    }
}

fn title(round: &Round) -> String {
    format!(
        "BẢN ĐĂNG KÝ THI ĐUA “{}” NĂM {}",
        the_thuc::upper(round.movement.trim()),
        round.year
    )
}

/// The commitment a registration ends with, closing its text with "./." (D12): the letter's
/// last part is the timeline, a table, which cannot carry the mark.
fn closing(who: &str, round: &Round) -> String {
    the_thuc::end_text(&format!(
        "{who} cam kết thực hiện đạt các nội dung đã đăng ký thi đua {}.",
        the_thuc::movement(round)
    ))
}

fn job(ma: &str, round: &Round, view: RegistrationView, date: crate::model::Date) -> Job {
    Job {
        kind: DocKind::DangKy,
        path: DocKind::DangKy.path(round.year, ma),
        values: Values::doc(view),
        date,
        // A unit's or a person's own letter takes no number of the register.
        pages: Vec::new(),
        issued: None,
    }
}

pub(super) fn collective(c: &Collective, round: &Round, place: &str) -> Option<Job> {
    let reg = c.registration.as_ref().filter(|r| !r.sudden)?;
    let view = RegistrationView {
        header: OwnHeaderView::collective(c, the_thuc::date_line(place, reg.date)),
        title: title(round),
        identity: Labelled::collective(c),
        parts: parts(reg),
        approval: approval(reg, c.party_committee.as_deref()),
        registrant: unit_signer("THỦ TRƯỞNG ĐƠN VỊ", c.representative.as_ref()),
        closing: Some(closing("Tập thể", round)),
    };
    Some(job(&c.ma, round, view, reg.date))
}

pub(super) fn person(p: &Person, round: &Round, place: &str) -> Option<Job> {
    let reg = p.registration.as_ref().filter(|r| !r.sudden)?;
    let identity = Labelled::person(p);
    let view = RegistrationView {
        header: OwnHeaderView::person(the_thuc::date_line(place, reg.date)),
        title: title(round),
        identity,
        parts: parts(reg),
        approval: approval(reg, p.party_committee.as_deref()),
        registrant: Block {
            title: vec!["NGƯỜI ĐĂNG KÝ".into()],
            name: p.name.trim().to_owned(),
            ..Block::default()
        },
        closing: Some(closing("Tôi", round)),
    };
    Some(job(&p.ma, round, view, reg.date))
}
