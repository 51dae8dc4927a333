//! Germany: the account number's check digit, by the Deutsche Bundesbank's check digit method
//! ("Prüfzifferberechnungsmethode", `00` to `E4`) that the Bankleitzahlen file assigns to the bank
//! code (BBAN digits 1-8). See the [parent module](super) for what is and is not checked.
//!
//! Every method below is written from the Bundesbank's description in "Prüfzifferberechnungs-
//! methoden zur Prüfung von Kontonummern auf ihre Richtigkeit" (the method text and its test
//! account numbers), and compared with schwifty's `checksum/germany.py` and konto_check's
//! `konto_check.c` where they implement it. Positions are the Bundesbank's: the account number is
//! padded with zeros on the left to 10 digits, numbered 1 to 10 from the left; "weights 2, 3, 4
//! from the right" start at the rightmost position named. A method is implemented with all its
//! variants and exceptions, or not at all.

use super::de_banks as table;

/// The account number's 10 digits (values 0-9), position 1 first.
type Account = [u8; 10];

/// Σ digit × weight over positions `from..=to` (1-based), the weights applied from position `to`
/// leftwards and repeated.
#[inline]
fn sum(a: &Account, from: usize, to: usize, weights: &[u32]) -> u32 {
    a[from - 1..to].iter().rev().zip(weights.iter().cycle()).map(|(&d, &w)| u32::from(d) * w).sum()
}

/// Σ of the cross sums ("Quersumme") of digit × 2, 1, 2, 1, ... over positions `from..=to`,
/// weight 2 on position `to`.
#[inline]
fn cross_sum_21(a: &Account, from: usize, to: usize) -> u32 {
    a[from - 1..to]
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                // 2d is at most 18: its cross sum is 2d - 9 above 9.
                if d > 4 {
                    2 * d - 9
                } else {
                    2 * d
                }
            } else {
                d
            }
        })
        .sum()
}

/// The mod-10 check digit of a sum: `10 - sum mod 10`, 0 for 10.
#[inline]
fn mod10(sum: u32) -> u8 {
    ((10 - sum % 10) % 10) as u8
}

/// The mod-11 check digit of method 06: `11 - sum mod 11`, 0 for remainders 0 and 1.
#[inline]
fn mod11_06(sum: u32) -> u8 {
    match sum % 11 {
        0 | 1 => 0,
        r => (11 - r) as u8,
    }
}

/// The mod-11 check digit of method 02: `11 - sum mod 11`, 0 for remainder 0; remainder 1 gives
/// no usable digit (`None`: the account number is invalid).
#[inline]
fn mod11_02(sum: u32) -> Option<u8> {
    match sum % 11 {
        0 => Some(0),
        1 => None,
        r => Some((11 - r) as u8),
    }
}

/// The account number as an integer.
fn number(a: &Account) -> u64 {
    a.iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

/// Weights 2, 3, 4, 5, 6, 7 (repeated: 2, 3, 4, 5, 6, 7, 2, 3, 4 over nine positions).
const W2_7: [u32; 6] = [2, 3, 4, 5, 6, 7];
/// Weights 2 to 10.
const W2_10: [u32; 9] = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/// Method 00: modulus 10, weights 2, 1, 2, ... from position 9 over positions 1-9, cross sums of
/// the products; check digit in position 10.
fn m00(a: &Account) -> bool {
    a[9] == mod10(cross_sum_21(a, 1, 9))
}

/// Method 01: modulus 10, weights 3, 7, 1 (repeated) from position 9 over positions 1-9; check
/// digit in position 10.
fn m01(a: &Account) -> bool {
    a[9] == mod10(sum(a, 1, 9, &[3, 7, 1]))
}

/// Method 03: as 01 with weights 2, 1.
fn m03(a: &Account) -> bool {
    a[9] == mod10(sum(a, 1, 9, &[2, 1]))
}

/// Method 04 (used by A2): as 02 (modulus 11, remainder 1 invalid) with weights 2-7 repeated.
fn m04(a: &Account) -> bool {
    mod11_02(sum(a, 1, 9, &W2_7)) == Some(a[9])
}

/// Method 05: as 01 with weights 7, 3, 1.
fn m05(a: &Account) -> bool {
    a[9] == mod10(sum(a, 1, 9, &[7, 3, 1]))
}

/// Method 06: modulus 11, weights 2-7 (repeated) from position 9 over positions 1-9; check digit
/// `11 - remainder` in position 10, 0 for remainders 0 and 1.
fn m06(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 1, 9, &W2_7))
}

