//! The national template, written once: per edition, the six sections, the
//! three tables, their row groups, rows and columns, each with its stable key,
//! its label as the template prints it, the forms the grammar reads it in,
//! and the short label validation's messages use.
//!
//! Everything that spells a label derives from these tables:
//!
//! - the grammar's label sets (`grammar/table/{active,applications,review,columns}.rs`
//!   and the section headings of `grammar/heading.rs`);
//! - the renderer's wording (`render/template.rs`);
//! - the short labels of validation's messages (`validate/labels.rs`);
//! - the schema's rows and cells per edition (`ActiveRow::rows`,
//!   `ActiveRow::columns`, `ApplicationRow::rows`, `CellKey::all`);
//! - the key table of the crate docs (`src/keys.md`) and the printed label of
//!   a key ([`CellKey::label`](crate::CellKey::label));
//! - `schema/template.json`, the same tables as JSON, which the fixture
//!   generators in `tools/` read (written and checked by a test, see `json.rs`).
//!
//! # A new label variant is a one-line change
//!
//! The forms of a label are the ways real reports write it, in the grammar's
//! normalized form (NFKC: half-width punctuation and digits, no white space).
//! To read a variant a report prints, add it to the forms of its entry, e.g.
//! for the row 规章 written 部门规章和地方政府规章:
//!
//! ```text
//! row(R::Regulations, BOTH, "规章", &["规章", "部门规章和地方政府规章"]),
//! ```
//!
//! and every reader of section 二 takes it (the unit test
//! `grammar::table::active::tests::a_new_variant_is_read` reads that variant
//! with the line changed in a copy of [`ACTIVE_ROWS`]). The forms are matched
//! as the grammar matches labels (`grammar/label.rs`): regardless of white
//! space and ordinals, with the typos and truncations it tolerates, so a form
//! is needed only for wording those do not cover.
//! A label the template itself prints differently is an entry of its own with
//! the editions that print it (`行政规范性文件` in 2021).

#[cfg(test)]
pub(crate) mod json;

use crate::model::{
    ActiveColumn, ActiveRow, ApplicantColumn, ApplicationRow, Edition, ReviewColumn, ReviewRow,
    SectionKind,
};

/// The editions that print an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Editions(u8);

/// Printed by both editions.
pub(crate) const BOTH: Editions = Editions(0b11);
/// Printed by the 2019 edition only.
pub(crate) const E19: Editions = Editions(0b01);
/// Printed by the 2021 edition only.
pub(crate) const E21: Editions = Editions(0b10);

impl Editions {
    /// True when the edition prints the entry.
    pub(crate) const fn has(self, edition: Edition) -> bool {
        let bit = match edition {
            Edition::E2019 => 0b01,
            Edition::E2021 => 0b10,
        };
        self.0 & bit != 0
    }
}

/// A label of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label {
    /// As the national template prints it (full-width punctuation).
    pub(crate) printed: &'static str,
    /// The forms the grammar reads, normalized; the printed label's own first.
    pub(crate) forms: &'static [&'static str],
    /// The short label of validation's messages; empty for a group that
    /// messages leave out.
    pub(crate) brief: &'static str,
}

/// A label whose short form is the printed one.
const fn label(printed: &'static str, forms: &'static [&'static str]) -> Label {
    Label {
        printed,
        forms,
        brief: printed,
    }
}

/// A row or column of a table: its key, the editions that print it this way,
/// the groups it sits in (outermost first) and its own label.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<K: Copy + 'static> {
    /// The stable key.
    pub(crate) key: K,
    /// The editions that print the entry with this label.
    pub(crate) editions: Editions,
    /// The merged label cells above it, outermost first.
    pub(crate) groups: &'static [Label],
    /// Its own label.
    pub(crate) label: Label,
}

impl<K: Copy + 'static> Entry<K> {
    /// The same entry with another short label for validation's messages.
    const fn brief(self, brief: &'static str) -> Entry<K> {
        let mut label = self.label;
        label.brief = brief;
        Entry { label, ..self }
    }

    /// The same entry under merged group cells.
    const fn within(self, groups: &'static [Label]) -> Entry<K> {
        Entry { groups, ..self }
    }

    /// The label path, outermost group first, for `join`.
    pub(crate) fn printed_path(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.groups
            .iter()
            .map(|g| g.printed)
            .chain([self.label.printed])
    }

    /// The short label: the groups' short labels that messages show and the
    /// entry's, joined by `·`.
    pub(crate) fn brief_label(&self) -> String {
        let parts: Vec<&str> = self
            .groups
            .iter()
            .map(|g| g.brief)
            .chain([self.label.brief])
            .filter(|b| !b.is_empty())
            .collect();
        parts.join("·")
    }
}

