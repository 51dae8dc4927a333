//! The one retry loop every client runs, generic over how bytes move ([`Exchange`]): reqwest on
//! tokio for Python and Node (the `transport` feature), fetch in the browser. The loop itself does
//! no I/O; it asks the exchange to send, to sleep, for the time and for a random sample, and lets
//! [`RetryPolicy::decide`](crate::retry::RetryPolicy::decide) choose.

use std::future::Future;

use crate::config::{seconds_to_ms, RetryInput, RetryOverrides};
use crate::error::{Error, TransportError, TransportKind, ValidationCode};
use crate::http::{Headers, HttpRequest, HttpResponse};
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
    /// Hears about each attempt once it ended (logging, hooks); nothing by default.
    fn observe(&self, attempt: &Attempt<'_>) {
        let _ = attempt;
    }
    /// Hears about each attempt before it is sent (an `onRequest` hook): `status`, `error`,
    /// `duration_ms`, `request_id` and `retry_after_ms` are `None`. Nothing by default.
    fn before_send(&self, attempt: &Attempt<'_>) {
        let _ = attempt;
    }
}

/// One attempt of a call, as [`Exchange::observe`] hears of it: no secret in it (URLs never
/// carry credentials; no header or body is included).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Attempt<'a> {
    /// The operation id.
    pub operation: &'static str,
    /// The method.
    pub method: &'static str,
    /// The URL.
    pub url: &'a str,
    /// Which attempt (1 for the first).
    pub attempt: u32,
    /// The answer's status, when there was an answer.
    pub status: Option<u16>,
    /// The transport error's code, when there was none.
    pub error: Option<&'static str>,
    /// How long the attempt took, in milliseconds, when the exchange has a clock.
    pub duration_ms: Option<u64>,
    /// The provider's request id of the answer, when it sent one.
    pub request_id: Option<&'a str>,
    /// `Some(ms)`: it is retried after `ms` milliseconds; `None`: this is the outcome.
    pub retry_after_ms: Option<u64>,
}

/// The final answer of a call and how many attempts it took.
#[derive(Clone, Debug)]
pub struct Sent {
    /// The answer.
    pub response: HttpResponse,
    /// How many attempts were made (1 when the first one was final).
    pub attempts: u32,
}

/// How one call is sent, beyond its operation's settings (each binding's per-call options:
/// Python `timeout=`, `max_retries=`, ..., JS `{timeout, maxRetries, ...}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The most the call may take, all attempts and waits included, in milliseconds. No
    /// deadline by default: the operation's timeout per attempt and its retry policy bound it.
    /// When it passes, the call ends with a `deadline_exceeded` transport error (or the last
    /// answer, if waiting for a retry would pass it).
    pub deadline_ms: Option<u64>,
    /// The timeout of each attempt, in milliseconds, instead of the client's.
    pub timeout_ms: Option<u64>,
    /// How many times the request may be sent again, instead of the policy's.
    pub max_retries: Option<u32>,
    /// Headers to add to the request. Names that carry kassa's own credentials or framing
    /// (`Authorization`, `ApiKey`, `PartyID`, `Content-Type`, `Content-Length`, `Host`) are
    /// refused, as are values with control characters.
    pub extra_headers: Vec<(String, String)>,
    /// The operation's resend key (see [`crate::Operation::resend_key`]), when the params leave
    /// it out; refused for an operation that has none.
    pub idempotency_key: Option<String>,
    /// Overrides of the retry policy for this call (applied before `max_retries`).
    pub retry: Option<RetryOverrides>,
}

