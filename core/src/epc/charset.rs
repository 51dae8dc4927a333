//! The eight character sets of EPC069-12 and their encoders.
//!
//! The ISO-8859 parts are small tables (96 code points each, for bytes `0xA0..=0xFF`; below that
//! every part is ASCII plus the C1 controls) instead of `encoding_rs`: that crate would add about
//! 200 KB to the wasm module for eight single-byte charsets, and its `ISO-8859-1` is really
//! windows-1252 (the WHATWG rule), which would put `€` at `0x80` where ISO-8859-1 has none. The
//! tables were generated from Python's `codecs` and are checked against `encoding_rs` in the tests.

use std::fmt;

/// The character set of an EPC payload (line 3): the payload's bytes are the text in this set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Charset {
    /// `1`: UTF-8. kassa's default: it encodes every text.
    Utf8,
    /// `2`: ISO-8859-1 (Latin-1, Western Europe).
    Iso8859_1,
    /// `3`: ISO-8859-2 (Latin-2, Central Europe).
    Iso8859_2,
    /// `4`: ISO-8859-4 (Latin-4, Baltic).
    Iso8859_4,
    /// `5`: ISO-8859-5 (Cyrillic).
    Iso8859_5,
    /// `6`: ISO-8859-7 (Greek, 2003 edition: with `€`).
    Iso8859_7,
    /// `7`: ISO-8859-10 (Latin-6, Nordic).
    Iso8859_10,
    /// `8`: ISO-8859-15 (Latin-9: Latin-1 with `€`, `Š`, `Ž`, `Œ`, `Ÿ`).
    Iso8859_15,
}

impl Charset {
    /// All eight, in the order of their numbers.
    pub const ALL: [Charset; 8] = [
        Charset::Utf8,
        Charset::Iso8859_1,
        Charset::Iso8859_2,
        Charset::Iso8859_4,
        Charset::Iso8859_5,
        Charset::Iso8859_7,
        Charset::Iso8859_10,
        Charset::Iso8859_15,
    ];

    /// The number written on line 3 of the payload, 1 to 8.
    pub const fn number(self) -> u8 {
        match self {
            Charset::Utf8 => 1,
            Charset::Iso8859_1 => 2,
            Charset::Iso8859_2 => 3,
            Charset::Iso8859_4 => 4,
            Charset::Iso8859_5 => 5,
            Charset::Iso8859_7 => 6,
            Charset::Iso8859_10 => 7,
            Charset::Iso8859_15 => 8,
        }
    }

    /// The charset with that number (1 to 8).
    pub fn from_number(n: u64) -> Option<Charset> {
        Charset::ALL.into_iter().find(|c| u64::from(c.number()) == n)
    }

