//! When to try a request again. Pure: the attempt number, the outcome, the time and the jitter
//! sample are all inputs, so the same decision comes out of every runtime and every test.

use crate::error::TransportKind;
use crate::http::Headers;

/// How and when to retry.
///
/// Delays grow geometrically: attempt `n` (1-based: the attempt that just failed) waits
/// `initial_delay_ms * multiplier^(n-1)`, capped at `max_delay_ms`, then widened by up to
/// `jitter_percent` % of itself with the caller's random sample. A `Retry-After` header (seconds or
/// an HTTP date) on a retryable answer replaces the computed delay, capped at `max_delay_ms`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is sent again after the first attempt.
    pub max_retries: u32,
    /// The delay before the first retry, in milliseconds.
    pub initial_delay_ms: u64,
    /// The factor between consecutive delays.
    pub multiplier: u32,
    /// No delay, computed or asked for by `Retry-After`, is longer than this.
    pub max_delay_ms: u64,
    /// Up to this percentage of the delay is added, scaled by the caller's random sample.
    pub jitter_percent: u8,
    /// The 4xx statuses that are retried (e.g. 408, 429); every other 4xx is final.
    pub retry_4xx: &'static [u16],
}

impl RetryPolicy {
    /// PassportReader's documented policy: retry failures up to 4 times after 2, 4, 8 and 16
    /// seconds; never retry a 4xx answer.
    pub const PASSPORTREADER: RetryPolicy = RetryPolicy {
        max_retries: 4,
        initial_delay_ms: 2_000,
        multiplier: 2,
        max_delay_ms: 60_000,
        jitter_percent: 0,
        retry_4xx: &[],
    };

    /// A policy that never retries.
    pub const NEVER: RetryPolicy = RetryPolicy {
        max_retries: 0,
        initial_delay_ms: 0,
        multiplier: 1,
        max_delay_ms: 0,
        jitter_percent: 0,
        retry_4xx: &[],
    };

    /// The delay after failed attempt `attempt` (1-based), before `Retry-After` and jitter.
    pub fn backoff_ms(&self, attempt: u32) -> u64 {
        let factor = u64::from(self.multiplier).saturating_pow(attempt.saturating_sub(1));
        self.initial_delay_ms.saturating_mul(factor).min(self.max_delay_ms)
    }

    /// Decides what to do after attempt number `attempt` (1-based) ended with `outcome`.
    ///
    /// - A 2xx-4xx answer is final (the request succeeded or is itself at fault), except the 4xx
    ///   statuses listed in `retry_4xx`.
    /// - 5xx answers, those 4xx and transport failures are retried while attempts remain, but
    ///   only when the operation is safe to repeat (`retry_safe`) or the failure proves the
    ///   request never reached the provider (a connect error).
    /// - `now_unix` (seconds) is needed only to read a `Retry-After` HTTP date; `random` is a
    ///   sample in `[0, 1)` for the jitter.
    pub fn decide(
        &self,
        attempt: u32,
        outcome: Outcome<'_>,
        retry_safe: bool,
        now_unix: Option<u64>,
        random: f64,
    ) -> Decision {
        if attempt > self.max_retries {
            return Decision::GiveUp;
        }
        let retry_after = match outcome {
            Outcome::Response { status, headers } => {
                let retryable = (500..600).contains(&status) || self.retry_4xx.contains(&status);
                if !retryable || !retry_safe {
                    return Decision::GiveUp;
                }
                headers
                    .get("retry-after")
                    .and_then(|v| parse_retry_after(v, now_unix))
            }
            Outcome::Transport(kind) => {
                if !retry_safe && kind != TransportKind::Connect {
                    return Decision::GiveUp;
                }
                None
            }
        };
        let after_ms = match retry_after {
            Some(ms) => ms.min(self.max_delay_ms),
            None => {
                let base = self.backoff_ms(attempt);
                let sample = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
                // Jitter is a fraction of a delay, not money: a float is fine here.
                let extra = (base as f64 * f64::from(self.jitter_percent) / 100.0 * sample) as u64;
                base.saturating_add(extra).min(self.max_delay_ms.max(base))
            }
        };
        Decision::Retry { after_ms }
    }
}