/// The per-call options as a binding hands them over, beside an operation's params (Python
/// keyword arguments, a JS options object), read by [`CallOptions::read`]. Durations are in
/// seconds, as in a client's config.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "RequestOptions"))]
pub struct CallOptionsInput {
    /// The timeout of each attempt of this call, in seconds, instead of the client's `timeout`.
    pub timeout: Option<f64>,
    /// How many times this call may be sent again, instead of the client's `retry.max_retries`
    /// (not with this call's `retry.max_retries`: give one of them).
    #[serde(alias = "maxRetries")]
    pub max_retries: Option<u32>,
    /// Overrides of the client's retry policy for this call (`max_retries`, `initial_delay`,
    /// `max_delay`, `jitter_percent`; delays in seconds).
    pub retry: Option<RetryInput>,
    /// Headers to add to this call's request. kassa's own (`Authorization`, `ApiKey`, `PartyID`,
    /// `Content-Type`, `Content-Length`, `Host`) are refused, as are control characters.
    #[serde(default, alias = "extraHeaders", deserialize_with = "crate::http::read_headers")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<std::collections::BTreeMap<String, String>>"))]
    pub extra_headers: Headers,
    /// The key that makes a resend of this call safe (Digiteal's `invoiceInternalId`,
    /// `creditNoteInternalId`), when the params leave it out: with it, an answer lost after the
    /// request may have arrived is retried instead of ending in `outcome_unknown`.
    #[serde(alias = "idempotencyKey")]
    pub idempotency_key: Option<String>,
    /// The most the whole call may take, in seconds, every attempt and wait included
    /// (`deadline_exceeded` beyond).
    pub deadline: Option<f64>,
}

impl CallOptions {
    /// `self` with every option `over` gives replacing this one's (extra headers added after
    /// these): a client's default options under a call's own.
    pub fn merged(&self, over: &CallOptions) -> CallOptions {
        let mut extra_headers = self.extra_headers.clone();
        extra_headers.retain(|(n, _)| !over.extra_headers.iter().any(|(o, _)| o.eq_ignore_ascii_case(n)));
        extra_headers.extend(over.extra_headers.iter().cloned());
        CallOptions {
            deadline_ms: over.deadline_ms.or(self.deadline_ms),
            timeout_ms: over.timeout_ms.or(self.timeout_ms),
            max_retries: over.max_retries.or(self.max_retries),
            extra_headers,
            idempotency_key: over.idempotency_key.clone().or_else(|| self.idempotency_key.clone()),
            retry: match (&self.retry, &over.retry) {
                (Some(base), Some(over)) => Some(base.merged(over)),
                (base, over) => over.or(*base),
            },
        }
    }

    /// Options with a deadline of `ms` milliseconds for the whole call.
    pub fn with_deadline_ms(mut self, ms: u64) -> Self {
        self.deadline_ms = Some(ms);
        self
    }

    /// Reads the per-call options a binding hands over ([`CallOptionsInput`]) and checks them; a
    /// refusal is `invalid_option` naming the option (`timeout`, `retry.max_delay`, ...).
    pub fn read<'de, D: crate::input::Input<'de>>(input: D) -> Result<Self, Error> {
        let code = ValidationCode::InvalidOption;
        let given: CallOptionsInput = crate::operation::read_named(code, "options", input)?;
        if given.max_retries.is_some() && given.retry.as_ref().is_some_and(|r| r.max_retries.is_some()) {
            return Err(Error::validation(code, "max_retries", "give `max_retries` or `retry.max_retries`, not both"));
        }
        let ms = |seconds: Option<f64>, field| seconds.map(|s| seconds_to_ms(s, field, code)).transpose();
        let options = CallOptions {
            deadline_ms: ms(given.deadline, "deadline")?,
            timeout_ms: ms(given.timeout, "timeout")?,
            max_retries: given.max_retries,
            extra_headers: given.extra_headers.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect(),
            idempotency_key: given.idempotency_key,
            retry: given.retry.map(|r| r.overrides(code)).transpose()?,
        };
        options.check()?;
        Ok(options)
    }

    /// Refuses extra headers kassa cannot add (credentials, framing, control characters), a
    /// timeout of 0 and a blank idempotency key.
    pub fn check(&self) -> Result<(), Error> {
        const OWN: &[&str] = &["authorization", "apikey", "partyid", "content-type", "content-length", "host", "transfer-encoding"];
        for (name, value) in &self.extra_headers {
            let valid_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !valid_name || value.chars().any(char::is_control) {
                return Err(Error::validation(
                    crate::error::ValidationCode::InvalidOption,
                    "extra_headers",
                    format!("`{}` is not a header kassa can send (a token name, a value without control characters)", name.chars().take(40).collect::<String>()),
                ));
            }
            if OWN.iter().any(|o| o.eq_ignore_ascii_case(name)) {
                return Err(Error::validation(
                    crate::error::ValidationCode::InvalidOption,
                    "extra_headers",
                    format!("`{name}` is set by kassa itself (credentials, framing) and cannot be an extra header"),
                ));
            }
        }
        if self.timeout_ms == Some(0) {
            return Err(Error::validation(crate::error::ValidationCode::InvalidOption, "timeout", "must be above 0"));
        }
        if self.idempotency_key.as_deref().is_some_and(|k| k.trim().is_empty()) {
            return Err(Error::validation(ValidationCode::InvalidOption, "idempotency_key", "is empty or only whitespace"));
        }
        Ok(())
    }

