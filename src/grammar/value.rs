//! Cell values: counts, changes, amounts with units, and blanks.
//!
//! A cell is first read as a [`Scalar`] (what is written, whatever the column),
//! then typed by its column's [`ValueKind`] with [`Scalar::typed`].

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{all_consuming, map, map_res, opt, recognize, value};
use nom::multi::many1;
use nom::sequence::{pair, preceded, separated_pair};
use nom::{IResult, Parser};

use crate::model::{Amount, AmountUnit, Change, ChangeForm, Decimal, Value, ValueKind};

/// A unit written after an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    WanYuan,
    Wan,
    Yuan,
    /// 件, 个, 项, 条, 次: a count's unit.
    Piece,
}

/// What a cell holds, before its column gives it a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// Empty, `/`, `-`, `—`, `——`, `无`.
    Blank,
    /// A whole number with an optional sign (`12`, `+19`, `-8`) and unit.
    Integer {
        value: i128,
        signed: bool,
        unit: Option<Unit>,
    },
    /// A number with a decimal point, with its unit (`3.5`, `57.5万元`).
    Fraction { value: Decimal, unit: Option<Unit> },
    /// `增加3`, `减少2`.
    Words { net: i128 },
    /// `a/b`, seen as `0/0` in 本年增/减.
    Split { added: u64, removed: u64 },
    /// A value a text tool cut apart, its cell overwritten after its first
    /// `digits` digits (`22\u{fffd}`, `8一`; `digits` 0 for a cell of broken
    /// bytes alone): never a figure by itself, the figure printed starts with
    /// `prefix` (see `tokens::filled`).
    Cut { prefix: u64, digits: u8 },
}

fn blank(i: &str) -> IResult<&str, Scalar> {
    value(
        Scalar::Blank,
        alt((
            tag("——"),
            tag("—"),
            tag("--"),
            tag("-"),
            tag("/"),
            tag("\\"),
            tag("无"),
            tag("―"),
            tag("–"),
            tag(""),
        )),
    )
    .parse(i)
}

/// Digits, with `,` thousands separators allowed only in groups of three;
/// the digits without their separators (borrowed when there are none).
///
/// ```text
/// digits := digit+ ("," digit digit digit)+ | digit+
/// ```
fn digits(i: &str) -> IResult<&str, Cow<'_, str>> {
    let grouped = recognize(pair(
        digit1,
        many1(preceded(
            char(','),
            nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
    ));
    map(alt((grouped, digit1)), |s: &str| {
        if s.contains(',') {
            Cow::Owned(s.replace(',', ""))
        } else {
            Cow::Borrowed(s)
        }
    })
    .parse(i)
}

fn unit(i: &str) -> IResult<&str, Unit> {
    alt((
        value(Unit::WanYuan, tag("万元")),
        value(Unit::Wan, tag("万")),
        value(Unit::Yuan, tag("元")),
        value(Unit::Piece, one_of("件个项条次")),
    ))
    .parse(i)
}

fn integer(i: &str) -> IResult<&str, i128> {
    map_res(digits, |d| d.parse::<i128>()).parse(i)
}

fn number(i: &str) -> IResult<&str, Scalar> {
    let sign = opt(one_of("+-"));
    let body = pair(digits, opt(preceded(char('.'), digit1)));
    map_res(
        // `pdftotext -layout` may set the unit a few columns on (`57   万元`)
        (sign, body, opt(preceded(space0, unit))),
        |(sign, (int, frac), unit)| -> Result<Scalar, ()> {
            let negative = sign == Some('-');
            match frac {
                None => {
                    let mut value: i128 = int.parse().map_err(|_| ())?;
                    if value > i128::from(i64::MAX) {
                        return Err(());
                    }
                    if negative {
                        value = -value;
                    }
                    Ok(Scalar::Integer {
                        value,
                        signed: sign.is_some(),
                        unit,
                    })
                }
                Some(frac) => {
                    let text = format!("{}{int}.{frac}", if negative { "-" } else { "" });
                    let value = text.parse::<Decimal>().map_err(|_| ())?;
                    Ok(Scalar::Fraction { value, unit })
                }
            }
        },
    )
    .parse(i)
}

fn words(i: &str) -> IResult<&str, Scalar> {
    let up = preceded(alt((tag("增加"), tag("新增"), tag("增"))), integer);
    let down = preceded(alt((tag("减少"), tag("减"))), integer);
    alt((
        map(up, |n| Scalar::Words { net: n }),
        map(down, |n| Scalar::Words { net: -n }),
    ))
    .parse(i)
}

fn split(i: &str) -> IResult<&str, Scalar> {
    map_res(
        separated_pair(digits, char('/'), digits),
        |(a, b)| -> Result<Scalar, std::num::ParseIntError> {
            Ok(Scalar::Split {
                added: a.parse()?,
                removed: b.parse()?,
            })
        },
    )
    .parse(i)
}

/// A character that [`scalar`]'s readings take: digits, separators, signs,
/// the blank marks, the words of a change and the units (the only ones
/// `split`, `words`, `number` and `blank` accept).
fn value_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            ',' | '.'
                | '/'
                | '+'
                | '-'
                | '\\'
                | ' '
                | '\t'
                | '—'
                | '―'
                | '–'
                | '无'
                | '增'
                | '加'
                | '新'
                | '减'
                | '少'
                | '万'
                | '元'
                | '件'
                | '个'
                | '项'
                | '条'
                | '次'
        )
}