/// An entry printed as `printed`, read in `forms`.
pub(crate) const fn row<K: Copy + 'static>(
    key: K,
    editions: Editions,
    printed: &'static str,
    forms: &'static [&'static str],
) -> Entry<K> {
    Entry {
        key,
        editions,
        groups: &[],
        label: label(printed, forms),
    }
}

/// The forms of every key, merged over its entries (both editions): keys in
/// the order of their first entry, each form once, in entry order.
pub(crate) fn merged_forms<K: Copy + PartialEq>(
    entries: &[Entry<K>],
) -> Vec<(K, Vec<&'static str>)> {
    let mut merged: Vec<(K, Vec<&'static str>)> = Vec::new();
    for entry in entries {
        let at = match merged.iter().position(|(k, _)| *k == entry.key) {
            Some(at) => at,
            None => {
                merged.push((entry.key, Vec::new()));
                merged.len() - 1
            }
        };
        for form in entry.label.forms {
            if !merged[at].1.contains(form) {
                merged[at].1.push(form);
            }
        }
    }
    merged
}

/// The title's fixed part, after the organ and year.
pub(crate) const TITLE_TAIL: &str = "年政府信息公开工作年度报告";

// ---------------------------------------------------------------- sections

/// A section heading of the template (the same in both editions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Section {
    /// Which section.
    pub(crate) kind: SectionKind,
    /// Its ordinal, `一` … `六`.
    pub(crate) number: char,
    /// The heading as printed.
    pub(crate) printed: &'static str,
    /// What a heading after the ordinal must hold to be this section's: one
    /// word of each list (real reports word the headings in many ways).
    pub(crate) words: &'static [&'static [&'static str]],
}

/// The six sections, in template order.
pub(crate) const SECTIONS: [Section; 6] = [
    Section {
        kind: SectionKind::Overview,
        number: '一',
        printed: "一、总体情况",
        words: &[&["总体情况", "概述", "基本情况", "总体概况"]],
    },
    Section {
        kind: SectionKind::ActiveDisclosure,
        number: '二',
        printed: "二、主动公开政府信息情况",
        words: &[&["主动公开"]],
    },
    Section {
        kind: SectionKind::Applications,
        number: '三',
        printed: "三、收到和处理政府信息公开申请情况",
        words: &[&["申请"], &["收到", "处理", "依申请"]],
    },
    Section {
        kind: SectionKind::ReviewLitigation,
        number: '四',
        printed: "四、政府信息公开行政复议、行政诉讼情况",
        words: &[&["复议", "诉讼"]],
    },
    Section {
        kind: SectionKind::Problems,
        number: '五',
        printed: "五、存在的主要问题及改进情况",
        words: &[&["问题", "改进"]],
    },
    Section {
        kind: SectionKind::OtherMatters,
        number: '六',
        printed: "六、其他需要报告的事项",
        words: &[&["其他", "其它"], &["事项", "报告"]],
    },
];

/// A section's heading.
pub(crate) fn section(kind: SectionKind) -> &'static Section {
    SECTIONS
        .iter()
        .find(|s| s.kind == kind)
        .expect("every section kind is in the template")
}

// ---------------------------------------------------------------- section 二

/// A sub-table of section 二 (one item of 第二十条): its caption, its columns
/// after 信息内容 and its rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    /// The editions that have it.
    pub(crate) editions: Editions,
    /// The caption row, `第二十条第（一）项`.
    pub(crate) caption: &'static str,
    /// Its columns, in order.
    pub(crate) columns: &'static [ActiveColumn],
    /// Its rows, in order.
    pub(crate) rows: &'static [ActiveRow],
}

/// What every caption of section 二 starts with (the grammar reads a line
/// that starts so as a caption).
pub(crate) const ACTIVE_CAPTION_PREFIX: &str = "第二十条";

/// The first header cell of every sub-table of section 二.
pub(crate) const ACTIVE_CORNER: Label = label("信息内容", &["信息内容"]);

/// The grid columns section 二's value columns cover (the last column of a
/// sub-table with fewer covers the rest).
pub(crate) const ACTIVE_VALUE_WIDTH: usize = 3;

const REGULATIONS: &[ActiveRow] = &[ActiveRow::Regulations, ActiveRow::NormativeDocuments];