    /// `prepared` with these options: extra headers added, timeout and retries replaced.
    pub fn apply(&self, prepared: &mut Prepared) -> Result<(), Error> {
        self.check()?;
        for (name, value) in &self.extra_headers {
            prepared.request.headers.append(name.clone(), value.clone());
        }
        if let Some(ms) = self.timeout_ms {
            prepared.settings.timeout_ms = ms;
        }
        if let Some(retry) = &self.retry {
            retry.apply(&mut prepared.settings.retry);
        }
        if let Some(n) = self.max_retries {
            prepared.settings.retry.max_retries = n;
        }
        Ok(())
    }
}

/// Sends a prepared request, retrying as its policy says. Returns the last response, whatever its
/// status (the operation's `parse` turns error statuses into [`Error::Api`]), or the last
/// transport error.
pub async fn execute<E: Exchange>(exchange: &E, prepared: &Prepared) -> Result<HttpResponse, Error> {
    execute_with(exchange, prepared, &CallOptions::default()).await.map(|sent| sent.response)
}

/// [`execute`] with per-call `options` (a deadline across attempts; the rest of the options are
/// applied to `prepared` beforehand by [`CallOptions::apply`]), telling how many attempts it took.
pub async fn execute_with<E: Exchange>(
    exchange: &E,
    prepared: &Prepared,
    options: &CallOptions,
) -> Result<Sent, Error> {
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
        let began = exchange.now_ms();
        let mut seen = Attempt {
            operation: prepared.operation,
            method: prepared.request.method.as_str(),
            url: &prepared.request.url,
            attempt,
            status: None,
            error: None,
            duration_ms: None,
            request_id: None,
            retry_after_ms: None,
        };
        exchange.before_send(&seen);
        let result = exchange.send(&prepared.request, &limits).await;
        let outcome = match &result {
            Ok(response) => Outcome::Response { status: response.status, headers: &response.headers },
            Err(e) => Outcome::Transport(e.kind),
        };
        let decision = policy.decide(attempt, outcome, prepared.retry_safe, exchange.now_unix(), exchange.random());
        seen.status = result.as_ref().ok().map(|r| r.status);
        seen.error = result.as_ref().err().map(|e| e.kind.code());
        seen.duration_ms = began.zip(exchange.now_ms()).map(|(a, b)| b.saturating_sub(a));
        seen.request_id = result.as_ref().ok().and_then(|r| crate::http::request_id(&prepared.request, r));
        // A retry the deadline leaves no time for is not one.
        seen.retry_after_ms = match decision {
            Decision::Retry { after_ms } if !remaining().is_some_and(|left| after_ms >= left) => Some(after_ms),
            _ => None,
        };
        exchange.observe(&seen);
        match decision {
            Decision::GiveUp => {
                return result.map(|response| Sent { response, attempts: attempt }).map_err(|e| outcome_unknown(e, prepared))
            }
            Decision::Retry { after_ms } => {
                if remaining().is_some_and(|left| after_ms >= left) {
                    // Waiting would pass the deadline: the last outcome is the answer.
                    return match result {
                        Ok(response) => Ok(Sent { response, attempts: attempt }),
                        Err(_) => Err(deadline_error(options)),
                    };
                }
                exchange.sleep(after_ms).await;
                attempt += 1;
            }
        }
    }
}