/// Reads a whole cell (already trimmed) as a scalar; `None` when it is not a value.
pub(crate) fn scalar(cell: &str) -> Option<Scalar> {
    // the common cases first, without the combinators: plain digits, and text
    // that cannot start a value
    let bytes = cell.as_bytes();
    if !bytes.is_empty() && bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) {
        let value = cell.parse::<i128>().ok()?;
        return Some(Scalar::Integer {
            value,
            signed: false,
            unit: None,
        });
    }
    // a blank mark alone (no digit: none of the other readings fits it)
    if matches!(
        cell,
        "——" | "—" | "--" | "-" | "/" | "\\" | "无" | "―" | "–"
    ) {
        return Some(Scalar::Blank);
    }
    let Some(first) = cell.chars().next() else {
        return Some(Scalar::Blank);
    };
    if !(first.is_ascii_digit()
        || matches!(
            first,
            '+' | '-' | '/' | '\\' | '—' | '―' | '–' | '无' | '增' | '减' | '新'
        ))
    {
        return None;
    }
    // a character no reading below takes: not a value (`2020年`, `新收`)
    if !cell.chars().all(value_char) {
        return None;
    }
    readings(cell)
}

/// The readings of a cell as a value, tried in turn; the whole cell must be read.
/// Inner spaces between a number and its unit are allowed (`57 万元`); none elsewhere.
///
/// ```text
/// readings := split | words | number | blank
/// ```
fn readings(cell: &str) -> Option<Scalar> {
    all_consuming(alt((split, words, number, blank)))
        .parse(cell)
        .ok()
        .map(|(_, s)| s)
}

/// The 2021 edition's 本年收费金额 header fixes the unit: 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderUnit {
    None,
    WanYuan,
}

impl Scalar {
    /// The scalar as a plain count: a whole number with no sign and no unit.
    pub(crate) fn count(self) -> Option<u64> {
        match self {
            Scalar::Integer {
                value,
                signed: false,
                unit: None,
            } => u64::try_from(value).ok(),
            _ => None,
        }
    }

    /// Types the scalar for a column; `Err` says why it does not fit.
    pub(crate) fn typed(self, kind: ValueKind, header: HeaderUnit) -> Result<Value, &'static str> {
        match (kind, self) {
            (_, Scalar::Blank) => Ok(Value::Blank),
            (_, Scalar::Cut { .. }) => {
                Err("the tool that printed it cut the cell apart: not a figure by itself")
            }
            (
                ValueKind::Count,
                Scalar::Integer {
                    value,
                    signed,
                    unit,
                },
            ) => {
                if signed && value != 0 || value < 0 {
                    Err("a count cannot carry a sign")
                } else if matches!(unit, None | Some(Unit::Piece)) {
                    u64::try_from(value)
                        .map(Value::Count)
                        .map_err(|_| "count out of range")
                } else {
                    Err("a count cannot carry a unit of money")
                }
            }
            (ValueKind::Count, Scalar::Fraction { .. }) => Err("a count must be a whole number"),
            (ValueKind::Count, _) => Err("not a count"),
            (ValueKind::Change, Scalar::Integer { value, unit, .. }) => {
                if matches!(unit, None | Some(Unit::Piece)) {
                    Ok(Value::Change(Change {
                        net: i64::try_from(value).map_err(|_| "change out of range")?,
                        form: ChangeForm::Signed,
                    }))
                } else {
                    Err("a change cannot carry a unit of money")
                }
            }
            (ValueKind::Change, Scalar::Words { net }) => Ok(Value::Change(Change {
                net: i64::try_from(net).map_err(|_| "change out of range")?,
                form: ChangeForm::Words,
            })),
            (ValueKind::Change, Scalar::Split { added, removed }) => {
                let net = i128::from(added) - i128::from(removed);
                Ok(Value::Change(Change {
                    net: i64::try_from(net).map_err(|_| "change out of range")?,
                    form: ChangeForm::Split { added, removed },
                }))
            }
            (ValueKind::Change, Scalar::Fraction { .. }) => Err("a change must be a whole number"),
            (
                ValueKind::Amount,
                Scalar::Integer {
                    value,
                    signed,
                    unit,
                },
            ) => {
                if signed && value != 0 || value < 0 {
                    return Err("an amount cannot carry a sign");
                }
                let written = Decimal::new(value, 0).ok_or("amount out of range")?;
                amount(written, unit, header)
            }
            (ValueKind::Amount, Scalar::Fraction { value, unit }) => {
                if value.is_negative() {
                    return Err("an amount cannot be negative");
                }
                amount(value, unit, header)
            }
            (ValueKind::Amount, _) => Err("not an amount"),
            #[allow(unreachable_patterns)]
            _ => Err("not a value of this column"),
        }
    }
}