/// Section 二's sub-tables, both editions, in template order.
pub(crate) const ACTIVE_PARTS: &[Part] = {
    use ActiveColumn as C;
    use ActiveRow as R;
    const ITEMS: &[C] = &[C::LastYear, C::Change, C::Decisions];
    &[
        Part {
            editions: E19,
            caption: "第二十条第（一）项",
            columns: &[C::Made, C::Published, C::TotalPublic],
            rows: REGULATIONS,
        },
        Part {
            editions: E19,
            caption: "第二十条第（五）项",
            columns: ITEMS,
            rows: &[R::Licensing, R::OtherServices],
        },
        Part {
            editions: E19,
            caption: "第二十条第（六）项",
            columns: ITEMS,
            rows: &[R::Penalty, R::Coercion],
        },
        Part {
            editions: E19,
            caption: "第二十条第（八）项",
            columns: &[C::LastYear, C::Change],
            rows: &[R::Fees],
        },
        Part {
            editions: E19,
            caption: "第二十条第（九）项",
            columns: &[C::Items, C::Amount],
            rows: &[R::Procurement],
        },
        Part {
            editions: E21,
            caption: "第二十条第（一）项",
            columns: &[C::Issued, C::Repealed, C::InForce],
            rows: REGULATIONS,
        },
        Part {
            editions: E21,
            caption: "第二十条第（五）项",
            columns: &[C::Decisions],
            rows: &[R::Licensing],
        },
        Part {
            editions: E21,
            caption: "第二十条第（六）项",
            columns: &[C::Decisions],
            rows: &[R::Penalty, R::Coercion],
        },
        Part {
            editions: E21,
            caption: "第二十条第（八）项",
            columns: &[C::Amount],
            rows: &[R::Fees],
        },
    ]
};

/// Section 二's row labels.
pub(crate) const ACTIVE_ROWS: &[Entry<ActiveRow>] = {
    use ActiveRow as R;
    &[
        row(R::Regulations, BOTH, "规章", &["规章"]),
        row(R::NormativeDocuments, E19, "规范性文件", &["规范性文件"]),
        row(
            R::NormativeDocuments,
            E21,
            "行政规范性文件",
            &["行政规范性文件"],
        ),
        row(R::Licensing, BOTH, "行政许可", &["行政许可"]),
        row(
            R::OtherServices,
            E19,
            "其他对外管理服务事项",
            &["其他对外管理服务事项"],
        ),
        row(R::Penalty, BOTH, "行政处罚", &["行政处罚"]),
        row(R::Coercion, BOTH, "行政强制", &["行政强制"]),
        row(R::Fees, BOTH, "行政事业性收费", &["行政事业性收费"]),
        row(R::Procurement, E19, "政府集中采购", &["政府集中采购"]),
    ]
};

/// Section 二's column headers, in the order the sub-tables first print them.
pub(crate) const ACTIVE_COLUMNS: &[Entry<ActiveColumn>] = {
    use ActiveColumn as C;
    &[
        row(C::Made, E19, "本年新制作数量", &["本年新制作数量"]),
        row(C::Published, E19, "本年新公开数量", &["本年新公开数量"]),
        row(C::TotalPublic, E19, "对外公开总数量", &["对外公开总数量"]),
        row(C::LastYear, E19, "上一年项目数量", &["上一年项目数量"]),
        row(C::Change, E19, "本年增/减", &["本年增/减"]),
        row(C::Decisions, E19, "处理决定数量", &["处理决定数量"]),
        row(C::Items, E19, "采购项目数量", &["采购项目数量"]),
        row(C::Amount, E19, "采购总金额", &["采购总金额"]),
        row(C::Issued, E21, "本年制发件数", &["本年制发件数"]),
        row(C::Repealed, E21, "本年废止件数", &["本年废止件数"]),
        row(C::InForce, E21, "现行有效件数", &["现行有效件数"]),
        row(C::Decisions, E21, "本年处理决定数量", &["本年处理决定数量"]).brief("处理决定数量"),
        row(
            C::Amount,
            E21,
            "本年收费金额（单位：万元）",
            &["本年收费金额(单位:万元)", "本年收费金额"],
        )
        .brief("本年收费金额"),
    ]
};

/// The entry of a key in an edition: the one the edition prints, else the
/// other edition's.
fn entry_in<K: Copy + PartialEq>(
    entries: &'static [Entry<K>],
    key: K,
    edition: Edition,
) -> &'static Entry<K> {
    entries
        .iter()
        .find(|e| e.key == key && e.editions.has(edition))
        .or_else(|| entries.iter().find(|e| e.key == key))
        .expect("every key is in the template")
}