/// A failure after the request may have reached the provider, of an operation that is not safe
/// to resend: `outcome_unknown`, saying what to look up. A refused connection (never sent), a
/// body too large (the answer arrived) and a passed deadline keep their own codes.
fn outcome_unknown(e: TransportError, prepared: &Prepared) -> Error {
    let maybe_arrived = matches!(e.kind, TransportKind::Timeout | TransportKind::Body | TransportKind::Other);
    if prepared.retry_safe || !maybe_arrived {
        return Error::Transport(e);
    }
    Error::Transport(TransportError::new(
        TransportKind::OutcomeUnknown,
        format!(
            "{} may have reached the provider, but its answer was lost ({}: {}); it is not resent, as that could do it twice: {}",
            prepared.operation,
            e.kind.code(),
            e.message,
            prepared.outcome_hint
        ),
    ))
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

    fn prepared(retry_safe: bool) -> Prepared {
        Prepared {
            operation: "test.op",
            outcome_hint: "look it up",
            request: HttpRequest { method: Method::Post, url: "https://x.test".into(), headers: Headers::new(), body: vec![] },
            settings: Settings { timeout_ms: 1, retry: RetryPolicy::PASSPORTREADER, max_body_bytes: 1 << 20 },
            retry_safe,
        }
    }

    fn run(outcomes: Vec<Result<u16, TransportKind>>, retry_safe: bool) -> (Result<u16, String>, Vec<u64>) {
        let script = Script { outcomes: RefCell::new(outcomes.into()), slept: RefCell::default() };
        let prepared = prepared(retry_safe);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let result = rt.block_on(execute(&script, &prepared));
        (result.map(|r| r.status).map_err(|e| e.code().to_owned()), script.slept.into_inner())
    }

    #[test]
    fn options_are_read_in_seconds_with_either_spelling() {
        let o = CallOptions::read(serde_json::json!({"timeout": 1.5, "deadline": 10, "maxRetries": 2,
            "extraHeaders": {"X-A": "1"}, "idempotencyKey": "k", "retry": {"initialDelay": 0.01, "jitter_percent": 200}}))
        .unwrap();
        assert_eq!((o.timeout_ms, o.deadline_ms, o.max_retries), (Some(1500), Some(10_000), Some(2)));
        let retry = o.retry.unwrap();
        assert_eq!((retry.initial_delay_ms, retry.jitter_percent), (Some(10), Some(200)));
        let mut policy = RetryPolicy::PASSPORTREADER;
        retry.apply(&mut policy);
        assert_eq!((policy.initial_delay_ms, policy.jitter_percent), (10, 100));
        assert_eq!((o.extra_headers, o.idempotency_key.as_deref()), (vec![("X-A".to_owned(), "1".to_owned())], Some("k")));
        assert_eq!(CallOptions::read(serde_json::json!({})).unwrap(), CallOptions::default());
        let field = |v: serde_json::Value| match CallOptions::read(v).unwrap_err() {
            Error::Validation(e) => (e.code.as_str(), e.field.into_owned()),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(serde_json::json!({"timeot": 1})), ("invalid_option", "timeot".into()));
        assert_eq!(field(serde_json::json!({"timeout": -1})), ("invalid_option", "timeout".into()));
        assert_eq!(field(serde_json::json!({"retry": {"maxDelay": "x"}})), ("invalid_option", "retry.maxDelay".into()));
        assert_eq!(field(serde_json::json!({"maxRetries": 1, "retry": {"maxRetries": 2}})), ("invalid_option", "max_retries".into()));
        assert_eq!(field(serde_json::json!({"extraHeaders": [["Authorization", "x"]]})), ("invalid_option", "extra_headers".into()));
        assert_eq!(field(serde_json::json!(5)), ("invalid_option", "options".into()));
    }

    #[test]
    fn a_calls_options_win_over_the_clients() {
        let base = CallOptions::read(serde_json::json!({"timeout": 1, "maxRetries": 3, "extraHeaders": [["X-A", "1"], ["X-B", "2"]]})).unwrap();
        let call = CallOptions::read(serde_json::json!({"maxRetries": 0, "extraHeaders": {"x-b": "3"}})).unwrap();
        let m = base.merged(&call);
        assert_eq!((m.timeout_ms, m.max_retries), (Some(1000), Some(0)));
        assert_eq!(m.extra_headers, vec![("X-A".to_owned(), "1".to_owned()), ("x-b".to_owned(), "3".to_owned())]);
    }

    #[test]
    fn every_attempt_is_announced_before_it_is_sent() {
        struct Seen(RefCell<Vec<String>>, Script);
        impl Exchange for Seen {
            async fn send(&self, r: &HttpRequest, l: &Limits) -> Result<HttpResponse, TransportError> {
                self.0.borrow_mut().push("send".into());
                self.1.send(r, l).await
            }
            async fn sleep(&self, _: u64) {}
            fn now_unix(&self) -> Option<u64> {
                None
            }
            fn random(&self) -> f64 {
                0.0
            }
            fn before_send(&self, a: &Attempt<'_>) {
                assert!(a.status.is_none() && a.retry_after_ms.is_none());
                self.0.borrow_mut().push(format!("before {}", a.attempt));
            }
            fn observe(&self, a: &Attempt<'_>) {
                self.0.borrow_mut().push(format!("after {} {:?} {:?}", a.attempt, a.status, a.retry_after_ms));
            }
        }
        let script = Script { outcomes: RefCell::new(vec![Ok(503), Ok(200)].into()), slept: RefCell::default() };
        let seen = Seen(RefCell::default(), script);
        let mut prepared = prepared(true);
        let options = CallOptions::read(serde_json::json!({"retry": {"initialDelay": 0.5, "jitterPercent": 0}})).unwrap();
        options.apply(&mut prepared).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        assert_eq!(rt.block_on(execute_with(&seen, &prepared, &options)).unwrap().attempts, 2);
        assert_eq!(seen.0.into_inner(), ["before 1", "send", "after 1 Some(503) Some(500)", "before 2", "send", "after 2 Some(200) None"]);
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
    fn call_options_are_read_in_seconds_and_refused_by_name() {
        let json = serde_json::json!({
            "timeout": 0.25, "deadline": 2, "max_retries": 1, "retry": {"initial_delay": 0.01, "jitter_percent": 7},
            "extra_headers": {"X-Trace": "t1"}, "idempotency_key": "inv-1",
        });
        let options = CallOptions::read(&json).unwrap();
        assert_eq!((options.timeout_ms, options.deadline_ms, options.max_retries), (Some(250), Some(2_000), Some(1)));
        assert_eq!(options.extra_headers, vec![("X-Trace".to_owned(), "t1".to_owned())]);
        assert_eq!(options.idempotency_key.as_deref(), Some("inv-1"));
        let mut prepared = Prepared {
            operation: "test.op",
            outcome_hint: "",
            request: HttpRequest { method: Method::Get, url: "https://x.test".into(), headers: Headers::new(), body: vec![] },
            settings: Settings { timeout_ms: 1, retry: RetryPolicy::PASSPORTREADER, max_body_bytes: 1 },
            retry_safe: true,
        };
        options.apply(&mut prepared).unwrap();
        let retry = &prepared.settings.retry;
        assert_eq!((retry.max_retries, retry.initial_delay_ms, retry.jitter_percent), (1, 10, 7));
        assert_eq!((prepared.settings.timeout_ms, prepared.request.headers.get("x-trace")), (250, Some("t1")));
        let refused = |json: serde_json::Value| {
            let e = CallOptions::read(&json).unwrap_err();
            let crate::Error::Validation(v) = e else { panic!("{e:?}") };
            (v.code.as_str(), v.field.into_owned())
        };
        assert_eq!(refused(serde_json::json!({"timout": 1})), ("invalid_option", "timout".into()));
        assert_eq!(refused(serde_json::json!({"deadline": -1})), ("invalid_option", "deadline".into()));
        assert_eq!(refused(serde_json::json!({"retry": {"max_delay": "x"}})), ("invalid_option", "retry.max_delay".into()));
        assert_eq!(refused(serde_json::json!({"timeout": 0})), ("invalid_option", "timeout".into()));
        assert_eq!(refused(serde_json::json!({"idempotency_key": " "})), ("invalid_option", "idempotency_key".into()));
        assert_eq!(refused(serde_json::json!({"extra_headers": {"authorization": "x"}})), ("invalid_option", "extra_headers".into()));
        assert_eq!(refused(serde_json::json!("fast")), ("invalid_option", "options".into()));
        assert_eq!(CallOptions::read(serde_json::json!({})).unwrap(), CallOptions::default());
    }

    #[test]
    fn unsafe_operations_retry_only_unsent_requests() {
        let (r, slept) = run(vec![Ok(503)], false);
        assert_eq!((r, slept), (Ok(503), vec![]));
        let (r, slept) = run(vec![Err(TransportKind::Connect), Ok(201)], false);
        assert_eq!((r, slept), (Ok(201), vec![2_000]));
        // A timeout may mean it arrived: not resent, and the error says the outcome is unknown.
        let (r, slept) = run(vec![Err(TransportKind::Timeout)], false);
        assert_eq!((r, slept), (Err("outcome_unknown".into()), vec![]));
        let (r, _) = run(vec![Err(TransportKind::Timeout); 5], true);
        assert_eq!(r, Err("timeout".into()));
    }
}
