//! The one retry loop every client runs, generic over how bytes move ([`Exchange`]): reqwest on
//! tokio for Python and Node (the `transport` feature), fetch in the browser. The loop itself does
//! no I/O; it asks the exchange to send, to sleep, for the time and for a random sample, and lets
//! [`RetryPolicy::decide`](crate::retry::RetryPolicy::decide) choose.

use std::future::Future;

use crate::error::{Error, TransportError, TransportKind};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::Prepared;
use crate::retry::{Decision, Outcome};

/// What one attempt may take: the time and the size of the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// No complete answer within this many milliseconds is a `timeout`.
    pub timeout_ms: u64,
    /// A body longer than this is not read further: `body_too_large`.
    pub max_body_bytes: u64,
}

/// Moves one request and its response; the I/O half of a client.
pub trait Exchange {
    /// Sends `request` and reads the whole answer within `limits`: past `timeout_ms` it is a
    /// [`TransportKind::Timeout`], a body over `max_body_bytes` (announced by `Content-Length`
    /// or read so far) a [`TransportKind::BodyTooLarge`], and reading stops there.
    fn send(&self, request: &HttpRequest, limits: &Limits) -> impl Future<Output = Result<HttpResponse, TransportError>>;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    /// The current Unix time in seconds, when the runtime has a clock (for `Retry-After` dates).
    fn now_unix(&self) -> Option<u64>;
    /// Milliseconds on a clock that does not go back (for deadlines); the wall clock by default.
    fn now_ms(&self) -> Option<u64> {
        self.now_unix().map(|s| s.saturating_mul(1000))
    }
    /// A random sample in `[0, 1)` for the retry jitter.
    fn random(&self) -> f64;
}

/// How one call is sent, beyond its operation's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The most the call may take, all attempts and waits included, in milliseconds. No
    /// deadline by default: the operation's timeout per attempt and its retry policy bound it.
    /// When it passes, the call ends with a `deadline_exceeded` transport error (or the last
    /// answer, if waiting for a retry would pass it).
    pub deadline_ms: Option<u64>,
}

impl CallOptions {
    /// Options with a deadline of `ms` milliseconds for the whole call.
    pub fn with_deadline_ms(mut self, ms: u64) -> Self {
        self.deadline_ms = Some(ms);
        self
    }
}

/// Sends a prepared request, retrying as its policy says. Returns the last response, whatever its
/// status (the operation's `parse` turns error statuses into [`Error::Api`]), or the last
/// transport error.
pub async fn execute<E: Exchange>(exchange: &E, prepared: &Prepared) -> Result<HttpResponse, Error> {
    execute_with(exchange, prepared, &CallOptions::default()).await
}

/// [`execute`] with per-call `options` (a deadline across attempts).
pub async fn execute_with<E: Exchange>(
    exchange: &E,
    prepared: &Prepared,
    options: &CallOptions,
) -> Result<HttpResponse, Error> {
    let policy = &prepared.settings.retry;
    let started = exchange.now_ms();
    let remaining = || match (options.deadline_ms, started, exchange.now_ms()) {
        (Some(deadline), Some(start), Some(now)) => Some(deadline.saturating_sub(now.saturating_sub(start))),
        (Some(deadline), _, _) => Some(deadline),
        _ => None,
    };
    let mut attempt = 1;
    loop {
        let mut limits =
            Limits { timeout_ms: prepared.settings.timeout_ms, max_body_bytes: prepared.settings.max_body_bytes };
        if let Some(left) = remaining() {
            if left == 0 {
                return Err(deadline_error(options));
            }
            limits.timeout_ms = limits.timeout_ms.min(left);
        }
        let result = exchange.send(&prepared.request, &limits).await;
        let outcome = match &result {
            Ok(response) => Outcome::Response { status: response.status, headers: &response.headers },
            Err(e) => Outcome::Transport(e.kind),
        };
        match policy.decide(attempt, outcome, prepared.retry_safe, exchange.now_unix(), exchange.random()) {
            Decision::GiveUp => return result.map_err(Error::from),
            Decision::Retry { after_ms } => {
                if remaining().is_some_and(|left| after_ms >= left) {
                    // Waiting would pass the deadline: the last outcome is the answer.
                    return match result {
                        Ok(response) => Ok(response),
                        Err(_) => Err(deadline_error(options)),
                    };
                }
                exchange.sleep(after_ms).await;
                attempt += 1;
            }
        }
    }
}

fn deadline_error(options: &CallOptions) -> Error {
    let ms = options.deadline_ms.unwrap_or_default();
    Error::Transport(TransportError::new(TransportKind::DeadlineExceeded, format!("the call's deadline of {ms} ms passed")))
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use super::*;
    use crate::config::Settings;
    use crate::error::TransportKind;
    use crate::http::{Headers, Method};
    use crate::retry::RetryPolicy;

    /// Plays back scripted outcomes and records the sleeps.
    struct Script {
        outcomes: RefCell<VecDeque<Result<u16, TransportKind>>>,
        slept: RefCell<Vec<u64>>,
    }

    impl Exchange for Script {
        async fn send(&self, _: &HttpRequest, _: &Limits) -> Result<HttpResponse, TransportError> {
            match self.outcomes.borrow_mut().pop_front().expect("script ran out") {
                Ok(status) => Ok(HttpResponse::new(status, Headers::new(), Vec::new())),
                Err(kind) => Err(TransportError::new(kind, "scripted")),
            }
        }
        async fn sleep(&self, ms: u64) {
            self.slept.borrow_mut().push(ms);
        }
        fn now_unix(&self) -> Option<u64> {
            None
        }
        fn random(&self) -> f64 {
            0.0
        }
    }

    fn run(outcomes: Vec<Result<u16, TransportKind>>, retry_safe: bool) -> (Result<u16, String>, Vec<u64>) {
        let script = Script { outcomes: RefCell::new(outcomes.into()), slept: RefCell::default() };
        let prepared = Prepared {
            request: HttpRequest { method: Method::Post, url: "https://x.test".into(), headers: Headers::new(), body: vec![] },
            settings: Settings { timeout_ms: 1, retry: RetryPolicy::PASSPORTREADER, max_body_bytes: 1 << 20 },
            retry_safe,
        };
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let result = rt.block_on(execute(&script, &prepared));
        (result.map(|r| r.status).map_err(|e| e.code().to_owned()), script.slept.into_inner())
    }

    #[test]
    fn retries_then_succeeds() {
        let (r, slept) = run(vec![Ok(503), Err(TransportKind::Timeout), Ok(200)], true);
        assert_eq!((r, slept), (Ok(200), vec![2_000, 4_000]));
    }

    #[test]
    fn gives_up_after_four_retries_with_the_last_outcome() {
        let (r, slept) = run(vec![Ok(500); 5], true);
        assert_eq!((r, slept), (Ok(500), vec![2_000, 4_000, 8_000, 16_000]));
        let (r, slept) = run(vec![Err(TransportKind::Timeout); 5], true);
        assert_eq!((r, slept.len()), (Err("timeout".into()), 4));
    }

    #[test]
    fn unsafe_operations_retry_only_unsent_requests() {
        let (r, slept) = run(vec![Ok(503)], false);
        assert_eq!((r, slept), (Ok(503), vec![]));
        let (r, slept) = run(vec![Err(TransportKind::Connect), Ok(201)], false);
        assert_eq!((r, slept), (Ok(201), vec![2_000]));
    }
}