/// Method 08: as 00, for account numbers from 60 000 on; below, no check digit.
fn m08(a: &Account) -> bool {
    number(a) < 60_000 || m00(a)
}

/// Method 10: as 06 with weights 2-10.
fn m10(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 1, 9, &W2_10))
}

/// Method 11: as 10, except that remainder 1 (result 10) gives check digit 9.
fn m11(a: &Account) -> bool {
    let check = match sum(a, 1, 9, &W2_10) % 11 {
        0 => 0,
        1 => 9,
        r => (11 - r) as u8,
    };
    a[9] == check
}

/// Method 13: as 00 over the base number in positions 2-7, check digit in position 8 (positions
/// 9-10 are a sub-account). The sub-account `00` may have been left off: when that fails and
/// positions 1-2 are `00`, the number is checked again shifted two places left (positions 4-9,
/// check digit 10), as the Bundesbank recommends.
fn m13(a: &Account) -> bool {
    a[7] == mod10(cross_sum_21(a, 2, 7)) || (a[0] == 0 && a[1] == 0 && a[9] == mod10(cross_sum_21(a, 4, 9)))
}

/// Method 16: as 06 with weights 2-7 repeated, except that for remainder 1 the account number is
/// valid whatever its check digit when positions 9 and 10 are the same digit.
fn m16(a: &Account) -> bool {
    let s = sum(a, 1, 9, &W2_7);
    (s % 11 == 1 && a[8] == a[9]) || a[9] == mod11_06(s)
}

/// Method 17: modulus 11 over the base number in positions 2-7, weights 1, 2, 1, 2, 1, 2 from the
/// left with cross sums of the products; `sum - 1` mod 11 subtracted from 10 (0 for remainder 0)
/// is the check digit, in position 8.
fn m17(a: &Account) -> bool {
    // Weights 1, 2, ... from position 2 are 2, 1, ... from position 7; (s - 1) mod 11 without
    // underflow for s = 0.
    let r = (cross_sum_21(a, 2, 7) + 10) % 11;
    a[7] == if r == 0 { 0 } else { (10 - r) as u8 }
}

/// Method 18: as 01 with weights 3, 9, 7, 1.
fn m18(a: &Account) -> bool {
    a[9] == mod10(sum(a, 1, 9, &[3, 9, 7, 1]))
}

/// Method 19: as 06 with weights 2, 3, 4, 5, 6, 7, 8, 9, 1.
fn m19(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 1, 9, &[2, 3, 4, 5, 6, 7, 8, 9, 1]))
}

/// Method 20: as 06 with weights 2, 3, 4, 5, 6, 7, 8, 9, 3.
fn m20(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 1, 9, &[2, 3, 4, 5, 6, 7, 8, 9, 3]))
}

/// Method 24: from the first non-zero digit up to position 9, left to right, each digit × weight
/// (1, 2, 3, repeated) plus the weight, mod 11; the last digit of the sum of these is the check
/// digit, in position 10. A 3, 4, 5 or 6 in position 1 counts as 0; a 9 in position 1 makes
/// positions 1-3 count as 0.
fn m24(a: &Account) -> bool {
    let mut digits = *a;
    match digits[0] {
        3..=6 => digits[0] = 0,
        9 => digits[..3].fill(0),
        _ => {}
    }
    let start = digits[..9].iter().position(|&d| d != 0).unwrap_or(9);
    let total: u32 = digits[start..9]
        .iter()
        .zip([1, 2, 3].iter().cycle())
        .map(|(&d, &w)| (u32::from(d) * w + w) % 11)
        .sum();
    a[9] == (total % 10) as u8
}

