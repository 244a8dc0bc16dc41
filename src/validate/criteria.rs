//! Criteria: the standards of Hướng dẫn 26-HD/BCĐ (parts II and IV) that decide which
//! collectives and individuals may be recognised, one function per criterion, and the
//! verdict they give each record.
//!
//! Each criterion is met, not met (with the reason, the key path that fixes it and a hint)
//! or not assessable (nothing to judge: a confirmation without a report, an armed-forces
//! member whom their sector assesses). Failing a criterion is not a data error: the record
//! stays in the dataset and keeps its own documents (registration, report); it is only
//! kept out of the recognition and reward lists. The contract rules (types, ids,
//! references) stay in `validate`; the result types are in `verdict`, re-exported here.
//!
//! Rounds: records carry no year, so each record is assessed against every `dot` of the
//! dataset, one [`Verdicts`] per round (usually exactly one). Deadlines, titles and reward
//! bodies are read from that round; a title held in 2024 counts for the 2024 round only.
//!
//! One room although long: every criterion of the guidance is a short function here, next
//! to the table that lists them per kind of record, so the whole of part II and IV can be
//! read against the guidance in one file.

use chrono::NaiveDate;

use crate::collate;
use crate::diagnostics::Diagnostic;
use crate::load::{Dataset, Origin};
use crate::model::{
    Collective, Date, Person, PersonKind, Registration, Report, RewardRequest, Round, TitleRank,
};
use crate::the_thuc;

pub use super::verdict::{
    Assessment, Check, Criterion, Group, Kind, Outcome, Shortfall, Totals, Verdict, Verdicts,
};

