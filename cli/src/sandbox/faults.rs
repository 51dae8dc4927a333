//! Fault injection: `--faults SPEC`, per tenant overrides (`POST /_sandbox/faults`) and forced
//! faults (`POST /_sandbox/faults/next`), decided deterministically from `--seed`.
//!
//! Grammar (see `cli/README.md`):
//!
//! ```text
//! SPEC  := ITEM ("," ITEM)*
//! ITEM  := SCOPE* KEY "=" VALUE
//! SCOPE := PROVIDER ":"              digiteal | billit | solaris | passportreader
//!        | "path=" GLOB ":"          GLOB: `*` matches any characters; matched against the
//!                                    provider path (`/api/v1/session.create`)
//! KEY   := 5xx | reset | reset_after | truncate | hang      VALUE: a rate in [0, 1]
//!        | NNN (an HTTP status, e.g. 429 or 503)           VALUE: a rate in [0, 1]
//!        | latency                                         VALUE: milliseconds added
//!        | hang_ms                                         VALUE: how long a hang lasts
//! ```
//!
//! One uniform draw per request, from `(seed, tenant, n)` where `n` counts the tenant's provider
//! requests: the same seed and the same sequence of requests in a tenant give the same faults,
//! whatever other tenants do.

use serde::Serialize;

use super::Provider;

/// What a fault does to one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// Answer this status (a 5xx, 429, ...) in the provider's error shape; nothing is processed.
    Status(u16),
    /// Close the connection (TCP reset) before processing: no answer, nothing happened.
    Reset,
    /// Process the request, then reset the connection instead of answering: the outcome is
    /// unknown to the client, the state changed.
    ResetAfter,
    /// Process the request and answer with half the body, then reset.
    Truncate,
    /// Hang for `hang_ms`, then reset; nothing is processed.
    Hang,
}

impl Fault {
    /// Reads a fault name of `POST /_sandbox/faults/next`.
    pub fn parse(name: &str) -> Option<Fault> {
        Some(match name {
            "5xx" | "500" => Fault::Status(500),
            "reset" => Fault::Reset,
            "reset_after" => Fault::ResetAfter,
            "truncate" => Fault::Truncate,
            "hang" => Fault::Hang,
            s if s.len() == 3 => Fault::Status(s.parse().ok().filter(|n| (400..600).contains(n))?),
            _ => return None,
        })
    }
}

/// One item of a spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rule {
    /// The provider it applies to (all when `None`).
    pub provider: Option<Provider>,
    /// The path glob it applies to (all when `None`).
    pub path: Option<String>,
    /// The key: `5xx`, `reset`, `reset_after`, `truncate`, `hang`, a status, `latency`, `hang_ms`.
    pub key: String,
    /// The rate, or milliseconds for `latency` / `hang_ms`.
    pub value: f64,
}

/// A parsed `--faults` spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Spec {
    /// The items, in order; a later item overrides an earlier one for the same key.
    pub rules: Vec<Rule>,
    /// The spec as written.
    pub text: String,
}

const RATE_KEYS: &[&str] = &["5xx", "reset", "reset_after", "truncate", "hang"];