/// Section 二's sub-tables of an edition.
pub(crate) fn active_parts(edition: Edition) -> impl Iterator<Item = &'static Part> {
    ACTIVE_PARTS.iter().filter(move |p| p.editions.has(edition))
}

/// The sub-table of a row in an edition (`None` when the edition has no such row).
pub(crate) fn active_part(row: ActiveRow, edition: Edition) -> Option<&'static Part> {
    active_parts(edition).find(|p| p.rows.contains(&row))
}

/// A row of section 二 in an edition.
pub(crate) fn active_row(row: ActiveRow, edition: Edition) -> &'static Entry<ActiveRow> {
    entry_in(ACTIVE_ROWS, row, edition)
}

/// A column header of section 二 in an edition.
pub(crate) fn active_column(
    column: ActiveColumn,
    edition: Edition,
) -> &'static Entry<ActiveColumn> {
    entry_in(ACTIVE_COLUMNS, column, edition)
}

// ---------------------------------------------------------------- section 三

/// Section 三's corner note, over the row labels; the grammar reads a cell
/// that starts with one of the forms as this note.
pub(crate) const APPLICATIONS_NOTE: Label = label(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    &["(本列数据", "本列数据"],
);

/// The header over all applicant columns.
pub(crate) const APPLICANTS: Label = label("申请人情况", &["申请人情况"]);

/// The header over the five kinds of organisation (messages name the kind alone).
pub(crate) const ORGANISATIONS: Label = Label {
    brief: "",
    ..label("法人或其他组织", &["法人或其他组织"])
};

/// Section 三's columns, in [`ApplicantColumn::ALL`] order.
pub(crate) const APPLICANT_COLUMNS: [Entry<ApplicantColumn>; 7] = {
    use ApplicantColumn as C;
    const ORG: &[Label] = &[ORGANISATIONS];
    [
        row(C::NaturalPerson, BOTH, "自然人", &["自然人"]),
        row(C::CommercialEnterprise, BOTH, "商业企业", &["商业企业"]).within(ORG),
        row(C::ResearchInstitution, BOTH, "科研机构", &["科研机构"]).within(ORG),
        row(
            C::PublicInterestOrg,
            BOTH,
            "社会公益组织",
            &["社会公益组织"],
        )
        .within(ORG),
        row(C::LegalServiceOrg, BOTH, "法律服务机构", &["法律服务机构"]).within(ORG),
        row(C::OtherOrg, BOTH, "其他", &["其他"])
            .within(ORG)
            .brief("其他法人或其他组织"),
        row(C::Total, BOTH, "总计", &["总计"]),
    ]
};

/// 三、本年度办理结果, over every outcome row.
const RESULT: Label = Label {
    brief: "",
    ..label("三、本年度办理结果", &["三、本年度办理结果"])
};
/// The sub-groups of the outcome rows: merged cells over their rows, named in
/// messages before the row (`不予公开·属于国家秘密`).
const DENIED: Label = Label {
    brief: "不予公开",
    ..label("（三）不予公开", &["(三)不予公开"])
};
const UNAVAILABLE: Label = Label {
    brief: "无法提供",
    ..label("（四）无法提供", &["(四)无法提供"])
};
const REJECTED: Label = Label {
    brief: "不予处理",
    ..label("（五）不予处理", &["(五)不予处理"])
};
const OTHER: Label = Label {
    brief: "其他处理",
    ..label("（六）其他处理", &["(六)其他处理"])
};

/// The groups of the outcome rows, outermost first.
const IN_RESULT: &[Label] = &[RESULT];
const IN_DENIED: &[Label] = &[RESULT, DENIED];
const IN_UNAVAILABLE: &[Label] = &[RESULT, UNAVAILABLE];
const IN_REJECTED: &[Label] = &[RESULT, REJECTED];
const IN_OTHER: &[Label] = &[RESULT, OTHER];