/// Method 28: as 06 over positions 1-7 with weights 2-8, check digit in position 8 (positions 9-10
/// are a sub-account).
fn m28(a: &Account) -> bool {
    a[7] == mod11_06(sum(a, 1, 7, &[2, 3, 4, 5, 6, 7, 8]))
}

/// Method 32: as 06 over positions 4-9 with weights 2-7.
fn m32(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 4, 9, &W2_7))
}

/// Method 33: as 06 over positions 5-9 with weights 2-6.
fn m33(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 5, 9, &[2, 3, 4, 5, 6]))
}

/// Method 34: as 28 with weights 2, 4, 8, 5, 10, 9, 7.
fn m34(a: &Account) -> bool {
    a[7] == mod11_06(sum(a, 1, 7, &[2, 4, 8, 5, 10, 9, 7]))
}

/// Method 38: as 06 over positions 4-9 with weights 2, 4, 8, 5, 10, 9.
fn m38(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 4, 9, &[2, 4, 8, 5, 10, 9]))
}

/// Method 44: as 33 with weights 2, 4, 8, 5, 10.
fn m44(a: &Account) -> bool {
    a[9] == mod11_06(sum(a, 5, 9, &[2, 4, 8, 5, 10]))
}

/// Method 48: as 06 over positions 3-8 with weights 2-7, check digit in position 9.
fn m48(a: &Account) -> bool {
    a[8] == mod11_06(sum(a, 3, 8, &W2_7))
}

/// Method 49: method 00, and when that fails method 01.
fn m49(a: &Account) -> bool {
    m00(a) || m01(a)
}

/// Method 56: modulus 11, weights 2-7 repeated over positions 1-9, check digit `11 - remainder`
/// in position 10; results 10 and 11 make the account number invalid, except that an account
/// number starting with 9 then has check digit 7 (for 10) or 8 (for 11).
fn m56(a: &Account) -> bool {
    let check = match 11 - sum(a, 1, 9, &W2_7) % 11 {
        10 if a[0] == 9 => 7,
        11 if a[0] == 9 => 8,
        10 | 11 => return false,
        c => c as u8,
    };
    a[9] == check
}

/// Method 60: as 00 over the base number in positions 3-9 (positions 1-2 are a sub-account).
fn m60(a: &Account) -> bool {
    a[9] == mod10(cross_sum_21(a, 3, 9))
}

/// Method 61: as 00 over positions 1-7 (weight 2 on position 7), check digit in position 8; when
/// position 9 (the account type) is 8, positions 9 and 10 count too (weights 1 and 2, continuing
/// the sequence).
fn m61(a: &Account) -> bool {
    let mut s = cross_sum_21(a, 1, 7);
    if a[8] == 8 {
        // Weight 2 on position 10 and 1 on position 9: the cross sum of 2 × digit, plus 8.
        s += 8 + cross_sum_21(a, 10, 10);
    }
    a[7] == mod10(s)
}

/// Method 63: as 00 over the base number in positions 2-7, check digit in position 8 (positions
/// 9-10 are a sub-account); position 1 must be 0, or the account number is invalid. The
/// sub-account `00` may have been left off with the number padded by zeros: when positions 1-3
/// are `000`, positions 4-9 with the check digit in position 10 pass too.
fn m63(a: &Account) -> bool {
    a[0] == 0
        && (a[7] == mod10(cross_sum_21(a, 2, 7)) || (a[1] == 0 && a[2] == 0 && a[9] == mod10(cross_sum_21(a, 4, 9))))
}

/// Method 68: account numbers of 6 to 10 digits (fewer: invalid). Ten digits: position 4 (the
/// 7th from the right) must be 9, and positions 4-9 are checked as 00. Six to nine digits: the 9-
/// digit numbers 400 000 000 to 499 999 999 carry no check digit; the others pass as 00 over
/// positions 1-9 (variant 1), or as 00 with positions 3 and 4 (the 8th and 7th from the right)
/// left out (variant 2).
fn m68(a: &Account) -> bool {
    if a[0] != 0 {
        return a[3] == 9 && a[9] == mod10(cross_sum_21(a, 4, 9));
    }
    if a[..5] == [0; 5] {
        return false;
    }
    if a[1] == 4 {
        return true;
    }
    if m00(a) {
        return true;
    }
    // Leaving two adjacent positions out keeps the others' weights: zero them.
    let mut v2 = *a;
    v2[2] = 0;
    v2[3] = 0;
    m00(&v2)
}