    /// The standard name: `"UTF-8"`, `"ISO-8859-1"`, ...
    pub const fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Iso8859_1 => "ISO-8859-1",
            Charset::Iso8859_2 => "ISO-8859-2",
            Charset::Iso8859_4 => "ISO-8859-4",
            Charset::Iso8859_5 => "ISO-8859-5",
            Charset::Iso8859_7 => "ISO-8859-7",
            Charset::Iso8859_10 => "ISO-8859-10",
            Charset::Iso8859_15 => "ISO-8859-15",
        }
    }

    /// The charset of a name, case-insensitively, with or without dashes (`"utf8"`,
    /// `"ISO-8859-15"`, `"iso8859_2"`), or of its number as text (`"3"`).
    pub fn from_name(name: &str) -> Option<Charset> {
        let key: String =
            name.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
        if let Ok(n) = key.parse::<u64>() {
            return Charset::from_number(n);
        }
        Charset::ALL.into_iter().find(|c| c.name().replace('-', "") == key)
    }

    fn table(self) -> Option<&'static [u16; 96]> {
        match self {
            Charset::Utf8 | Charset::Iso8859_1 => None,
            Charset::Iso8859_2 => Some(&ISO_8859_2),
            Charset::Iso8859_4 => Some(&ISO_8859_4),
            Charset::Iso8859_5 => Some(&ISO_8859_5),
            Charset::Iso8859_7 => Some(&ISO_8859_7),
            Charset::Iso8859_10 => Some(&ISO_8859_10),
            Charset::Iso8859_15 => Some(&ISO_8859_15),
        }
    }

    /// The byte of `c` in this single-byte charset, `None` if it has none (or for UTF-8).
    fn byte_of(self, c: char) -> Option<u8> {
        let cp = u32::from(c);
        if self == Charset::Utf8 {
            return None;
        }
        if cp < 0xA0 {
            return u8::try_from(cp).ok();
        }
        match self.table() {
            None => u8::try_from(cp).ok(), // ISO-8859-1: code point = byte
            Some(table) => {
                table.iter().position(|&t| t != 0 && u32::from(t) == cp).and_then(|i| u8::try_from(0xA0 + i).ok())
            }
        }
    }

    /// Whether `c` can be written in this charset.
    pub fn can_encode(self, c: char) -> bool {
        self == Charset::Utf8 || self.byte_of(c).is_some()
    }

    /// How many bytes `c` takes (1 in the ISO-8859 parts), `None` if it cannot be written.
    pub fn char_len(self, c: char) -> Option<usize> {
        match self {
            Charset::Utf8 => Some(c.len_utf8()),
            _ => self.byte_of(c).map(|_| 1),
        }
    }

    /// The length of `text` in bytes in this charset, or the first character it cannot write.
    pub fn encoded_len(self, text: &str) -> Result<usize, char> {
        match self {
            Charset::Utf8 => Ok(text.len()),
            _ => text.chars().try_fold(0, |n, c| self.byte_of(c).map(|_| n + 1).ok_or(c)),
        }
    }

    /// `text` in this charset, or the first character it cannot write.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, char> {
        match self {
            Charset::Utf8 => Ok(text.as_bytes().to_vec()),
            _ => text.chars().map(|c| self.byte_of(c).ok_or(c)).collect(),
        }
    }

    /// `bytes` read in this charset, or the offset of the first byte that is not valid in it
    /// (UTF-8 that does not decode, or one of the three unassigned bytes of ISO-8859-7).
    pub fn decode(self, bytes: &[u8]) -> Result<String, usize> {
        match self {
            Charset::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_owned()),
                Err(e) => Err(e.valid_up_to()),
            },
            _ => bytes.iter().enumerate().map(|(i, &b)| self.char_of(b).ok_or(i)).collect(),
        }
    }

    /// Like [`Charset::decode`], with U+FFFD for what does not decode.
    pub fn decode_lossy(self, bytes: &[u8]) -> String {
        match self {
            Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            _ => bytes.iter().map(|&b| self.char_of(b).unwrap_or('\u{FFFD}')).collect(),
        }
    }

    fn char_of(self, b: u8) -> Option<char> {
        if b < 0xA0 {
            return Some(char::from(b));
        }
        match self.table() {
            None => Some(char::from(b)),
            Some(table) => {
                table.get(usize::from(b) - 0xA0).filter(|&&t| t != 0).and_then(|&t| char::from_u32(u32::from(t)))
            }
        }
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (charset {})", self.name(), self.number())
    }
}

/// ISO-8859-2, bytes 0xA0..=0xFF (0 = byte not assigned).
const ISO_8859_2: [u16; 96] = [
    0x00A0, 0x0104, 0x02D8, 0x0141, 0x00A4, 0x013D, 0x015A, 0x00A7, 0x00A8, 0x0160, 0x015E, 0x0164, 0x0179, 0x00AD,
    0x017D, 0x017B, 0x00B0, 0x0105, 0x02DB, 0x0142, 0x00B4, 0x013E, 0x015B, 0x02C7, 0x00B8, 0x0161, 0x015F, 0x0165,
    0x017A, 0x02DD, 0x017E, 0x017C, 0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7, 0x010C, 0x00C9,
    0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E, 0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
    0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF, 0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A,
    0x0107, 0x00E7, 0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F, 0x0111, 0x0144, 0x0148, 0x00F3,
    0x00F4, 0x0151, 0x00F6, 0x00F7, 0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
];