fn amount(written: Decimal, unit: Option<Unit>, header: HeaderUnit) -> Result<Value, &'static str> {
    let unit = match (unit, header) {
        (Some(Unit::WanYuan), _) => AmountUnit::WanYuan,
        (Some(Unit::Wan), _) => AmountUnit::Wan,
        (Some(Unit::Yuan), _) => AmountUnit::Yuan,
        (Some(Unit::Piece), _) => return Err("an amount cannot be counted in pieces"),
        (None, HeaderUnit::WanYuan) => AmountUnit::HeaderWanYuan,
        (None, HeaderUnit::None) => AmountUnit::Unstated,
    };
    Ok(Value::Amount(Amount { written, unit }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_a_whole_number_with_no_sign_and_no_unit() {
        let count = |t: &str| scalar(t).and_then(Scalar::count);
        assert_eq!(count("12"), Some(12));
        assert_eq!(count("0"), Some(0));
        for t in ["+19", "-8", "12件", "3.5", "/", "甲"] {
            assert_eq!(count(t), None, "{t}");
        }
    }

    fn typed(text: &str, kind: ValueKind) -> Result<Value, &'static str> {
        scalar(text)
            .ok_or("no scalar")?
            .typed(kind, HeaderUnit::None)
    }

    proptest::proptest! {
        #[test]
        fn a_cell_with_a_character_no_reading_takes_is_no_value(
            cell in "[0-9,./+\\-\\\\ \t—―–无增加新减少万元件个项条次年a。]{1,8}"
        ) {
            if !cell.chars().all(value_char) {
                proptest::prop_assert_eq!(readings(&cell), None);
            }
        }
    }

    #[test]
    fn blanks() {
        for text in ["", "/", "-", "—", "——", "无", "\\", "--", "―", "–"] {
            assert_eq!(scalar(text), Some(Scalar::Blank), "{text:?}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(typed("0", ValueKind::Count), Ok(Value::Count(0)));
        assert_eq!(typed("12", ValueKind::Count), Ok(Value::Count(12)));
        assert_eq!(typed("1,234", ValueKind::Count), Ok(Value::Count(1234)));
        assert_eq!(typed("3件", ValueKind::Count), Ok(Value::Count(3)));
        assert!(typed("-3", ValueKind::Count).is_err());
        assert!(typed("3.5", ValueKind::Count).is_err());
        assert!(typed("57万元", ValueKind::Count).is_err());
        assert_eq!(scalar("1,23"), None);
        assert_eq!(scalar("12a"), None);
        assert_eq!(scalar("规章"), None);
        assert_eq!(scalar("2020年本行政区域"), None);
        assert_eq!(scalar(&"9".repeat(200)), None);
    }

    #[test]
    fn changes() {
        let net = |t: &str| match typed(t, ValueKind::Change) {
            Ok(Value::Change(c)) => Some((c.net, c.form)),
            _ => None,
        };
        assert_eq!(net("+19"), Some((19, ChangeForm::Signed)));
        assert_eq!(net("-8"), Some((-8, ChangeForm::Signed)));
        assert_eq!(net("0"), Some((0, ChangeForm::Signed)));
        assert_eq!(net("增加3"), Some((3, ChangeForm::Words)));
        assert_eq!(net("减少2"), Some((-2, ChangeForm::Words)));
        assert_eq!(
            net("0/0"),
            Some((
                0,
                ChangeForm::Split {
                    added: 0,
                    removed: 0
                }
            ))
        );
        assert_eq!(
            net("5/2"),
            Some((
                3,
                ChangeForm::Split {
                    added: 5,
                    removed: 2
                }
            ))
        );
    }

    #[test]
    fn amounts() {
        let amt = |t: &str, h| match scalar(t).unwrap().typed(ValueKind::Amount, h) {
            Ok(Value::Amount(a)) => (a.wan_yuan().to_string(), a.unit),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(
            amt("57万元", HeaderUnit::None),
            ("57".into(), AmountUnit::WanYuan)
        );
        assert_eq!(
            amt("170万", HeaderUnit::None),
            ("170".into(), AmountUnit::Wan)
        );
        assert_eq!(
            amt("251000元", HeaderUnit::None),
            ("25.1".into(), AmountUnit::Yuan)
        );
        assert_eq!(
            amt("3.5", HeaderUnit::WanYuan),
            ("3.5".into(), AmountUnit::HeaderWanYuan)
        );
        assert_eq!(
            amt("32", HeaderUnit::None),
            ("32".into(), AmountUnit::Unstated)
        );
        assert_eq!(
            amt("57 万元", HeaderUnit::None),
            ("57".into(), AmountUnit::WanYuan)
        );
        assert_eq!(
            amt("57   万元", HeaderUnit::None),
            ("57".into(), AmountUnit::WanYuan)
        );
        assert!(
            scalar("-5")
                .unwrap()
                .typed(ValueKind::Amount, HeaderUnit::None)
                .is_err()
        );
    }
}