/// Method 76: the base number in positions 2-7 (its last digit the check digit, in position 8),
/// weights 2-7 from position 7, the remainder mod 11 is the check digit; position 1 (the account
/// type) must be 0, 4, 6, 7, 8 or 9. The sub-account `00` (positions 9-10) may have been left off
/// with the number padded by zeros: the number shifted two places left is checked too. A
/// remainder of 10 "cannot be checked" (the Bundesbank's words): such a number is left
/// unchecked, not refused.
fn m76(a: &Account) -> bool {
    let account_type = |d: u8| matches!(d, 0 | 4 | 6 | 7 | 8 | 9);
    // Positions 2-7 of the number shifted `shift` places left are positions 2+shift to 7+shift.
    let passes = |shift: usize| {
        let r = sum(a, 2 + shift, 7 + shift, &W2_7) % 11;
        r == 10 || a[7 + shift] == r as u8
    };
    (account_type(a[0]) && passes(0)) || (a[0] == 0 && a[1] == 0 && account_type(a[2]) && passes(2))
}

/// Method 88: as 06 over positions 4-9 with weights 2-7; when position 3 is 9, over positions 3-9
/// with weights 2-8.
fn m88(a: &Account) -> bool {
    let s = if a[2] == 9 { sum(a, 3, 9, &[2, 3, 4, 5, 6, 7, 8]) } else { sum(a, 4, 9, &W2_7) };
    a[9] == mod11_06(s)
}

/// Method 91: check digit in position 7, computed as 06 by four variants tried in turn, the
/// account number valid when one passes: positions 1-6 with weights 2-7 from position 6 (1), with
/// 7-2 (2), with 2, 4, 8, 5, 10, 9 (4); positions 1-10 with weights 2, 3, 4, 0, 5, 6, 7, 8, 9, 10
/// from position 10, the check digit weighing 0 (3).
fn m91(a: &Account) -> bool {
    let check = a[6];
    check == mod11_06(sum(a, 1, 6, &W2_7))
        || check == mod11_06(sum(a, 1, 6, &[7, 6, 5, 4, 3, 2]))
        || check == mod11_06(sum(a, 1, 10, &[2, 3, 4, 0, 5, 6, 7, 8, 9, 10]))
        || check == mod11_06(sum(a, 1, 6, &[2, 4, 8, 5, 10, 9]))
}

/// Method 99: as 06 (weights 2-7 repeated); account numbers 0396000000 to 0499999999 carry no
/// check digit.
fn m99(a: &Account) -> bool {
    (396_000_000..=499_999_999).contains(&number(a)) || m06(a)
}

/// Method A2: method 00, and when that fails method 04.
fn ma2(a: &Account) -> bool {
    m00(a) || m04(a)
}

/// Method A3: method 00, and when that fails method 10.
fn ma3(a: &Account) -> bool {
    m00(a) || m10(a)
}

/// Method D8: account numbers 1000000000 to 9999999999 as 00; 0010000000 to 0099999999 carry no
/// check digit (method 09); any other account number is invalid.
fn md8(a: &Account) -> bool {
    match number(a) {
        1_000_000_000.. => m00(a),
        10_000_000..=99_999_999 => true,
        _ => false,
    }
}

