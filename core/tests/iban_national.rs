//! The national check digits of IBANs (`kassa::ident::national`, run by `iban::validate`): the
//! SWIFT registry examples of every country validate, and for each scheme a valid account, the
//! same account with one digit changed and the ISO 13616 check digits recomputed (so that only
//! the national check can catch it), and the scheme's edge cases.

use kassa::ident::iban::{self, ValidateOptions};
use kassa::ident::national::{self, Scheme};
use proptest::prelude::*;

/// ISO 7064 MOD 97-10 of an alphanumeric string (letters count 10 to 35), by the textbook rule.
fn mod97(s: &str) -> u32 {
    s.chars().fold(0, |r, c| {
        let v = c.to_digit(36).unwrap();
        if v < 10 {
            (r * 10 + v) % 97
        } else {
            (r * 100 + v) % 97
        }
    })
}

/// The IBAN of a BBAN, with its ISO 13616 check digits computed here (`98 - mod 97`).
fn iban_of(country: &str, bban: &str) -> String {
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// The IBAN with the BBAN character at `pos` replaced and the ISO check digits recomputed.
fn with_char(iban: &str, pos: usize, c: char) -> String {
    let mut bban: Vec<char> = iban[4..].chars().collect();
    bban[pos] = c;
    iban_of(&iban[..2], &bban.into_iter().collect::<String>())
}

fn lenient() -> ValidateOptions {
    ValidateOptions::default().national_check(false)
}

/// `iban` fails only its national check: refused as `iban_national_checksum` naming `name`,
/// accepted with the national check off.
fn assert_national_failure(iban: &str, name: &str) {
    assert_eq!(mod97(&format!("{}{}", &iban[4..], &iban[..4])), 1, "{iban}: the ISO check digits must pass");
    let err = iban::validate(iban).unwrap_err();
    assert_eq!(err.code(), "iban_national_checksum", "{iban}: {err}");
    let kassa::Error::Validation(v) = &err else { panic!("{err:?}") };
    assert_eq!(v.field, "iban");
    assert!(v.message.contains(name), "{iban}: {}", v.message);
    assert!(v.message.contains("national check digits"), "{}", v.message);
    assert_eq!(iban::validate_with(iban, lenient()).unwrap(), iban);
    assert_eq!(national::check(&iban[..2], &iban[4..]).unwrap_err().name, name);
}

/// The electronic-form example of the SWIFT IBAN registry (release 99) for every country, and the
/// second examples some countries have.
const REGISTRY_EXAMPLES: &[&str] = &[
    "AD1200012030200359100100",
    "AE070331234567890123456",
    "AL47212110090000000235698741",
    "AT611904300234573201",
    "AZ21NABZ00000000137010001944",
    "BA391290079401028494",
    "BE68539007547034",
    "BG80BNBG96611020345678",
    "BH67BMAG00001299123456",
    "BI4210000100010000332045181",
    "BR1800000000141455123924100C2",
    "BR1800360305000010009795493C1",
    "BR9700360305000010009795493P1",
    "BY13NBRB3600900000002Z00AB00",
    "CH9300762011623852957",
    "CR05015202001026284066",
    "CY17002001280000001200527600",
    "CZ6508000000192000145399",
    "CZ9455000000001011038930",
    "DE89370400440532013000",
    "DJ2110002010010409943020008",
    "DJ2100010000000154000100186",
    "DK5000400440116243",
    "DO28BAGR00000001212453611324",
    "EE382200221020145685",
    "EG380019000500000000263180002",
    "ES9121000418450200051332",
    "FI2112345600000785",
    "FI5542345670000081",
    "FK88SC123456789012",
    "FO6264600001631634",
    "FR1420041010050500013M02606",
    "GB29NWBK60161331926819",
    "GE29NB0000000101904917",
    "GI75NWBK000000007099453",
    "GL8964710001000206",
    "GR1601101250000000012300695",
    "GT82TRAJ01020000001210029690",
    "HN88CABF00000000000250005469",
    "HR1210010051863000160",
    "HU42117730161111101800000000",
    "IE29AIBK93115212345678",
    "IL620108000000099999999",
    "IQ98NBIQ850123456789012",
    "IS140159260076545510730339",
    "IT60X0542811101000000123456",
    "JO94CBJO0010000000000131000302",
    "KW81CBKU0000000000001234560101",
    "KZ86125KZT5004100100",
    "LB62099900000001001901229114",
    "LC55HEMM000100010012001200023015",
    "LI21088100002324013AA",
    "LT121000011101001000",
    "LU280019400644750000",
    "LV80BANK0000435195001",
    "LY83002048000020100120361",
    "MC5811222000010123456789030",
    "MD24AG000225100013104168",
    "ME25505000012345678951",
    "MK07250120000058984",
    "MN121234123456789123",
    "MR1300020001010000123456753",
    "MT84MALT011000012345MTLCAST001S",
    "MU17BOMM0101101030300200000MUR",
    "NI45BAPR00000013000003558124",
    "NL91ABNA0417164300",
    "NO9386011117947",
    "OM810180000001299123456",
    "PK36SCBL0000001123456702",
    "PL61109010140000071219812874",
    "PS92PALS000000000400123456702",
    "PT50000201231234567890154",
    "QA58DOHB00001234567890ABCDEFG",
    "RO49AAAA1B31007593840000",
    "RS35260005601001611379",
    "RU0304452522540817810538091310419",
    "RU0204452560040702810412345678901",
    "SA0380000000608010167519",
    "SC18SSCB11010000000000001497USD",
    "SD2129010501234001",
    "SD8811123456789012",
    "SE4550000000058398257466",
    "SI56191000000123438",
    "SI56263300012039086",
    "SK3112000000198742637541",
    "SM86U0322509800000000270100",
    "SO211000001001000100141",
    "ST68000100010051845310112",
    "SV62CENR00000000000000700025",
    "TL380080012345678910157",
    "TN5910006035183598478831",
    "TR330006100519786457841326",
    "UA213223130000026007233566001",
    "UA213996220000026007233566001",
    "VA59001123000012345678",
    "VG96VPVG0000012345678901",
    "XK051212012345678906",
    "YE15CBYE0001018861234567891234",
];

#[test]
fn every_registry_example_validates() {
    for example in REGISTRY_EXAMPLES {
        assert_eq!(iban::validate(example).as_deref(), Ok(*example), "{example}");
        assert_eq!(national::check(&example[..2], &example[4..]), Ok(()), "{example}");
    }
    for country in iban::COUNTRIES {
        assert!(REGISTRY_EXAMPLES.iter().any(|e| e.starts_with(country.code)), "no example for {}", country.code);
    }
}

/// Published examples beyond the registry's (python-stdnum's test suite, the national
/// documentation), the kind of number a customer types.
#[test]
fn more_published_examples_validate() {
    for example in [
        "BE71096123456769",
        "ES0700120345030000067890",
        "ES7100302053091234567895",
        "FI4819503000000010",
        "MC1112739000700011111000H79",
        "ME25510000000006234133",
        "NO0215037577003",
        "NO0571390525162",
        "NO5997501101463",
        "PL02249000050000460083168772",
        "EE862200221064115891",
        "HR1723600001101234565",
        "CZ5508000000001234567899",
        "SK8975000000000012345671",
    ] {
        assert_eq!(iban::validate(example).as_deref(), Ok(example), "{example}");
    }
}

/// One BBAN digit changed, ISO check digits recomputed: only the national check sees it.
#[test]
fn one_changed_digit_is_caught_by_every_scheme() {
    for (valid, typo, name) in [
        ("AL47212110090000000235698741", "AL66211110090000000235698741", "Albanian bank code check digit"),
        ("BA391290079401028494", "BA231290019401028494", "Bosnian mod 97-10"),
        ("BE68539007547034", "BE53539017547034", "Belgian mod 97"),
        ("BI4210000100010000332045181", "BI7710000100010010332045181", "Burundian RIB key"),
        ("CZ9455000000001011038930", "CZ8955000000001011138930", "Czech mod 11"),
        ("DJ2110002010010409943020008", "DJ5610002010010419943020008", "Djiboutian RIB key"),
        ("EE382200221020145685", "EE902200222020145685", "Estonian 7-3-1"),
        ("ES9121000418450200051332", "ES4121000418450201051332", "Spanish CCC control digits"),
        ("FI5542345670000081", "FI2942345170000081", "Finnish Luhn"),
        ("FR1420041010050500013M02606", "FR7320041010050510013M02606", "French RIB key"),
        ("HR1210010051863000160", "HR8710010051813000160", "Croatian mod 11,10"),
        ("HU42117730161111101800000000", "HU25117730161121101800000000", "Hungarian 9-7-3-1"),
        ("IS140159260076545510730339", "IS960159260076545520730339", "Icelandic kennitala check digit"),
        ("IT60X0542811101000000123456", "IT84X0542811201000000123456", "Italian CIN"),
        ("MC5811222000010123456789030", "MC2311222000010113456789030", "Monegasque RIB key"),
        ("ME25505000012345678951", "ME60505000022345678951", "Montenegrin mod 97-10"),
        ("MK07250120000058984", "MK51250120100058984", "North Macedonian mod 97-10"),
        ("MR1300020001010000123456753", "MR4800020001010010123456753", "Mauritanian RIB key"),
        ("NO9386011117947", "NO8886011217947", "Norwegian mod 11"),
        ("PL61109010140000071219812874", "PL30109110140000071219812874", "Polish bank code check digit"),
        ("PT50000201231234567890154", "PT88000201231134567890154", "Portuguese NIB"),
        ("RS35260005601001611379", "RS70260005611001611379", "Serbian mod 97-10"),
        ("SI56263300012039086", "SI41263300022039086", "Slovenian mod 97-10"),
        ("SK3112000000198742637541", "SK5612000000198742137541", "Slovak mod 11"),
        ("SM86U0322509800000000270100", "SM15U0322509100000000270100", "San Marino CIN"),
        ("TL380080012345678910157", "TL170080012145678910157", "Timorese mod 97-10"),
        ("TN5910006035183598478831", "TN2110006035283598478831", "Tunisian RIB key"),
        ("XK051212012345678906", "XK141212012145678906", "Kosovan mod 97-10"),
    ] {
        assert_eq!(iban::validate(valid).as_deref(), Ok(valid));
        let differing = valid.bytes().zip(typo.bytes()).skip(4).filter(|(a, b)| a != b).count();
        assert_eq!(differing, 1, "{typo} changes one BBAN digit of {valid}");
        assert_national_failure(typo, name);
        assert_eq!(national::rule(&valid[..2]).unwrap().name, name);
    }
}

#[test]
fn every_checked_country_has_a_rule_and_the_others_none() {
    let checked = [
        "AL", "BA", "BE", "BI", "CZ", "DE", "DJ", "EE", "ES", "FI", "FR", "HR", "HU", "IS", "IT", "MC", "ME", "MK", "MR",
        "NO", "PL", "PT", "RS", "SI", "SK", "SM", "TL", "TN", "XK",
    ];
    for country in iban::COUNTRIES {
        assert_eq!(national::rule(country.code).is_some(), checked.contains(&country.code), "{}", country.code);
    }
    assert_eq!(national::rule("it").unwrap().scheme, Scheme::ItalianCin);
    assert_eq!(national::rule("SM").unwrap().scheme, Scheme::ItalianCin);
    assert_eq!(national::rule("TN").unwrap().scheme, Scheme::RibKey);
    assert_eq!(national::rule("XK").unwrap().scheme, Scheme::Iso7064Mod97);
    assert!(national::rule("XX").is_none());
}

#[test]
fn germany_checks_by_the_bank_codes_method() {
    // 37040044 (Commerzbank) uses method 13: one account digit changed is refused, naming it.
    assert_eq!(iban::validate("DE89370400440532013000").unwrap(), "DE89370400440532013000");
    let typo = iban_of("DE", "370400440532013100");
    assert_national_failure(&typo, "German account check digit, Bundesbank method 13");
    // Off, the same account passes (an account a bank issued against its own rule).
    assert_eq!(iban::validate_with(&typo, lenient()).unwrap(), typo);
    // The Bundesbank's own accounts (10000000, method 09) carry no check digit: any digits pass.
    for account in ["0532013000", "0532013001", "9999999999"] {
        let iban = iban_of("DE", &format!("10000000{account}"));
        assert_eq!(iban::validate(&iban).unwrap(), iban);
    }
    // A bank code that is not in the table is not checked.
    let unknown = iban_of("DE", "999999990532013001");
    assert_eq!(iban::validate(&unknown).unwrap(), unknown);
    assert_eq!(national::german_method("37040044"), Some("13"));
    assert!(national::GERMAN_METHODS.contains(&"63"));
}

#[test]
fn unchecked_countries_accept_any_account_digits() {
    // São Tomé: the last two digits look like check digits, but no scheme is confirmed.
    let st = with_char("ST68000100010051845310112", 20, '3');
    assert_eq!(iban::validate(&st).unwrap(), st);
    for example in ["GB29NWBK60161331926819", "NL91ABNA0417164300", "SE4550000000058398257466", "AT611904300234573201"]
    {
        let changed = with_char(example, example.len() - 5, '7');
        assert_eq!(iban::validate(&changed).unwrap(), changed);
    }
}

#[test]
fn belgium_check_97_for_remainder_0() {
    // 0000000097 mod 97 is 0: the check digits are 97, never 00.
    assert_eq!(iban::validate(&iban_of("BE", "000000009797")).unwrap(), iban_of("BE", "000000009797"));
    assert_national_failure(&iban_of("BE", "000000009700"), "Belgian mod 97");
    // A Digiteal seed example, with national digits the Belgian rule refuses.
    assert_national_failure("BE40251230861709", "Belgian mod 97");
}

#[test]
fn french_rib_key_letters_and_key_97() {
    // The account number 0500013M026: M counts as 4 (J-R are 1-9), like D; N would be 5.
    let fr = "FR1420041010050500013M02606";
    for same in ['M', 'D', '4', 'm'] {
        let changed = with_char(fr, 17, same);
        assert_eq!(iban::validate(&changed).unwrap(), changed.to_uppercase(), "{same}");
    }
    for other in ['N', '5', 'A', 'Z'] {
        assert_national_failure(&with_char(fr, 17, other), "French RIB key");
    }
    assert_eq!(iban::validate("fr14 2004 1010 0505 0001 3m02 606").unwrap(), fr);
    // S-Z count from 2: S is 2 like B and K (the account number 0500013202, key 89).
    for two in [
        "FR7620041010050500013202689",
        "FR5920041010050500013B02689",
        "FR1420041010050500013K02689",
        "FR7120041010050500013S02689",
    ] {
        assert_eq!(iban::validate(two).unwrap(), two);
    }
    assert_national_failure(&with_char("FR7120041010050500013S02689", 17, 'T'), "French RIB key");
    // A RIB whose key is 97 (the rest is 0 mod 97); 00 is never issued.
    assert_eq!(iban::validate("FR7620041010050001000006897").unwrap(), "FR7620041010050001000006897");
    assert_national_failure("FR7620041010050001000006800", "French RIB key");
    // Monaco's published example with a letter (python-stdnum).
    assert_eq!(iban::validate("MC11 1273 9000 7000 1111 1000 h79").unwrap(), "MC1112739000700011111000H79");
    // Tunisia: key 97 and the never-issued 00.
    assert_eq!(iban::validate("TN5910006000000100003997").unwrap(), "TN5910006000000100003997");
    assert_national_failure("TN5910006000000100003900", "Tunisian RIB key");
}

#[test]
fn spanish_ccc_control_digits_0_and_1() {
    // Bank and branch 2100 0001 weigh 0 mod 11 (control 0, from 11); account 0000000002 weighs 1
    // (control 1, from 10); and the other way round.
    assert_eq!(iban::validate("ES4821000001010000000002").unwrap(), "ES4821000001010000000002");
    assert_eq!(iban::validate("ES2821000003100000000015").unwrap(), "ES2821000003100000000015");
    // python-stdnum's national-check failures, whose ISO digits pass.
    assert_national_failure("ES2121000418450200051331", "Spanish CCC control digits");
    assert_national_failure("ES8931831500950001210562", "Spanish CCC control digits");
    // Each control digit checks its own part: a bank typo fails the first, an account typo the second.
    assert_national_failure(&with_char("ES9121000418450200051332", 1, '2'), "Spanish CCC control digits");
    assert_national_failure(&with_char("ES9121000418450200051332", 19, '3'), "Spanish CCC control digits");
}

#[test]
fn italian_cin_with_letters_in_the_account() {
    assert_eq!(iban::validate("IT03U05428111010000ABC12345").unwrap(), "IT03U05428111010000ABC12345");
    assert_national_failure("IT62U05428111010000DBC12345", "Italian CIN");
    // A wrong CIN letter.
    assert_national_failure(&with_char("IT60X0542811101000000123456", 0, 'Y'), "Italian CIN");
    assert_eq!(iban::validate("sm86 u032 2509 8000 0000 0270 100").unwrap(), "SM86U0322509800000000270100");
}

#[test]
fn mod97_10_countries_accept_both_spellings_of_a_remainder() {
    // Portugal: NIB check 98 (rest 0 mod 97); 01 is the same remainder (ISO digits stay PT50).
    assert_eq!(iban::validate("PT50000201231234567807898").unwrap(), "PT50000201231234567807898");
    assert_eq!(iban::validate("PT50000201231234567807801").unwrap(), "PT50000201231234567807801");
    // Serbia, National Bank (908): check 97 and the +97-offset spelling 00 (php-iban's exception).
    assert_eq!(iban::validate("RS35908500100000003297").unwrap(), "RS35908500100000003297");
    assert_eq!(iban::validate("RS35908500100000003200").unwrap(), "RS35908500100000003200");
    // The national check digits of these countries fix the ISO ones: every valid Slovenian IBAN is SI56.
    assert_eq!(iban_of("SI", "011000000000033"), "SI56011000000000033");
    assert_eq!(iban::validate("SI56 0110 0000 0000 033").unwrap(), "SI56011000000000033");
    // North Macedonia's account number may hold letters: not checked then.
    assert_eq!(iban::validate("MK082501200000A8984").unwrap(), "MK082501200000A8984");
}

#[test]
fn norwegian_mod11_edge_cases() {
    // Remainder 0: check digit 0.
    assert_eq!(iban::validate("NO2660421439640").unwrap(), "NO2660421439640");
    // Remainder 1 would need check digit 10: no such account exists, every digit is refused.
    for c in '0'..='9' {
        assert_national_failure(&iban_of("NO", &format!("8601000006{c}")), "Norwegian mod 11");
    }
    // Digits 5 and 6 are 00: ECBS TR201 weights digits 7 to 10 only (check 2), python-stdnum all
    // ten (check 4); both are accepted, nothing else.
    for c in '0'..='9' {
        let iban = iban_of("NO", &format!("1503004711{c}"));
        if c == '2' || c == '4' {
            assert_eq!(iban::validate(&iban).unwrap(), iban);
        } else {
            assert_national_failure(&iban, "Norwegian mod 11");
        }
    }
}

#[test]
fn weighted_schemes_check_digit_0() {
    for (iban, name) in [
        ("FI6512345600000090", "Finnish Luhn"),
        ("PL79109000200000071219812874", "Polish bank code check digit"),
        ("EE942200221020000050", "Estonian 7-3-1"),
    ] {
        assert_eq!(iban::validate(iban).unwrap(), iban);
        let last = if name.starts_with("Polish") { 7 } else { iban.len() - 5 };
        assert_national_failure(&with_char(iban, last, '1'), name);
    }
}

#[test]
fn czech_and_slovak_prefix_and_account_number() {
    // 000019-2000145399/0800: both the prefix and the account number are 0 mod 11.
    assert_eq!(iban::validate("CZ6508000000192000145399").unwrap(), "CZ6508000000192000145399");
    assert_national_failure("CZ2708000000292000145399", "Czech mod 11"); // prefix typo
    assert_national_failure(&with_char("CZ6508000000192000145399", 19, '8'), "Czech mod 11");
    // No prefix at all (six zeros) is valid.
    assert_eq!(iban::validate("SK3112000000198742637541").unwrap(), "SK3112000000198742637541");
}

#[test]
fn icelandic_kennitala_is_the_checked_part() {
    // The kennitala 551073-0339 (BBAN 13 to 22) has its check digit 3 in 9th place.
    assert_national_failure(&with_char("IS140159260076545510730339", 20, '4'), "Icelandic kennitala check digit");
    // The bank, ledger and account number before it carry no check digit.
    assert_eq!(iban::validate("IS770159260096545510730339").unwrap(), "IS770159260096545510730339");
    // A kennitala whose first eight digits give remainder 1 cannot exist (check digit 10).
    for c in '0'..='9' {
        let iban = iban_of("IS", &format!("01592600765455107305{c}9"));
        assert_national_failure(&iban, "Icelandic kennitala check digit");
    }
}

#[test]
fn croatian_bank_code_and_account_number() {
    assert_national_failure("HR3610110051863000160", "Croatian mod 11,10"); // bank code
    assert_national_failure("HR8710010051813000160", "Croatian mod 11,10"); // account
    assert_eq!(iban::validate("HR1723600001101234565").unwrap(), "HR1723600001101234565");
}

#[test]
fn hungarian_16_and_24_digit_account_numbers() {
    assert_eq!(iban::validate("HU07117730161234567890123452").unwrap(), "HU07117730161234567890123452");
    assert_eq!(iban::validate("HU47117730161234567600000000").unwrap(), "HU47117730161234567600000000");
    assert_national_failure("HU05117730161234167600000000", "Hungarian 9-7-3-1");
    assert_national_failure(&with_char("HU07117730161234567890123452", 2, '8'), "Hungarian 9-7-3-1");
}

#[test]
fn albanian_check_covers_bank_and_branch_only() {
    assert_national_failure("AL66211110090000000235698741", "Albanian bank code check digit");
    assert_eq!(iban::validate("AL91212110090000000235691741").unwrap(), "AL91212110090000000235691741");
}

#[test]
fn the_option_turns_only_the_national_check_off() {
    let typo = "FR7320041010050510013M02606";
    assert_eq!(iban::validate_with(typo, lenient()).unwrap(), typo);
    assert_eq!(iban::Iban::parse_with(typo, lenient()).unwrap().as_str(), typo);
    assert_eq!(iban::format_with(typo, lenient()).unwrap(), "FR73 2004 1010 0505 1001 3M02 606");
    assert_eq!(iban::format(typo).unwrap_err().code(), "iban_national_checksum");
    let mut options = ValidateOptions::new();
    assert!(options.national_check, "on by default");
    assert_eq!(iban::validate_with(typo, options).unwrap_err().code(), "iban_national_checksum");
    options.national_check = false;
    assert_eq!(iban::validate_with(typo, options).unwrap(), typo);
    // Every other rule still applies.
    assert_eq!(iban::validate_with("FR7420041010050510013M02606", lenient()).unwrap_err().code(), "iban_checksum");
    assert_eq!(iban::validate_with("FR732004101005051001M02606", lenient()).unwrap_err().code(), "iban_length");
    assert_eq!(ValidateOptions::default(), ValidateOptions::new().national_check(true));
}

/// The mod 97 schemes catch every single-digit change (97 is prime and no digit weight is 0 mod 97).
const MOD97_EXAMPLES: &[&str] = &[
    "BA391290079401028494",
    "ME25505000012345678951",
    "MK07250120000058984",
    "PT50000201231234567890154",
    "RS35260005601001611379",
    "SI56263300012039086",
    "TL380080012345678910157",
    "XK051212012345678906",
    "TN5910006035183598478831",
    "MR1300020001010000123456753",
    "DJ2110002010010409943020008",
    "BI4210000100010000332045181",
    "FR1420041010050500013M02606",
    "MC5811222000010123456789030",
];

/// A regex of the BBANs of a registry structure (`3!n7!n2!n` is `[0-9]{3}[0-9]{7}[0-9]{2}`).
fn structure_regex(structure: &str) -> String {
    let mut regex = String::new();
    let mut count = String::new();
    for c in structure.chars() {
        match c {
            '0'..='9' => count.push(c),
            '!' => {}
            kind => {
                let class = match kind {
                    'n' => "[0-9]",
                    'a' => "[A-Z]",
                    _ => "[0-9A-Z]",
                };
                regex.push_str(&format!("{class}{{{count}}}"));
                count.clear();
            }
        }
    }
    regex
}

/// A registry country and a random BBAN of its structure.
fn any_bban() -> impl Strategy<Value = (&'static str, String)> {
    (0..iban::COUNTRIES.len()).prop_flat_map(|i| {
        let country = &iban::COUNTRIES[i];
        (Just(country.code), proptest::string::string_regex(&structure_regex(country.bban)).unwrap())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mod97_schemes_catch_every_single_digit_change(
        example in 0..MOD97_EXAMPLES.len(),
        pos in 0usize..30,
        delta in 1u8..10,
    ) {
        let valid = MOD97_EXAMPLES[example];
        let bban = &valid[4..];
        let pos = pos % bban.len();
        let old = bban.as_bytes()[pos];
        prop_assume!(old.is_ascii_digit());
        let typo = with_char(valid, pos, char::from(b'0' + (old - b'0' + delta) % 10));
        let err = iban::validate(&typo).unwrap_err();
        prop_assert_eq!(err.code(), "iban_national_checksum", "{}", typo);
    }

    #[test]
    fn national_check_is_total(country in 0..iban::COUNTRIES.len(), s in "\\PC{0,40}") {
        let code = iban::COUNTRIES[country].code;
        let _ = national::check(code, &s);
        let _ = national::check(&s, &s);
        if let Some(rule) = national::rule(code) {
            let _ = rule.scheme.verify(&s);
        }
    }

    #[test]
    fn only_the_national_rule_refuses_a_well_formed_bban((country, bban) in any_bban()) {
        // Any BBAN of the registry structure, with ISO digits computed: valid, or refused as
        // iban_national_checksum only, and only for a country that has a rule.
        let candidate = iban_of(country, &bban);
        prop_assert_eq!(iban::validate_with(&candidate, lenient()).unwrap(), candidate.clone());
        match iban::validate(&candidate) {
            Ok(v) => prop_assert_eq!(v, candidate),
            Err(e) => {
                prop_assert_eq!(e.code(), "iban_national_checksum");
                prop_assert!(national::rule(country).is_some());
            }
        }
    }
}