impl Spec {
    /// Parses a spec; an error names the item.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let mut rules = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let mut rest = item;
            let mut provider = None;
            let mut path = None;
            loop {
                if let Some(after) = rest.strip_prefix("path=") {
                    let (glob, tail) = after
                        .split_once(':')
                        .ok_or_else(|| format!("`{item}`: `path=GLOB` is followed by `:` and a fault"))?;
                    path = Some(glob.to_owned());
                    rest = tail;
                    continue;
                }
                match rest.split_once(':') {
                    Some((p, tail)) if Provider::from_name(p).is_some() => {
                        provider = Provider::from_name(p);
                        rest = tail;
                    }
                    Some((p, _)) if !p.contains('=') => {
                        return Err(format!(
                            "`{item}`: unknown scope `{p}` (digiteal, billit, solaris, passportreader, path=GLOB)"
                        ))
                    }
                    _ => break,
                }
            }
            let (key, value) =
                rest.split_once('=').ok_or_else(|| format!("`{item}`: expected KEY=VALUE (e.g. 5xx=0.2)"))?;
            let key = key.trim().to_ascii_lowercase();
            let value: f64 = value.trim().parse().map_err(|_| format!("`{item}`: `{value}` is not a number"))?;
            let is_status = key.len() == 3 && key.parse::<u16>().is_ok_and(|n| (400..600).contains(&n));
            if RATE_KEYS.contains(&key.as_str()) || is_status {
                if !(0.0..=1.0).contains(&value) {
                    return Err(format!("`{item}`: a rate is between 0 and 1"));
                }
            } else if key == "latency" || key == "hang_ms" {
                if !(0.0..=600_000.0).contains(&value) {
                    return Err(format!("`{item}`: milliseconds between 0 and 600000"));
                }
            } else {
                return Err(format!(
                    "`{item}`: unknown fault `{key}` (5xx, reset, reset_after, truncate, hang, an HTTP status, latency, hang_ms)"
                ));
            }
            rules.push(Rule { provider, path, key, value });
        }
        Ok(Spec { rules, text: text.to_owned() })
    }

    fn matching<'a>(&'a self, provider: Provider, path: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| {
            r.provider.is_none_or(|p| p == provider) && r.path.as_deref().is_none_or(|g| glob(g, path))
        })
    }

    /// The fault for a request with the uniform draw `draw` in [0, 1), the latency to add (ms)
    /// and how long a hang lasts (ms).
    pub fn decide(&self, provider: Provider, path: &str, draw: f64) -> (Option<Fault>, u64, Option<u64>) {
        let mut rates: Vec<(String, f64)> = Vec::new();
        let mut latency = 0.0f64;
        let mut hang_ms = None;
        for r in self.matching(provider, path) {
            match r.key.as_str() {
                "latency" => latency = r.value,
                "hang_ms" => hang_ms = Some(r.value as u64),
                key => match rates.iter_mut().find(|(k, _)| k == key) {
                    Some(slot) => slot.1 = r.value,
                    None => rates.push((key.to_owned(), r.value)),
                },
            }
        }
        let mut cumulative = 0.0;
        let mut fault = None;
        for (key, rate) in &rates {
            cumulative += rate;
            if draw < cumulative {
                fault = Some(match key.as_str() {
                    "5xx" => Fault::Status([500, 502, 503][((draw * 1e6) as usize) % 3]),
                    other => Fault::parse(other).unwrap_or(Fault::Status(500)),
                });
                break;
            }
        }
        (fault, latency as u64, hang_ms)
    }
}

/// A fault forced on the next requests of a tenant (`POST /_sandbox/faults/next`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Forced {
    /// The fault.
    pub fault: Fault,
    /// How many more requests it hits.
    pub count: u32,
    /// Only this provider's requests.
    pub provider: Option<Provider>,
    /// Only paths matching this glob.
    pub path: Option<String>,
}

impl Forced {
    /// Whether it applies to this request.
    pub fn matches(&self, provider: Provider, path: &str) -> bool {
        self.count > 0
            && self.provider.is_none_or(|p| p == provider)
            && self.path.as_deref().is_none_or(|g| glob(g, path))
    }
}

/// `*` matches any run of characters; everything else is literal.
pub fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

/// SplitMix64: the sandbox's only source of randomness, seeded.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable 64-bit hash of a string (FNV-1a), to mix a tenant's name into draws.
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The uniform draw in [0, 1) of request `n` of `tenant` under `seed`.
pub fn draw(seed: u64, tenant: &str, n: u64) -> f64 {
    (mix(seed ^ mix(hash(tenant)) ^ mix(n.wrapping_mul(0x2545_F491_4F6C_DD1D))) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        let s = Spec::parse("5xx=0.2,reset=0.1, truncate=0.05,hang=0.01,latency=200").unwrap();
        assert_eq!(s.rules.len(), 5);
        let s = Spec::parse("digiteal:5xx=0.5,path=/api/v1/session.*:reset=1,solaris:path=/oauth2/*:429=1").unwrap();
        assert_eq!(s.rules[0].provider, Some(Provider::Digiteal));
        assert_eq!(s.rules[1].path.as_deref(), Some("/api/v1/session.*"));
        assert_eq!((s.rules[2].provider, s.rules[2].key.as_str()), (Some(Provider::Solaris), "429"));
        assert_eq!(s.decide(Provider::PassportReader, "/api/v1/session.create", 0.99).0, Some(Fault::Reset));
        assert_eq!(s.decide(Provider::PassportReader, "/api/v1/other", 0.99).0, None);
        assert_eq!(s.decide(Provider::Solaris, "/oauth2/token", 0.3).0, Some(Fault::Status(429)));
        for bad in ["5xx", "5xx=2", "nope=1", "mars:5xx=1", "path=/x", "latency=-1"] {
            assert!(Spec::parse(bad).is_err(), "{bad}");
        }
        assert!(glob("/api/v1/session.*", "/api/v1/session.get"));
        assert!(glob("*/identification", "/v1/einvoices/registrations/4/identification"));
        assert!(!glob("/a*b", "/ac"));
    }

    #[test]
    fn draws_are_reproducible_and_uniform_enough() {
        assert_eq!(draw(7, "t", 3), draw(7, "t", 3));
        assert_ne!(draw(7, "t", 3), draw(8, "t", 3));
        let hits = (0..10_000).filter(|n| draw(1, "x", *n) < 0.2).count();
        assert!((1_700..2_300).contains(&hits), "{hits}");
    }
}