macro_rules! methods {
    ($($byte:literal $id:literal $f:ident),* $(,)?) => {
        /// The methods kassa implements, by Bundesbank id (`09`, no check digit, included).
        pub(super) const IMPLEMENTED: &[&str] = &["09", $($id),*];

        /// Runs the method with table byte `method` (see [`table::METHOD`]); `None` if kassa
        /// does not implement it.
        #[inline]
        fn run(method: u8, a: &Account) -> Option<bool> {
            Some(match method {
                9 => true,
                $($byte => $f(a),)*
                _ => return None,
            })
        }

        /// The rule name of an implemented method's mismatch.
        fn name(method: u8) -> &'static str {
            match method {
                $($byte => concat!("German account check digit, Bundesbank method ", $id),)*
                _ => "German account check digit",
            }
        }

        /// The id of an implemented method (`"63"`).
        fn id(method: u8) -> Option<&'static str> {
            match method {
                9 => Some("09"),
                $($byte => Some($id),)*
                _ => None,
            }
        }

        /// The table byte of an implemented method id.
        fn byte(id: &str) -> Option<u8> {
            match id {
                "09" => Some(9),
                $($id => Some($byte),)*
                _ => None,
            }
        }
    };
}

// Table byte (00-99 as is, A0-E9 as 100-149), id, function.
methods! {
    0 "00" m00, 1 "01" m01, 3 "03" m03, 5 "05" m05, 6 "06" m06, 8 "08" m08, 10 "10" m10, 11 "11" m11,
    13 "13" m13, 16 "16" m16, 17 "17" m17, 18 "18" m18, 19 "19" m19, 20 "20" m20, 24 "24" m24,
    28 "28" m28, 32 "32" m32, 33 "33" m33, 34 "34" m34, 38 "38" m38, 44 "44" m44, 48 "48" m48,
    49 "49" m49, 56 "56" m56, 60 "60" m60, 61 "61" m61, 63 "63" m63, 68 "68" m68, 76 "76" m76,
    88 "88" m88, 91 "91" m91, 99 "99" m99, 102 "A2" ma2, 103 "A3" ma3, 138 "D8" md8,
}

/// The table byte of a bank code's method, if the table has the code (method 09 is not there).
#[inline]
fn method_of(bank_code: u32) -> Option<u8> {
    let bucket = usize::try_from((bank_code >> 16).checked_sub(table::FIRST)?).ok()?;
    let (start, end) = (usize::from(*table::BUCKETS.get(bucket)?), usize::from(*table::BUCKETS.get(bucket + 1)?));
    // Every bank code in a bucket shares its high 16 bits: compare the low ones.
    let low = (bank_code & 0xFFFF) as u16;
    let i = table::LOW[start..end].binary_search(&low).ok()?;
    Some(table::METHOD[start + i])
}

/// ASCII digits as a number and as digit values; `None` unless all are digits.
#[inline]
fn parse<const N: usize>(chars: &[u8]) -> Option<(u32, [u8; N])> {
    let mut digits = [0; N];
    let (mut n, mut invalid) = (0u32, chars.len() != N);
    for (slot, &c) in digits.iter_mut().zip(chars) {
        let d = c.wrapping_sub(b'0');
        invalid |= d > 9;
        *slot = d;
        n = n.wrapping_mul(10).wrapping_add(u32::from(d));
    }
    (!invalid).then_some((n, digits))
}

/// The German check of a BBAN (bank code, 10-digit account number): `Err(rule name)` when the
/// bank code's method is implemented and the account number fails it, or the BBAN is not 18
/// digits; `Ok` otherwise (a bank code without a method kassa implements is not checked).
#[inline]
pub(super) fn check(bban: &[u8]) -> Result<(), &'static str> {
    let parsed = if bban.len() == 18 { parse::<8>(&bban[..8]).zip(parse::<10>(&bban[8..])) } else { None };
    let Some(((bank_code, _), (_, account))) = parsed else {
        return Err(name(255));
    };
    match method_of(bank_code) {
        Some(method) if run(method, &account) == Some(false) => Err(name(method)),
        _ => Ok(()),
    }
}

/// The id of the Bundesbank method that kassa checks `bank_code`'s accounts with, if any.
pub(super) fn method(bank_code: &str) -> Option<&'static str> {
    let (code, _) = parse::<8>(bank_code.as_bytes())?;
    id(method_of(code)?).filter(|&id| id != "09")
}

