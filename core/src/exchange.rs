//! The one retry loop every client runs, generic over how bytes move ([`Exchange`]): reqwest on
//! tokio for Python and Node (the `transport` feature), fetch in the browser. The loop itself does
//! no I/O; it asks the exchange to send, to sleep, for the time and for a random sample, and lets
//! [`RetryPolicy::decide`](crate::retry::RetryPolicy::decide) choose.

use std::future::Future;

use crate::error::{Error, TransportError};
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::Prepared;
use crate::retry::{Decision, Outcome};

/// Moves one request and its response; the I/O half of a client.
pub trait Exchange {
    /// Sends `request` and reads the whole answer, giving up after `timeout_ms`.
    fn send(&self, request: &HttpRequest, timeout_ms: u64) -> impl Future<Output = Result<HttpResponse, TransportError>>;
    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    /// The current Unix time in seconds, when the runtime has a clock (for `Retry-After` dates).
    fn now_unix(&self) -> Option<u64>;
    /// A random sample in `[0, 1)` for the retry jitter.
    fn random(&self) -> f64;
}

/// Sends a prepared request, retrying as its policy says. Returns the last response, whatever its
/// status (the operation's `parse` turns error statuses into [`Error::Api`]), or the last
/// transport error.
pub async fn execute<E: Exchange>(exchange: &E, prepared: &Prepared) -> Result<HttpResponse, Error> {
    let policy = &prepared.settings.retry;
    let mut attempt = 1;
    loop {
        let result = exchange.send(&prepared.request, prepared.settings.timeout_ms).await;
        let outcome = match &result {
            Ok(response) => Outcome::Response { status: response.status, headers: &response.headers },
            Err(e) => Outcome::Transport(e.kind),
        };
        match policy.decide(attempt, outcome, prepared.retry_safe, exchange.now_unix(), exchange.random()) {
            Decision::GiveUp => return result.map_err(Error::from),
            Decision::Retry { after_ms } => {
                exchange.sleep(after_ms).await;
                attempt += 1;
            }
        }
    }
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
        async fn send(&self, _: &HttpRequest, _: u64) -> Result<HttpResponse, TransportError> {
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
            settings: Settings { timeout_ms: 1, retry: RetryPolicy::PASSPORTREADER },
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
