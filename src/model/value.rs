//! Typed cell values: counts, changes, amounts and blanks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number, exact, as written in a report (`57`, `25.1`, `0.35`).
///
/// Amounts are kept as decimals so that `251000元` becomes exactly `25.1` 万元.
/// Displays without trailing zeros; serializes as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// The largest number of digits after the point that a `Decimal` keeps.
    pub const MAX_SCALE: u32 = 18;

    /// `mantissa × 10^-scale`, reduced to its shortest form. `None` when `scale`
    /// exceeds [`Decimal::MAX_SCALE`].
    pub fn new(mantissa: i128, scale: u32) -> Option<Decimal> {
        if scale > Self::MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa, scale }.reduced())
    }

    /// A whole number.
    pub fn from_integer(n: i64) -> Decimal {
        Decimal {
            mantissa: i128::from(n),
            scale: 0,
        }
    }

    /// Divides by `10^places` exactly (`251000` → `25.1` for `places = 4`).
    /// `None` when the result would need more than [`Decimal::MAX_SCALE`] digits.
    pub fn shift_right(self, places: u32) -> Option<Decimal> {
        Decimal::new(self.mantissa, self.scale.checked_add(places)?)
    }

    /// True when the number is below zero.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The value as a floating-point number (may round).
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    fn reduced(mut self) -> Decimal {
        if self.mantissa == 0 {
            self.scale = 0;
        }
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            write!(f, "{sign}{int}.{frac}")
        } else {
            write!(f, "{sign}0.{}{digits}", "0".repeat(scale - digits.len()))
        }
    }
}

/// The text was not a plain decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecimalError;

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a decimal number")
    }
}

impl std::error::Error for DecimalError {}

impl FromStr for Decimal {
    type Err = DecimalError;

    /// Parses `-12.50`, `3`, `0.1` (ASCII digits, at most one point, optional sign).
    fn from_str(s: &str) -> Result<Decimal, DecimalError> {
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(DecimalError);
        }
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || !all_digits(frac) || (body.contains('.') && frac.is_empty()) {
            return Err(DecimalError);
        }
        let scale = u32::try_from(frac.len()).map_err(|_| DecimalError)?;
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or(DecimalError)?;
        }
        if negative {
            mantissa = -mantissa;
        }
        Decimal::new(mantissa, scale).ok_or(DecimalError)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How a change (本年增/减) was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeForm {
    /// A number with or without a sign: `0`, `+19`, `-8`.
    Signed,
    /// In words: `增加3`, `减少2`.
    Words,
    /// Two parts `a/b`, read as `a` added and `b` removed (seen only as `0/0`).
    Split {
        /// The part before the slash.
        added: u64,
        /// The part after the slash.
        removed: u64,
    },
}

/// A change (本年增/减): the net number and how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The net change: positive for an increase, negative for a decrease.
    pub net: i64,
    /// The written form, with both parts of an `a/b` change.
    pub form: ChangeForm,
}

/// The unit an amount was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AmountUnit {
    /// `万元` written after the number.
    WanYuan,
    /// `万` written after the number.
    Wan,
    /// `元` written after the number: the value in 万元 is divided by 10 000.
    Yuan,
    /// No unit after the number, but the column header fixes 万元 (2021 edition).
    HeaderWanYuan,
    /// No unit anywhere (2019 edition's 采购总金额): exported as written.
    Unstated,
}

/// An amount of money (金额).
///
/// Serializes as `{"written": "251000", "unit": "yuan", "wan_yuan": 25.1}`:
/// the number as written (a string, exact), its unit, and beside them
/// [`Amount::wan_yuan`] as a JSON number (read back from `written` and
/// `unit`, `wan_yuan` ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "AmountJson", from = "AmountJson")]
pub struct Amount {
    /// The number as written, before any unit conversion (`251000` for `251000元`).
    pub written: Decimal,
    /// The unit as written.
    pub unit: AmountUnit,
}

/// The JSON form of an [`Amount`].
#[derive(Clone, Copy, Serialize, Deserialize)]
struct AmountJson {
    written: Decimal,
    unit: AmountUnit,
    #[serde(default, skip_deserializing)]
    wan_yuan: Option<Number>,
}

impl From<Amount> for AmountJson {
    fn from(a: Amount) -> AmountJson {
        AmountJson {
            written: a.written,
            unit: a.unit,
            wan_yuan: Some(Number(a.wan_yuan())),
        }
    }
}

impl From<AmountJson> for Amount {
    fn from(a: AmountJson) -> Amount {
        Amount {
            written: a.written,
            unit: a.unit,
        }
    }
}