/// Section 三's rows, in [`ApplicationRow::ALL`] order: an edition's rows are
/// those it prints.
pub(crate) const APPLICATION_ROWS: [Entry<ApplicationRow>; 26] = {
    use ApplicationRow as R;
    [
        row(
            R::NewRequests,
            BOTH,
            "一、本年新收政府信息公开申请数量",
            &["一、本年新收政府信息公开申请数量"],
        )
        .brief("本年新收"),
        row(
            R::CarriedOver,
            BOTH,
            "二、上年结转政府信息公开申请数量",
            &["二、上年结转政府信息公开申请数量"],
        )
        .brief("上年结转"),
        row(R::Granted, BOTH, "（一）予以公开", &["(一)予以公开"])
            .within(IN_RESULT)
            .brief("予以公开"),
        row(
            R::PartiallyGranted,
            BOTH,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            &[
                "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
                "(二)部分公开",
            ],
        )
        .within(IN_RESULT)
        .brief("部分公开"),
        row(
            R::DeniedStateSecret,
            BOTH,
            "1.属于国家秘密",
            &["1.属于国家秘密"],
        )
        .within(IN_DENIED)
        .brief("属于国家秘密"),
        row(
            R::DeniedProhibitedByLaw,
            BOTH,
            "2.其他法律行政法规禁止公开",
            &["2.其他法律行政法规禁止公开"],
        )
        .within(IN_DENIED)
        .brief("其他法律行政法规禁止公开"),
        row(
            R::DeniedSecurityStability,
            BOTH,
            "3.危及“三安全一稳定”",
            &["3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""],
        )
        .within(IN_DENIED)
        .brief("危及“三安全一稳定”"),
        row(
            R::DeniedThirdParty,
            BOTH,
            "4.保护第三方合法权益",
            &["4.保护第三方合法权益"],
        )
        .within(IN_DENIED)
        .brief("保护第三方合法权益"),
        row(
            R::DeniedInternalAffairs,
            BOTH,
            "5.属于三类内部事务信息",
            &["5.属于三类内部事务信息"],
        )
        .within(IN_DENIED)
        .brief("属于三类内部事务信息"),
        row(
            R::DeniedProcessInfo,
            BOTH,
            "6.属于四类过程性信息",
            &["6.属于四类过程性信息"],
        )
        .within(IN_DENIED)
        .brief("属于四类过程性信息"),
        row(
            R::DeniedEnforcementFile,
            BOTH,
            "7.属于行政执法案卷",
            &["7.属于行政执法案卷"],
        )
        .within(IN_DENIED)
        .brief("属于行政执法案卷"),
        row(
            R::DeniedInquiry,
            BOTH,
            "8.属于行政查询事项",
            &["8.属于行政查询事项"],
        )
        .within(IN_DENIED)
        .brief("属于行政查询事项"),
        row(
            R::UnavailableNotHeld,
            BOTH,
            "1.本机关不掌握相关政府信息",
            &["1.本机关不掌握相关政府信息"],
        )
        .within(IN_UNAVAILABLE)
        .brief("本机关不掌握相关政府信息"),
        row(
            R::UnavailableNeedsCreation,
            BOTH,
            "2.没有现成信息需要另行制作",
            &["2.没有现成信息需要另行制作"],
        )
        .within(IN_UNAVAILABLE)
        .brief("没有现成信息需要另行制作"),
        row(
            R::UnavailableUnclear,
            BOTH,
            "3.补正后申请内容仍不明确",
            &["3.补正后申请内容仍不明确"],
        )
        .within(IN_UNAVAILABLE)
        .brief("补正后申请内容仍不明确"),
        row(
            R::RejectedPetition,
            BOTH,
            "1.信访举报投诉类申请",
            &["1.信访举报投诉类申请"],
        )
        .within(IN_REJECTED)
        .brief("信访举报投诉类申请"),
        row(R::RejectedDuplicate, BOTH, "2.重复申请", &["2.重复申请"])
            .within(IN_REJECTED)
            .brief("重复申请"),
        row(
            R::RejectedPublication,
            BOTH,
            "3.要求提供公开出版物",
            &["3.要求提供公开出版物"],
        )
        .within(IN_REJECTED)
        .brief("要求提供公开出版物"),
        row(
            R::RejectedExcessive,
            BOTH,
            "4.无正当理由大量反复申请",
            &["4.无正当理由大量反复申请"],
        )
        .within(IN_REJECTED)
        .brief("无正当理由大量反复申请"),
        row(
            R::RejectedConfirmation,
            BOTH,
            "5.要求行政机关确认或重新出具已获取信息",
            &["5.要求行政机关确认或重新出具已获取信息"],
        )
        .within(IN_REJECTED)
        .brief("要求行政机关确认或重新出具已获取信息"),
        // 2019: （六）其他处理 is a data row; 2021: the group of the next three
        row(R::Other, E19, "（六）其他处理", &["(六)其他处理"])
            .within(IN_RESULT)
            .brief("其他处理"),
        row(
            R::OtherNoCorrection,
            E21,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "1.申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请",
            ],
        )
        .within(IN_OTHER)
        .brief("逾期不补正"),
        row(
            R::OtherUnpaidFee,
            E21,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            &[
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请",
            ],
        )
        .within(IN_OTHER)
        .brief("逾期未缴纳费用"),
        row(R::OtherMisc, E21, "3.其他", &["3.其他"])
            .within(IN_OTHER)
            .brief("其他"),
        row(R::OutcomeTotal, BOTH, "（七）总计", &["(七)总计"])
            .within(IN_RESULT)
            .brief("办理结果总计"),
        row(
            R::CarriedForward,
            BOTH,
            "四、结转下年度继续办理",
            &["四、结转下年度继续办理"],
        )
        .brief("结转下年度继续办理"),
    ]
};