/// Whether `account` (1 to 10 digits, padded with zeros on the left) passes method `method_id`:
/// `None` if kassa does not implement the method or `account` is not 1 to 10 digits.
pub(super) fn check_account(method_id: &str, account: &str) -> Option<bool> {
    let method = byte(method_id)?;
    let digits = account.as_bytes();
    if digits.is_empty() || digits.len() > 10 {
        return None;
    }
    let mut padded = [b'0'; 10];
    padded[10 - digits.len()..].copy_from_slice(digits);
    let (_, a) = parse::<10>(&padded)?;
    run(method, &a)
}

/// The Bankleitzahlen data the table was generated from.
pub(super) const SOURCE: &str = table::SOURCE;

#[cfg(test)]
mod tests {
    use super::*;

    /// The Bundesbank's worked examples and test account numbers, (method, valid, invalid).
    const EXAMPLES: &[(&str, &[&str], &[&str])] = &[
        ("00", &["9290701", "539290858", "1501824", "1501832"], &[]),
        ("06", &["94012341", "5073321010"], &[]),
        ("10", &["12345008", "87654008"], &[]),
        ("17", &["0446786040"], &[]),
        ("19", &["0240334000", "0200520016"], &[]),
        ("24", &["138301", "1306118605", "3307118608", "9307118603"], &[]),
        ("28", &["19999000", "9130000201"], &[]),
        ("32", &["9141405", "1709107983", "0122116979", "0121114867", "9030101192", "9245500460"], &[]),
        ("33", &["48658", "84956"], &[]),
        ("34", &["9913000700", "9914001000"], &[]),
        ("38", &["191919", "1100660"], &[]),
        ("44", &["889006", "2618040504"], &[]),
        ("56", &["0290545005", "9718304037"], &[]),
        ("61", &["2063099200", "0260760481"], &[]),
        ("63", &["0123456600", "0001234566"], &[]),
        ("68", &["8889654328", "987654324", "987654328", "400000000", "499999999"], &[]),
        ("76", &["0006543200", "9012345600", "7876543100", "0012345600", "0000123456"], &[]),
        ("88", &["2525259", "1000500", "90013000", "92525253", "99913003"], &[]),
        (
            "91",
            &[
                "2974118000", "5281741000", "9952810000", "2974117000", "5281770000", "9952812000", "8840019000",
                "8840050000", "8840087000", "8840045000", "8840012000", "8840055000", "8840080000",
            ],
            &["8840017000", "8840023000", "8840041000", "8840014000", "8840026000", "8840011000", "8840025000", "8840062000", "8840010000", "8840057000"],
        ),
        ("99", &["0068007003", "0847321750", "0396000000", "0499999999"], &[]),
        ("A2", &["3456789019", "5678901231", "6789012348", "3456789012"], &["1234567890", "0123456789"]),
        ("A3", &["1234567897", "0123456782", "9876543210", "1234567890", "0123456789"], &["6543217890", "0543216789"]),
        ("D8", &["1403414848", "6800000439", "6899999954", "0010000000", "0099999999"], &["3012084101", "1062813622", "0000260986"]),
    ];

    #[test]
    fn bundesbank_examples() {
        for &(method, valid, invalid) in EXAMPLES {
            for account in valid {
                assert_eq!(check_account(method, account), Some(true), "{method} {account}");
            }
            for account in invalid {
                assert_eq!(check_account(method, account), Some(false), "{method} {account}");
            }
        }
    }

    #[test]
    fn table_is_sorted_and_consistent() {
        assert_eq!(table::LOW.len(), table::METHOD.len());
        assert_eq!(usize::from(*table::BUCKETS.last().unwrap()), table::LOW.len());
        for bucket in table::BUCKETS.windows(2) {
            let (start, end) = (usize::from(bucket[0]), usize::from(bucket[1]));
            assert!(start <= end);
            assert!(table::LOW[start..end].windows(2).all(|w| w[0] < w[1]));
        }
        assert!(table::METHOD.iter().all(|&m| m != 9 && m < 150));
    }
}