/// How an attempt ended.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// The provider answered.
    Response {
        /// The status code.
        status: u16,
        /// The response headers (for `Retry-After`).
        headers: &'a Headers,
    },
    /// No answer.
    Transport(TransportKind),
}

/// What to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Send the request again after this many milliseconds.
    Retry {
        /// The wait, in milliseconds.
        after_ms: u64,
    },
    /// Stop: hand the outcome to the caller.
    GiveUp,
}

/// Reads `Retry-After` as delay-seconds or an HTTP date (which needs `now_unix`): milliseconds.
pub fn parse_retry_after(value: &str, now_unix: Option<u64>) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    let at = date.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(at.saturating_sub(now_unix?).saturating_mul(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(policy: &RetryPolicy, attempt: u32, code: u16, headers: &Headers) -> Decision {
        policy.decide(attempt, Outcome::Response { status: code, headers }, true, Some(1_000), 0.0)
    }

    #[test]
    fn passportreader_backs_off_2_4_8_16_then_stops() {
        let p = RetryPolicy::PASSPORTREADER;
        let h = Headers::new();
        let waits: Vec<_> = (1..=5).map(|a| status(&p, a, 503, &h)).collect();
        assert_eq!(
            waits,
            [2_000, 4_000, 8_000, 16_000]
                .map(|after_ms| Decision::Retry { after_ms })
                .into_iter()
                .chain([Decision::GiveUp])
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn never_retries_4xx_or_success() {
        let p = RetryPolicy::PASSPORTREADER;
        let h = Headers::new();
        for code in [200, 201, 400, 401, 403, 404, 408, 429] {
            assert_eq!(status(&p, 1, code, &h), Decision::GiveUp, "{code}");
        }
        let other = RetryPolicy { retry_4xx: &[429], ..RetryPolicy::PASSPORTREADER };
        assert!(matches!(status(&other, 1, 429, &h), Decision::Retry { .. }));
    }

    #[test]
    fn honours_retry_after_seconds_and_dates() {
        let p = RetryPolicy::PASSPORTREADER;
        let secs: Headers = [("Retry-After", "3")].into_iter().collect();
        assert_eq!(status(&p, 1, 503, &secs), Decision::Retry { after_ms: 3_000 });
        // 1_000 s after the epoch is "Thu, 01 Jan 1970 00:16:40 GMT"; the date is 5 s later.
        let date: Headers = [("retry-after", "Thu, 01 Jan 1970 00:16:45 GMT")].into_iter().collect();
        assert_eq!(status(&p, 1, 503, &date), Decision::Retry { after_ms: 5_000 });
        let huge: Headers = [("retry-after", "86400")].into_iter().collect();
        assert_eq!(status(&p, 1, 503, &huge), Decision::Retry { after_ms: 60_000 });
    }

    #[test]
    fn transport_failures_retry_only_when_safe() {
        let p = RetryPolicy::PASSPORTREADER;
        let d = |kind, safe| p.decide(1, Outcome::Transport(kind), safe, None, 0.0);
        assert_eq!(d(TransportKind::Timeout, true), Decision::Retry { after_ms: 2_000 });
        assert_eq!(d(TransportKind::Timeout, false), Decision::GiveUp);
        assert_eq!(d(TransportKind::Connect, false), Decision::Retry { after_ms: 2_000 });
    }

    #[test]
    fn jitter_is_an_input() {
        let p = RetryPolicy { jitter_percent: 50, ..RetryPolicy::PASSPORTREADER };
        let h = Headers::new();
        let d = |r| p.decide(2, Outcome::Response { status: 500, headers: &h }, true, None, r);
        assert_eq!(d(0.0), Decision::Retry { after_ms: 4_000 });
        assert_eq!(d(0.5), Decision::Retry { after_ms: 5_000 });
        assert_eq!(d(f64::NAN), Decision::Retry { after_ms: 4_000 });
    }
}