/// A row of section 三.
pub(crate) fn application_row(row: ApplicationRow) -> &'static Entry<ApplicationRow> {
    &APPLICATION_ROWS[row as usize]
}

/// A column of section 三.
pub(crate) fn applicant_column(column: ApplicantColumn) -> &'static Entry<ApplicantColumn> {
    &APPLICANT_COLUMNS[column as usize]
}

// ---------------------------------------------------------------- section 四

/// The header over both kinds of litigation.
pub(crate) const LITIGATION: Label = Label {
    brief: "",
    ..label("行政诉讼", &["行政诉讼"])
};

/// Section 四's rows (the kinds of case), in [`ReviewRow::ALL`] order; the
/// table prints them as header groups over the result columns.
pub(crate) const REVIEW_ROWS: [Entry<ReviewRow>; 3] = {
    use ReviewRow as R;
    const IN_LITIGATION: &[Label] = &[LITIGATION];
    [
        row(R::Reconsideration, BOTH, "行政复议", &["行政复议"]),
        row(
            R::LitigationDirect,
            BOTH,
            "未经复议直接起诉",
            &["未经复议直接起诉"],
        )
        .within(IN_LITIGATION)
        .brief("行政诉讼(未经复议直接起诉)"),
        row(
            R::LitigationAfterReconsideration,
            BOTH,
            "复议后起诉",
            &["复议后起诉"],
        )
        .within(IN_LITIGATION)
        .brief("行政诉讼(复议后起诉)"),
    ]
};

/// Section 四's result columns, in [`ReviewColumn::ALL`] order, repeated under each kind of case.
pub(crate) const REVIEW_COLUMNS: [Entry<ReviewColumn>; 5] = {
    use ReviewColumn as C;
    [
        row(C::Upheld, BOTH, "结果维持", &["结果维持"]),
        row(C::Corrected, BOTH, "结果纠正", &["结果纠正"]),
        row(C::Other, BOTH, "其他结果", &["其他结果"]),
        row(C::Pending, BOTH, "尚未审结", &["尚未审结"]),
        row(C::Total, BOTH, "总计", &["总计"]),
    ]
};

/// A row of section 四.
pub(crate) fn review_row(row: ReviewRow) -> &'static Entry<ReviewRow> {
    &REVIEW_ROWS[row as usize]
}

/// A column of section 四.
pub(crate) fn review_column(column: ReviewColumn) -> &'static Entry<ReviewColumn> {
    &REVIEW_COLUMNS[column as usize]
}

// ---------------------------------------------------------------- cells

/// The printed label of a cell in an edition, its parts joined by ` · `
/// (`None` when the edition has no such cell): section 二's sub-table, row
/// and column header; section 三's row labels and applicant column; section
/// 四's kind of case and result column.
pub(crate) fn cell_label(key: crate::CellKey, edition: Edition) -> Option<String> {
    use crate::CellKey;
    let parts: Vec<&str> = match key {
        CellKey::Active(row, column) => {
            let part = active_part(row, edition)?;
            if !part.columns.contains(&column) {
                return None;
            }
            vec![
                part.caption,
                active_row(row, edition).label.printed,
                active_column(column, edition).label.printed,
            ]
        }
        CellKey::Applications(row, column) => {
            let row = application_row(row);
            if !row.editions.has(edition) {
                return None;
            }
            row.printed_path()
                .chain(applicant_column(column).printed_path())
                .collect()
        }
        CellKey::ReviewLitigation(row, column) => review_row(row)
            .printed_path()
            .chain(review_column(column).printed_path())
            .collect(),
    };
    Some(parts.join(" · "))
}

#[cfg(test)]
mod tests;