/// The registration deadline of a round: `han_dang_ky`, or 31 March of `nam`.
pub fn deadline(round: &Round) -> NaiveDate {
    round
        .registration_deadline
        .map(|d| d.0)
        .or_else(|| NaiveDate::from_ymd_opt(round.year, 3, 31))
        .unwrap_or(NaiveDate::MAX)
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn day(d: NaiveDate) -> String {
    the_thuc::date_short(Date(d))
}

/// A collective has a name, an address and a field (part II.1: "phải có tên, địa chỉ, nội
/// dung thuộc các lĩnh vực"). `linh_vuc` is an enum the loader requires, so a collective
/// that loaded always has a field; blank text is what can still be missing.
pub fn identity(c: &Collective) -> Outcome {
    let missing: Vec<(&str, &str)> = [("ten", "tên", &c.name), ("dia_chi", "địa chỉ", &c.address)]
        .into_iter()
        .filter(|(_, _, v)| blank(v))
        .map(|(k, l, _)| (k, l))
        .collect();
    match missing.first() {
        None => Outcome::met(),
        Some((key, _)) => Outcome::not_met(
            format!(
                "chưa ghi {}",
                missing
                    .iter()
                    .map(|(_, l)| *l)
                    .collect::<Vec<_>>()
                    .join(" và ")
            ),
            *key,
            "điển hình phải có tên và địa chỉ cụ thể; ghi nội dung sau dấu hai chấm",
        ),
    }
}

/// Registered in writing by the deadline, stating content, solutions and timeline (part
/// IV.1). A sudden achievement (`dot_xuat`) is exempt. There is no lower bound on the date:
/// a registration may cover the whole period 2022–2025.
pub fn registered(reg: Option<&Registration>, round: &Round) -> Outcome {
    let due = deadline(round);
    let Some(reg) = reg else {
        return Outcome::missing(
            "chưa đăng ký thi đua",
            "dang_ky",
            format!(
                "thêm `dang_ky:` với `ngay` (chậm nhất {}), `noi_dung`, `giai_phap`, `tien_do` và `phe_duyet`; thành tích đột xuất thì vẫn ghi `dang_ky` và thêm `dot_xuat: true`",
                day(due)
            ),
        );
    };
    if reg.sudden {
        return Outcome::met_with("thành tích đột xuất, không phải đăng ký");
    }
    if reg.date.0 > due {
        return Outcome::not_met(
            format!("đăng ký ngày {}, sau hạn {}", day(reg.date.0), day(due)),
            "dang_ky.ngay",
            format!(
                "đăng ký phải có từ đầu năm, chậm nhất ngày {}; nếu ngày ghi nhầm thì sửa `dang_ky.ngay`, nếu là thành tích đột xuất thì thêm `dot_xuat: true`",
                day(due)
            ),
        );
    }
    if blank(&reg.content) {
        return Outcome::not_met(
            "bản đăng ký chưa nêu nội dung",
            "dang_ky.noi_dung",
            "ghi rõ mô hình hoặc việc làm đăng ký thực hiện",
        );
    }
    if reg.solutions.iter().all(|s| blank(s)) {
        return Outcome::not_met(
            "bản đăng ký chưa nêu giải pháp",
            "dang_ky.giai_phap",
            "ghi danh sách giải pháp, mỗi giải pháp một dòng bắt đầu bằng `- `",
        );
    }
    if reg.timeline.is_empty() {
        return Outcome::not_met(
            "bản đăng ký chưa có tiến độ thực hiện",
            "dang_ky.tien_do",
            "ghi các mốc `- thoi_gian: …` và `cong_viec: …`",
        );
    }
    Outcome::met_with(format!("ngày {}", day(reg.date.0)))
}

/// The direct Party committee approved the registration (part II.1: "được cấp ủy cơ sở
/// trực tiếp phê duyệt"); a sudden achievement has no registration to approve.
pub fn approved(reg: Option<&Registration>) -> Outcome {
    let Some(reg) = reg else {
        return Outcome::not_assessable("chưa có bản đăng ký để phê duyệt");
    };
    match &reg.approval {
        None if reg.sudden => Outcome::met_with("thành tích đột xuất, không cần phê duyệt"),
        None => Outcome::missing(
            "bản đăng ký chưa được cấp ủy phê duyệt",
            "dang_ky.phe_duyet",
            "thêm `phe_duyet:` với `cap_uy`, `chuc_vu`, `ho_ten`, `ngay` của cấp ủy cơ sở trực tiếp; nếu là thành tích đột xuất thì ghi `dot_xuat: true`",
        ),
        Some(a) if blank(&a.committee) => Outcome::not_met(
            "phần phê duyệt chưa ghi cấp ủy nào phê duyệt",
            "dang_ky.phe_duyet.cap_uy",
            "ghi tên cấp ủy cơ sở trực tiếp, ví dụ `Đảng ủy xã Phước Lại`",
        ),
        Some(a) if blank(&a.name) => Outcome::not_met(
            "phần phê duyệt chưa ghi họ tên người ký",
            "dang_ky.phe_duyet.ho_ten",
            "ghi họ tên người thay mặt cấp ủy ký phê duyệt",
        ),
        Some(a) => Outcome::met_with(format!(
            "{} phê duyệt ngày {}",
            a.committee.trim(),
            day(a.date.0)
        )),
    }
}

/// The report sections part IV.1 asks for, with the names staff know them by.
const SECTIONS: [(&str, &str); 6] = [
    ("dac_diem", "đặc điểm, tình hình"),
    ("ket_qua", "kết quả"),
    ("cach_lam", "cách làm"),
    ("kinh_nghiem", "kinh nghiệm"),
    ("tac_dung", "tác dụng"),
    ("lan_toa", "tính lan tỏa"),
];

/// An annual report with every section written (part IV.1: "nêu rõ cách làm, kinh
/// nghiệm, tác dụng của điển hình, tính lan tỏa").
pub fn reported(report: Option<&Report>) -> Outcome {
    let Some(r) = report else {
        return Outcome::missing(
            "chưa có báo cáo thành tích",
            "bao_cao",
            "thêm `bao_cao:` với `ngay`, `dac_diem`, `ket_qua`, `cach_lam`, `kinh_nghiem`, `tac_dung`, `lan_toa` và `xac_nhan`",
        );
    };
    let texts = [
        &r.situation,
        &r.results,
        &r.method,
        &r.lessons,
        &r.effect,
        &r.spread,
    ];
    let empty: Vec<(&str, &str)> = SECTIONS
        .iter()
        .zip(texts)
        .filter(|(_, t)| blank(t))
        .map(|(s, _)| *s)
        .collect();
    match empty.first() {
        None => Outcome::met_with(format!("ngày {}", day(r.date.0))),
        Some((key, _)) => Outcome::not_met(
            format!(
                "báo cáo còn để trống phần {}",
                empty.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(", ")
            ),
            format!("bao_cao.{key}"),
            "viết nội dung cho từng phần còn trống; Hướng dẫn 26 yêu cầu nêu rõ cách làm, kinh nghiệm, tác dụng và tính lan tỏa",
        ),
    }
}

/// The report is confirmed by the Party committee or the direct head (part IV.1).
pub fn confirmed(report: Option<&Report>) -> Outcome {
    let Some(r) = report else {
        return Outcome::not_assessable("chưa có báo cáo để xác nhận");
    };
    let c = &r.confirmation;
    let missing = [
        ("co_quan", "cơ quan", &c.body),
        ("chuc_vu", "chức vụ", &c.title),
        ("ho_ten", "họ tên người ký", &c.name),
    ]
    .into_iter()
    .find(|(_, _, v)| blank(v));
    match missing {
        None => Outcome::met_with(format!("{} ngày {}", c.body.trim(), day(c.date.0))),
        Some((key, label, _)) => Outcome::not_met(
            format!("phần xác nhận chưa ghi {label}"),
            format!("bao_cao.xac_nhan.{key}"),
            "xác nhận của cấp ủy đảng hoặc thủ trưởng trực tiếp: ghi đủ `co_quan`, `chuc_vu`, `ho_ten`, `ngay`",
        ),
    }
}

/// The lowest title that qualifies a cán bộ, công chức (part II.2).
const TITLE_NEEDED: TitleRank = TitleRank::ChienSiThiDuaCoSo;

/// Cán bộ, công chức and viên chức hold Chiến sĩ thi đua cơ sở or higher for the round's
/// year (part II.2); `None` for the other kinds, to whom it does not apply.
pub fn title(p: &Person, round: &Round) -> Option<Outcome> {
    if !matches!(p.kind, PersonKind::CanBoCongChuc | PersonKind::VienChuc) {
        return None;
    }
    let year = round.year;
    let titles: Vec<(usize, &crate::model::Title)> =
        p.titles.iter().flatten().enumerate().collect();
    if let Some((_, t)) = titles
        .iter()
        .filter(|(_, t)| t.year == year && t.rank >= TITLE_NEEDED)
        .max_by_key(|(_, t)| t.rank)
    {
        return Some(Outcome::met_with(format!("{} năm {year}", t.rank.label())));
    }
    if let Some((i, t)) = titles
        .iter()
        .filter(|(_, t)| t.year == year)
        .max_by_key(|(_, t)| t.rank)
    {
        return Some(Outcome::not_met(
            format!("năm {year} chỉ đạt danh hiệu {}, chưa đủ", t.rank.label()),
            format!("danh_hieu[{i}].ten"),
            format!(
                "{} phải đạt danh hiệu từ Chiến sĩ thi đua cơ sở trở lên trong năm {year}; Lao động tiên tiến chưa đủ",
                p.kind.label().to_lowercase()
            ),
        ));
    }
    if let Some((i, t)) = titles
        .iter()
        .filter(|(_, t)| t.rank >= TITLE_NEEDED)
        .max_by_key(|(_, t)| t.year)
    {
        return Some(Outcome::not_met(
            format!(
                "danh hiệu {} là của năm {}, không tính cho năm {year}",
                t.rank.label(),
                t.year
            ),
            format!("danh_hieu[{i}].nam"),
            format!(
                "chỉ danh hiệu của chính năm {year} được xét; nếu đã được công nhận năm {year} thì thêm `- {{nam: {year}, ten: chien_si_thi_dua_co_so}}` vào `danh_hieu`"
            ),
        ));
    }
    Some(Outcome::missing(
        format!("chưa có danh hiệu thi đua năm {year}"),
        "danh_hieu",
        format!(
            "{} phải đạt từ Chiến sĩ thi đua cơ sở trở lên; khi đã được công nhận, ghi `danh_hieu: [{{nam: {year}, ten: chien_si_thi_dua_co_so}}]`",
            p.kind.label().to_lowercase()
        ),
    ))
}

/// Armed forces with `xet_chon_nganh: true` are selected under their sector's rules
/// ("thực hiện xét chọn theo quy định của ngành"), so these criteria cannot judge them.
/// Armed-forces members without the flag (a local militia member put forward by the
/// commune, say) are assessed like everyone else.
pub fn sector(p: &Person) -> Option<Outcome> {
    (p.kind == PersonKind::LucLuongVuTrang && p.sector_assessed == Some(true))
        .then(|| Outcome::not_assessable("lực lượng vũ trang: xét chọn theo quy định của ngành"))
}

/// A requested reward names a body that rewards in this round (`dot.khen_thuong`);
/// `None` when no reward is requested.
pub fn reward(req: Option<&RewardRequest>, round: &Round) -> Option<Outcome> {
    let req = req?;
    let bodies: Vec<&str> = round
        .rewards
        .iter()
        .flatten()
        .map(|k| k.body.as_str())
        .collect();
    if bodies.contains(&req.body.as_str()) {
        return Some(Outcome::met_with(req.body.clone()));
    }
    Some(Outcome::not_met(
        format!(
            "cơ quan `{}` không khen thưởng trong đợt năm {}",
            req.body, round.year
        ),
        "khen_thuong.co_quan",
        if bodies.is_empty() {
            format!(
                "đợt năm {} chưa có `khen_thuong`; thêm cơ quan khen thưởng vào bản ghi `loai: dot` hoặc xóa `khen_thuong` khỏi bản ghi này",
                round.year
            )
        } else {
            format!("dùng một trong: {}", bodies.join(", "))
        },
    ))
}

fn collective_checks(c: &Collective, round: &Round) -> Vec<Check> {
    let reg = c.registration.as_ref();
    let report = c.report.as_ref();
    let mut checks = vec![
        (Criterion::Identity, identity(c)),
        (Criterion::Registered, registered(reg, round)),
        (Criterion::Approved, approved(reg)),
        (Criterion::Reported, reported(report)),
        (Criterion::Confirmed, confirmed(report)),
    ];
    if let Some(o) = reward(c.reward.as_ref(), round) {
        checks.push((Criterion::Reward, o));
    }
    checks
        .into_iter()
        .map(|(criterion, outcome)| Check { criterion, outcome })
        .collect()
}

fn person_checks(p: &Person, round: &Round) -> Vec<Check> {
    // The sector's own rules replace all of these, so judging the rest would only print
    // advice nobody needs to follow.
    if let Some(o) = sector(p) {
        return vec![Check {
            criterion: Criterion::Sector,
            outcome: o,
        }];
    }
    let reg = p.registration.as_ref();
    let report = p.report.as_ref();
    let mut checks = vec![
        (Criterion::Registered, registered(reg, round)),
        (Criterion::Approved, approved(reg)),
        (Criterion::Reported, reported(report)),
        (Criterion::Confirmed, confirmed(report)),
    ];
    if let Some(o) = title(p, round) {
        checks.push((Criterion::Title, o));
    }
    if let Some(o) = reward(p.reward.as_ref(), round) {
        checks.push((Criterion::Reward, o));
    }
    checks
        .into_iter()
        .map(|(criterion, outcome)| Check { criterion, outcome })
        .collect()
}

/// Eligible only when every applicable criterion is met: a criterion that could not be
/// judged (a confirmation with no report) proves nothing. The reward criterion counts too,
/// so that a record failing any criterion is in no list at all; with one round it cannot
/// fail, since `validate` rejects a reward body unknown to every round.
fn verdict(checks: &[Check]) -> Verdict {
    if checks
        .iter()
        .any(|c| c.criterion == Criterion::Sector && !c.outcome.is_met())
    {
        Verdict::NotAssessed
    } else if checks.iter().all(|c| c.outcome.is_met()) {
        Verdict::Eligible
    } else {
        Verdict::NotEligible
    }
}

/// Assesses every collective and individual against every round, and refuses the rewards
/// requested for records that are not eligible.
pub fn assess(ds: &Dataset) -> (Vec<Verdicts>, Vec<Diagnostic>) {
    let mut rounds: Vec<&Round> = ds.rounds.iter().map(|r| &r.record).collect();
    rounds.sort_by_key(|r| r.year);
    let several = rounds.len() > 1;

    let mut collectives: Vec<_> = ds.collectives.iter().collect();
    collectives.sort_by_cached_key(|c| collate::key(&c.record.name));
    let mut persons: Vec<_> = ds.persons.iter().collect();
    persons.sort_by_cached_key(|p| collate::name_key(&p.record.name));

    let mut all = Vec::new();
    let mut diags = Vec::new();
    for round in rounds {
        let mut records = Vec::new();
        for c in &collectives {
            let (r, group) = (&c.record, Group::LinhVuc(c.record.field));
            let who = Subject::new(&c.origin, &r.ma, &r.name, group, r.reward.as_ref());
            records.push(who.assess(ds, collective_checks(r, round)));
        }
        for p in &persons {
            let (r, group) = (&p.record, Group::DoiTuong(p.record.kind));
            let who = Subject::new(&p.origin, &r.ma, &r.name, group, r.reward.as_ref());
            records.push(who.assess(ds, person_checks(r, round)));
        }
        for a in &records {
            if a.reward.is_some() && a.verdict != Verdict::Eligible {
                diags.push(refusal(ds, a, round.year, several));
            }
        }
        let index = records
            .iter()
            .enumerate()
            .map(|(i, a)| ((a.kind, a.ma.clone()), i))
            .collect();
        all.push(Verdicts {
            year: round.year,
            movement: round.movement.trim().to_owned(),
            deadline: deadline(round),
            records,
            index,
        });
    }
    (all, diags)
}

/// Who is assessed: what an [`Assessment`] records of a collective or a person besides
/// its checks (whether it is a collective follows from its group).
struct Subject<'a> {
    origin: &'a Origin,
    ma: &'a str,
    name: &'a str,
    group: Group,
    reward: Option<&'a RewardRequest>,
}