/// A [`Decimal`] that serializes as a number (an integer when it is one
/// and fits 64 bits, else the nearest `f64`), where [`Decimal`] itself
/// serializes as an exact string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number(pub(crate) Decimal);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        if d.scale == 0
            && let Ok(n) = i64::try_from(d.mantissa)
        {
            return serializer.serialize_i64(n);
        }
        // the nearest f64 to the decimal (a correctly rounded parse)
        let f: f64 = d.to_string().parse().unwrap_or_else(|_| d.to_f64());
        serializer.serialize_f64(f)
    }
}

impl Amount {
    /// The amount in 万元 where the unit is known; for [`AmountUnit::Unstated`]
    /// the number as written.
    pub fn wan_yuan(&self) -> Decimal {
        match self.unit {
            // Exact for any written value with at most 14 decimals; beyond that
            // the written number is kept rather than a rounded one.
            AmountUnit::Yuan => self.written.shift_right(4).unwrap_or(self.written),
            _ => self.written,
        }
    }
}

/// The value of one cell of a table.
///
/// Serializes as `{"kind": "count", "value": 12}`, `{"kind": "blank"}`,
/// `{"kind": "change", "value": {"net": -8, "form": "signed"}}` or
/// `{"kind": "amount", "value": {"written": "170", "unit": "wan", "wan_yuan": 170}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
#[non_exhaustive]
pub enum Value {
    /// No value: an empty cell, `/`, `-`, `—`, `无`, or a cell the parser could not
    /// place with certainty (a diagnostic then says why). A blank is not a zero.
    Blank,
    /// A count: a non-negative whole number.
    Count(u64),
    /// A change (本年增/减).
    Change(Change),
    /// An amount of money.
    Amount(Amount),
}

impl Value {
    /// True for [`Value::Blank`].
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Blank)
    }

    /// The value as an exact number: counts as they are, changes as their net
    /// number, amounts in 万元 (see [`Amount::wan_yuan`]); `None` for a blank.
    pub fn number(&self) -> Option<Decimal> {
        match *self {
            Value::Blank => None,
            Value::Count(n) => Some(Decimal::new(i128::from(n), 0)?),
            Value::Change(c) => Some(Decimal::from_integer(c.net)),
            Value::Amount(a) => Some(a.wan_yuan()),
        }
    }

    /// The value as a whole number where it is one (counts and changes).
    pub fn integer(&self) -> Option<i128> {
        match *self {
            Value::Count(n) => Some(i128::from(n)),
            Value::Change(c) => Some(i128::from(c.net)),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    /// The tidy export form: counts and changes as integers, amounts in 万元,
    /// blank as the empty string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.number() {
            Some(n) => write!(f, "{n}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_parses_and_displays() {
        for (text, shown) in [
            ("57", "57"),
            ("25.10", "25.1"),
            ("0.05", "0.05"),
            ("-3", "-3"),
            ("+4.0", "4"),
            ("0.000", "0"),
        ] {
            assert_eq!(
                text.parse::<Decimal>().unwrap().to_string(),
                shown,
                "{text}"
            );
        }
        for bad in ["", ".", "1.", "a", "1.2.3", "--1", "1e3"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
    }

    #[test]
    fn yuan_become_wan_yuan_exactly() {
        let a = Amount {
            written: "251000".parse().unwrap(),
            unit: AmountUnit::Yuan,
        };
        assert_eq!(a.wan_yuan().to_string(), "25.1");
        let b = Amount {
            written: "3".parse().unwrap(),
            unit: AmountUnit::Yuan,
        };
        assert_eq!(b.wan_yuan().to_string(), "0.0003");
    }

    #[test]
    fn amounts_serialize_with_their_number_in_wan_yuan() {
        let a = Value::Amount(Amount {
            written: "251000".parse().unwrap(),
            unit: AmountUnit::Yuan,
        });
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"amount","value":{"written":"251000","unit":"yuan","wan_yuan":25.1}}"#
        );
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), a);
        let b = Amount {
            written: "170".parse().unwrap(),
            unit: AmountUnit::Wan,
        };
        let json = serde_json::to_value(b).unwrap();
        assert!(json["wan_yuan"].is_i64(), "{json}");
        assert_eq!(json["wan_yuan"], 170);
    }

    #[test]
    fn value_display_is_the_export_form() {
        assert_eq!(Value::Blank.to_string(), "");
        assert_eq!(Value::Count(12).to_string(), "12");
        let c = Change {
            net: -8,
            form: ChangeForm::Signed,
        };
        assert_eq!(Value::Change(c).to_string(), "-8");
    }
}
