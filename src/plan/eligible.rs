//! Which records enter the lists: the criteria's verdict for the round (issue 4), asked
//! in one place so every list, count and certificate agrees.

use crate::model::{Collective, Person};
use crate::validate::criteria::{Kind, Verdicts};

/// Whether a collective is recognised in the round `verdicts` belong to.
pub(super) fn collective(verdicts: &Verdicts, c: &Collective) -> bool {
    verdicts.is_eligible(Kind::TapThe, &c.ma)
}

/// Whether an individual is recognised in the round `verdicts` belong to.
pub(super) fn person(verdicts: &Verdicts, p: &Person) -> bool {
    verdicts.is_eligible(Kind::CaNhan, &p.ma)
}