impl<'a> Subject<'a> {
    fn new(
        origin: &'a Origin,
        ma: &'a str,
        name: &'a str,
        group: Group,
        reward: Option<&'a RewardRequest>,
    ) -> Self {
        Subject {
            origin,
            ma,
            name,
            group,
            reward,
        }
    }

    /// The subject's assessment from its `checks`, each shortfall located in its file.
    fn assess(self, ds: &Dataset, mut checks: Vec<Check>) -> Assessment {
        for c in &mut checks {
            if let Outcome::NotMet(s) = &mut c.outcome {
                s.location = Some(ds.locate(self.origin, &s.field));
            }
        }
        Assessment {
            kind: self.group.kind(),
            ma: self.ma.to_owned(),
            name: self.name.trim().to_owned(),
            group: self.group,
            verdict: verdict(&checks),
            checks,
            reward: self.reward.map(|r| r.body.clone()),
            origin: self.origin.clone(),
        }
    }
}

/// A warning, not an error: being ineligible is the outcome of the appraisal, not a
/// mistake in the data. An error would make `check` and `build` fail on a correct
/// dataset, and staff often write the reward proposal before the appraisal ends. The
/// reward is refused all the same: `plan` lists eligible records only.
fn refusal(ds: &Dataset, a: &Assessment, year: i32, several: bool) -> Diagnostic {
    let body = a.reward.as_deref().unwrap_or_default();
    let round = if several {
        format!(" (đợt năm {year})")
    } else {
        String::new()
    };
    let (why, hint) = match a.verdict {
        Verdict::NotAssessed => (
            "do ngành xét chọn theo quy định riêng".to_owned(),
            "khen thưởng theo đề nghị của ngành; xóa `khen_thuong` khỏi bản ghi này, hoặc bỏ `xet_chon_nganh` nếu đơn vị tự xét".to_owned(),
        ),
        _ => {
            let reasons: Vec<String> = a
                .checks
                .iter()
                .filter_map(|c| match &c.outcome {
                    Outcome::NotMet(s) => Some(s.reason.clone()),
                    _ => None,
                })
                .collect();
            (
                format!("chưa đủ tiêu chuẩn ({})", reasons.join("; ")),
                match a.shortfalls().next() {
                    Some((_, s)) => format!(
                        "{} `{}` (chạy `vanban check` để xem từng tiêu chí), hoặc xóa `khen_thuong` nếu không đề nghị khen",
                        if s.absent { "thêm" } else { "sửa" },
                        crate::diagnostics::display_path(&s.field)
                    ),
                    None => "chạy `vanban check` để xem từng tiêu chí".to_owned(),
                },
            )
        }
    };
    Diagnostic::warning(format!(
        "không đưa {} `{}` vào danh sách khen thưởng của `{body}`{round}: {why}",
        a.kind.label(),
        a.ma
    ))
    .code(crate::codes::Code::Criteria)
    .at(ds.locate(&a.origin, "khen_thuong.co_quan"))
    .field("khen_thuong")
    .hint(hint)
}