/// ISO-8859-4, bytes 0xA0..=0xFF (0 = byte not assigned).
const ISO_8859_4: [u16; 96] = [
    0x00A0, 0x0104, 0x0138, 0x0156, 0x00A4, 0x0128, 0x013B, 0x00A7, 0x00A8, 0x0160, 0x0112, 0x0122, 0x0166, 0x00AD,
    0x017D, 0x00AF, 0x00B0, 0x0105, 0x02DB, 0x0157, 0x00B4, 0x0129, 0x013C, 0x02C7, 0x00B8, 0x0161, 0x0113, 0x0123,
    0x0167, 0x014A, 0x017E, 0x014B, 0x0100, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x012E, 0x010C, 0x00C9,
    0x0118, 0x00CB, 0x0116, 0x00CD, 0x00CE, 0x012A, 0x0110, 0x0145, 0x014C, 0x0136, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
    0x00D8, 0x0172, 0x00DA, 0x00DB, 0x00DC, 0x0168, 0x016A, 0x00DF, 0x0101, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5,
    0x00E6, 0x012F, 0x010D, 0x00E9, 0x0119, 0x00EB, 0x0117, 0x00ED, 0x00EE, 0x012B, 0x0111, 0x0146, 0x014D, 0x0137,
    0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x0173, 0x00FA, 0x00FB, 0x00FC, 0x0169, 0x016B, 0x02D9,
];

/// ISO-8859-5, bytes 0xA0..=0xFF (0 = byte not assigned).
const ISO_8859_5: [u16; 96] = [
    0x00A0, 0x0401, 0x0402, 0x0403, 0x0404, 0x0405, 0x0406, 0x0407, 0x0408, 0x0409, 0x040A, 0x040B, 0x040C, 0x00AD,
    0x040E, 0x040F, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B,
    0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429,
    0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, 0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445,
    0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, 0x2116, 0x0451, 0x0452, 0x0453,
    0x0454, 0x0455, 0x0456, 0x0457, 0x0458, 0x0459, 0x045A, 0x045B, 0x045C, 0x00A7, 0x045E, 0x045F,
];

/// ISO-8859-7, bytes 0xA0..=0xFF (0 = byte not assigned).
const ISO_8859_7: [u16; 96] = [
    0x00A0, 0x2018, 0x2019, 0x00A3, 0x20AC, 0x20AF, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x037A, 0x00AB, 0x00AC, 0x00AD,
    0x0000, 0x2015, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x0384, 0x0385, 0x0386, 0x00B7, 0x0388, 0x0389, 0x038A, 0x00BB,
    0x038C, 0x00BD, 0x038E, 0x038F, 0x0390, 0x0391, 0x0392, 0x0393, 0x0394, 0x0395, 0x0396, 0x0397, 0x0398, 0x0399,
    0x039A, 0x039B, 0x039C, 0x039D, 0x039E, 0x039F, 0x03A0, 0x03A1, 0x0000, 0x03A3, 0x03A4, 0x03A5, 0x03A6, 0x03A7,
    0x03A8, 0x03A9, 0x03AA, 0x03AB, 0x03AC, 0x03AD, 0x03AE, 0x03AF, 0x03B0, 0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B5,
    0x03B6, 0x03B7, 0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BE, 0x03BF, 0x03C0, 0x03C1, 0x03C2, 0x03C3,
    0x03C4, 0x03C5, 0x03C6, 0x03C7, 0x03C8, 0x03C9, 0x03CA, 0x03CB, 0x03CC, 0x03CD, 0x03CE, 0x0000,
];

/// ISO-8859-10, bytes 0xA0..=0xFF (0 = byte not assigned).
const ISO_8859_10: [u16; 96] = [
    0x00A0, 0x0104, 0x0112, 0x0122, 0x012A, 0x0128, 0x0136, 0x00A7, 0x013B, 0x0110, 0x0160, 0x0166, 0x017D, 0x00AD,
    0x016A, 0x014A, 0x00B0, 0x0105, 0x0113, 0x0123, 0x012B, 0x0129, 0x0137, 0x00B7, 0x013C, 0x0111, 0x0161, 0x0167,
    0x017E, 0x2015, 0x016B, 0x014B, 0x0100, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x012E, 0x010C, 0x00C9,
    0x0118, 0x00CB, 0x0116, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x0145, 0x014C, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x0168,
    0x00D8, 0x0172, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x0101, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5,
    0x00E6, 0x012F, 0x010D, 0x00E9, 0x0119, 0x00EB, 0x0117, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x0146, 0x014D, 0x00F3,
    0x00F4, 0x00F5, 0x00F6, 0x0169, 0x00F8, 0x0173, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x0138,
];

/// ISO-8859-15, bytes 0xA0..=0xFF (0 = byte not assigned).
const ISO_8859_15: [u16; 96] = [
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x20AC, 0x00A5, 0x0160, 0x00A7, 0x0161, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD,
    0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x017D, 0x00B5, 0x00B6, 0x00B7, 0x017E, 0x00B9, 0x00BA, 0x00BB,
    0x0152, 0x0153, 0x0178, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9,
    0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5,
    0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3,
    0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names() {
        for (i, c) in Charset::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(c.number()), i + 1);
            assert_eq!(Charset::from_number(u64::from(c.number())), Some(c));
            assert_eq!(Charset::from_name(c.name()), Some(c));
        }
        assert_eq!(Charset::from_name("utf8"), Some(Charset::Utf8));
        assert_eq!(Charset::from_name("iso8859_15"), Some(Charset::Iso8859_15));
        assert_eq!(Charset::from_name("3"), Some(Charset::Iso8859_2));
        assert_eq!(Charset::from_name("9"), None);
        assert_eq!(Charset::from_number(0), None);
    }

    #[test]
    fn latin1_is_not_windows_1252() {
        assert_eq!(Charset::Iso8859_1.encode("é"), Ok(vec![0xE9]));
        assert_eq!(Charset::Iso8859_1.encode("€"), Err('€'));
        assert_eq!(Charset::Iso8859_15.encode("€"), Ok(vec![0xA4]));
        assert_eq!(Charset::Iso8859_7.encode("€"), Ok(vec![0xA4]));
        assert_eq!(Charset::Iso8859_2.encode("Łódź"), Ok(vec![0xA3, 0xF3, 0x64, 0xBC]));
        assert_eq!(Charset::Iso8859_7.decode(&[0x41, 0xAE]), Err(1));
        assert_eq!(Charset::Utf8.decode(&[0x41, 0xC3]), Err(1));
        assert_eq!(Charset::Utf8.encoded_len("é€"), Ok(5));
        assert_eq!(Charset::Iso8859_15.encoded_len("é€"), Ok(2));
    }

    #[test]
    fn tables_match_encoding_rs() {
        let pairs = [
            (Charset::Iso8859_2, encoding_rs::ISO_8859_2),
            (Charset::Iso8859_4, encoding_rs::ISO_8859_4),
            (Charset::Iso8859_5, encoding_rs::ISO_8859_5),
            (Charset::Iso8859_7, encoding_rs::ISO_8859_7),
            (Charset::Iso8859_10, encoding_rs::ISO_8859_10),
            (Charset::Iso8859_15, encoding_rs::ISO_8859_15),
        ];
        for (ours, theirs) in pairs {
            for b in 0u8..=255 {
                let byte = [b];
                let (text, bad) = theirs.decode_without_bom_handling(&byte);
                match ours.decode(&[b]) {
                    Ok(s) => {
                        assert!(!bad, "{ours:?} {b:#x}");
                        assert_eq!(s, text, "{ours:?} {b:#x}");
                        assert_eq!(ours.encode(&s), Ok(vec![b]), "{ours:?} {b:#x}");
                    }
                    Err(_) => assert!(bad, "{ours:?} {b:#x} is assigned in encoding_rs"),
                }
            }
        }
        // Latin-1: every byte is its code point (encoding_rs has no true ISO-8859-1 to compare).
        for b in 0u8..=255 {
            assert_eq!(Charset::Iso8859_1.decode(&[b]), Ok(char::from(b).to_string()));
        }
    }
}
