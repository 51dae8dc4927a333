//! `digiteal.transfers.*`: trusted payments, for trusted-payment integrators. The money the
//! debtors wire to Digiteal's trusted account (with the transfer's `creditorReference`) is paid out
//! only when the release condition is met, and reimbursed otherwise:
//!
//! - **confirmation-based**: the trusted third party validates (or cancels) the transfer with
//!   `digiteal.transfers.execute`; the outgoing payments form a tree (`subPayments`);
//! - **time-based** (`MINIMUM_AMOUNT_BEFORE_END_DATE`): paid out when the maximum amount is reached,
//!   or when the minimum is reached by the end date; split between creditors by percentage.
//!
//! # Wire names the seed misspells
//!
//! `Payment.benificiary` (for "beneficiary") and `TimeBasedTransfer.minumumAmountInCents` (for
//! "minimum") are sent as the seed spells them, which is what Digiteal reads; the Rust fields are
//! spelled correctly, and the correct spellings are accepted as aliases on input.
//!
//! # Depth of the payment tree
//!
//! `subPayments` nest to any depth in the seed. kassa reads at most [`MAX_PAYMENT_DEPTH`] levels
//! (a top-level payment is level 1): a deeper tree (or a self-referencing structure handed over by
//! a binding) is refused while it is read, with a validation error naming the path, so that it can
//! never exhaust the stack.

use std::cell::Cell;

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

use super::common::{info, json_post, json_send, one_of, parse_empty, parse_json, Language};
use super::config::DigitealConfig;
use super::rules::{self, invalid, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::{path_segment, string_enum};

/// The deepest `subPayments` nesting kassa reads: 32 levels.
pub const MAX_PAYMENT_DEPTH: usize = 32;

string_enum! {
    /// `Actor.type`: the role of an actor of a trusted payment.
    pub enum ActorType {
        /// The buyer.
        Buyer = "BUYER",
        /// The seller.
        Seller = "SELLER",
        /// A third party (the wire value starts with an underscore).
        ThirdParty = "_3RD_PARTY",
    }
}

/// `Actor`: an actor participating in a confirmation-based transfer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Actor {
    /// Whether this actor decides (confirms) the transfer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decide: Option<bool>,
    /// The actor's Digiteal identifier (64-bit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digiteal_identifier: Option<i64>,
    /// The actor's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The actor's IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The actor's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The actor's mandate id (64-bit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_id: Option<i64>,
    /// The actor's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The actor's role: BUYER, SELLER or _3RD_PARTY.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<ActorType>,
    /// The actor's VAT number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
}

impl Actor {
    /// The email, the IBAN and the role, when given.
    pub fn check(&self) -> Result<(), Error> {
        rules::email(self.email.as_deref(), "email")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::positive_id(self.digiteal_identifier, "digitealIdentifier")?;
        rules::positive_id(self.mandate_id, "mandateId")?;
        one_of(self.actor_type.as_ref().map(ActorType::as_str), ActorType::KNOWN, "type")
    }
}

thread_local! {
    /// How many `subPayments` lists are being read on this thread, one inside the other.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Leaves one level of `subPayments` when dropped (also when reading fails).
struct Level;

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Reads `subPayments`, refusing to go below [`MAX_PAYMENT_DEPTH`] levels.
fn sub_payments<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Payment>>, D::Error> {
    let depth = DEPTH.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let _level = Level;
    if depth >= MAX_PAYMENT_DEPTH {
        return Err(D::Error::custom(format!(
            "payments nest at most {MAX_PAYMENT_DEPTH} levels deep (subPayments of a level-{depth} payment)"
        )));
    }
    Option::<Vec<Payment>>::deserialize(d)
}

/// `Payment`: an outgoing payment of a confirmation-based transfer, with its own `subPayments`
/// (a tree, at most [`MAX_PAYMENT_DEPTH`] levels deep).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Payment {
    /// The amount, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// The beneficiary. Sent as the seed spells it, `benificiary`; `beneficiary` is accepted too.
    #[serde(default, rename = "benificiary", alias = "beneficiary", skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<String>,
    /// A comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The communication of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<String>,
    /// Whether the payment is conditional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditional: Option<bool>,
    /// The creditor's IBAN.
    #[serde(default, rename = "creditorIBAN", skip_serializing_if = "Option::is_none")]
    pub creditor_iban: Option<String>,
    /// Whether the payment is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// The latest proposed amount, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_proposal_amount_in_cents: Option<i64>,
    /// The payment's id (a UUID).
    #[serde(default, rename = "paymentID", skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// The payments below this one.
    #[serde(default, deserialize_with = "sub_payments", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Payment>>"))]
    pub sub_payments: Option<Vec<Payment>>,
}

impl Payment {
    /// Amounts not negative, the IBAN, the UUID; then every sub-payment, at most
    /// [`MAX_PAYMENT_DEPTH`] levels deep.
    pub fn check(&self) -> Result<(), Error> {
        self.check_at(1)
    }

    fn check_at(&self, level: usize) -> Result<(), Error> {
        rules::cents(self.amount_in_cents, "amountInCents")?;
        rules::cents(self.latest_proposal_amount_in_cents, "latestProposalAmountInCents")?;
        rules::iban(self.creditor_iban.as_deref(), "creditorIBAN")?;
        rules::uuid(self.payment_id.as_deref(), "paymentID")?;
        let subs = self.sub_payments.as_deref().unwrap_or_default();
        if !subs.is_empty() && level >= MAX_PAYMENT_DEPTH {
            return Err(invalid("subPayments", format!("payments nest at most {MAX_PAYMENT_DEPTH} levels deep")));
        }
        for (i, sub) in subs.iter().enumerate() {
            rules::within(&format!("subPayments[{i}]"), sub.check_at(level + 1))?;
        }
        Ok(())
    }
}

fn check_confirmation_based(actors: Option<&[Actor]>, payments: Option<&[Payment]>) -> Result<(), Error> {
    for (i, actor) in actors.unwrap_or_default().iter().enumerate() {
        rules::within(&format!("actors[{i}]"), actor.check())?;
    }
    for (i, payment) in payments.unwrap_or_default().iter().enumerate() {
        rules::within(&format!("transferPayments[{i}]"), payment.check())?;
    }
    Ok(())
}

/// Declares a confirmation-based transfer's params: the seed's `ConfirmationBasedTransfer`
/// fields, after the path parameters given.
macro_rules! confirmation_based {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// List of actors participating in the transfer.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub actors: Option<Vec<Actor>>,
            /// True if the details of the outgoing payments should not be displayed to the buyer
            /// (for example a commission you do not want to disclose to the buyer).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub hide_payment_details: Option<bool>,
            /// The name of the transfer.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub project_name: Option<String>,
            /// List of outgoing payments to perform when this transfer will be confirmed: a tree
            /// (`subPayments`), at most 32 levels deep.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub transfer_payments: Option<Vec<Payment>>,
            /// Not a body field: the `correlation-id` request header.
            #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
            pub correlation_id: Option<String>,
        }

        impl $name {
            /// Every actor's and every payment's rules, with the path of a violation
            /// (`transferPayments[0].subPayments[1].creditorIBAN`).
            pub fn check(&self) -> Result<(), Error> {
                rules::not_blank(self.project_name.as_deref(), "projectName")?;
                check_confirmation_based(self.actors.as_deref(), self.transfer_payments.as_deref())
            }
        }
    };
}

confirmation_based! {
    /// `ConfirmationBasedTransfer`: the body of `POST /api/v1/transfers/confirmation-based`
    /// (`digiteal.transfers.create_confirmation_based`): a trusted payment released by a third
    /// party's confirmation. `correlationId` is the `correlation-id` header.
    ConfirmationBasedTransfer {}
}

confirmation_based! {
    /// `digiteal.transfers.update_confirmation_based`: `POST /api/v1/transfers/confirmation-based/{uuid}`,
    /// the `ConfirmationBasedTransfer` of `uuid` replaced (only before every relevant party
    /// confirmed it). `correlationId` is the `correlation-id` header.
    UpdateConfirmationBasedTransfer {
        /// Not a body field: the UUID of the trusted payment to update (the path parameter).
        #[serde(skip_serializing)]
        uuid: String,
    }
}

/// `digiteal.transfers.create_confirmation_based`: `POST /api/v1/transfers/confirmation-based`.
pub type CreateConfirmationBasedTransfer = ConfirmationBasedTransfer;

impl Operation for ConfirmationBasedTransfer {
    // A creation: never resent once it may have arrived.
    const INFO: OperationInfo = info(
        "digiteal.transfers.create_confirmation_based",
        Method::Post,
        "/api/v1/transfers/confirmation-based",
        false,
    );
    type Config = DigitealConfig;
    type Output = TransferCreationResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "application/json", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<TransferCreationResult, Error> {
        parse_json(response)
    }
}

/// The path of an update: `base/{uuid}`, the UUID checked.
fn update_path(base: &str, uuid: &str) -> Result<String, Error> {
    let uuid = rules::required(Some(uuid), "uuid")?;
    rules::uuid(Some(uuid), "uuid")?;
    Ok(format!("{base}/{}", path_segment(uuid, "uuid")?))
}

impl Operation for UpdateConfirmationBasedTransfer {
    // The transfer's whole description replaced by the same one again leaves the same state.
    const INFO: OperationInfo = info(
        "digiteal.transfers.update_confirmation_based",
        Method::Post,
        "/api/v1/transfers/confirmation-based/{uuid}",
        true,
    );
    type Config = DigitealConfig;
    type Output = ();

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let path = update_path("/api/v1/transfers/confirmation-based", &self.uuid)?;
        self.check()?;
        json_send(config, Method::Post, &path, self, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

/// `digiteal.transfers.execute`: `POST /api/v1/transfers/execute`.
pub type ExecuteTransfer = TransferExecutionData;

/// `TransferExecutionData`: the body of `POST /api/v1/transfers/execute`
/// (`digiteal.transfers.execute`): execute the trusted payment (transfer the total amount to the
/// creditor) or cancel it (reimburse the clients). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TransferExecutionData {
    /// An optional comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The transfer's unique identifier, received upon creation (a UUID).
    #[serde(rename = "transferID")]
    pub transfer_id: String,
    /// True to execute the transfer, false to cancel it (canceling reimburses the clients).
    pub validate: bool,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for TransferExecutionData {
    // Moves money (or reimburses it): never resent once it may have arrived.
    const INFO: OperationInfo = info("digiteal.transfers.execute", Method::Post, "/api/v1/transfers/execute", false);
    type Config = DigitealConfig;
    type Output = ();

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let id = rules::required(Some(&self.transfer_id), "transferID")?;
        rules::uuid(Some(id), "transferID")?;
        json_send(config, Method::Post, Self::INFO.path, self, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

/// A percentage with at most 4 decimals, held as a whole number of ten-thousandths of a percent
/// and checked as a decimal, never as a binary float.
///
/// Read from an integer (`100`), a decimal string (`"33.3333"`) or, for callers whose numbers are
/// floats (JSON, JavaScript, Python), a float through its shortest decimal form (what Python's
/// `repr` and JavaScript's `String()` print: `33.3333`, while `0.1 + 0.2` reads as
/// `0.30000000000000004` and is refused for its 17 decimals). Sent as a JSON number written from
/// the decimal (`33.3333`, `100`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percentage(u64);

impl Percentage {
    /// The decimals a percentage may have.
    pub const DECIMALS: u32 = 4;
    /// 100 %.
    pub const HUNDRED: Percentage = Percentage(1_000_000);

    /// Reads a decimal with at most 4 decimals (`"33.3333"`).
    pub fn parse(text: &str) -> Result<Percentage, Error> {
        rules::decimal_units(text, Self::DECIMALS).map(Percentage).map_err(|m| invalid("percentage", m))
    }

    /// The percentage in ten-thousandths of a percent: `333_333` for 33.3333 %.
    pub const fn ten_thousandths(self) -> u64 {
        self.0
    }
}

impl std::fmt::Display for Percentage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&rules::decimal_text(self.0, Self::DECIMALS))
    }
}

impl std::fmt::Debug for Percentage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Percentage({self})")
    }
}

impl Serialize for Percentage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The decimal's own digits as a JSON number: no binary float in between.
        let raw = serde_json::value::RawValue::from_string(self.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Percentage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Percentage;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a percentage: a number or a decimal string with at most 4 decimals")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Percentage, E> {
                v.checked_mul(10_000).map(Percentage).ok_or_else(|| E::custom("the percentage is too large"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Percentage, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom("a percentage is not negative")),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Percentage, E> {
                if !v.is_finite() || v < 0.0 {
                    return Err(E::custom("a percentage is a finite number, not negative"));
                }
                // The shortest decimal that reads back as `v`: the digits the caller wrote.
                self.visit_str(&format!("{v}"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Percentage, E> {
                rules::decimal_units(v.trim(), Percentage::DECIMALS).map(Percentage).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Percentage {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percentage".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A percentage with at most 4 decimals (`100`, `33.3333`, or the decimal string `\"33.3333\"`), checked as a decimal.",
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,4})?$"}
            ]
        })
    }
}

/// `TimeBasedTransferPayment`: the payment to one creditor of a time-based trusted payment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TimeBasedTransferPayment {
    /// Communication associated with this payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<String>,
    /// IBAN of the creditor, to which the amount is wired when the minimum requirements are met:
    /// mandatory.
    #[serde(rename = "creditorIBAN")]
    pub creditor_iban: String,
    /// Percentage of the trusted payment transferred to this creditor: above 0, at most 100, at
    /// most 4 decimals; 100 by default. The creditors' percentages add up to exactly 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Percentage>,
}

impl TimeBasedTransferPayment {
    /// The creditor's IBAN; a percentage above 0 and at most 100.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.creditor_iban), "creditorIBAN")?;
        rules::iban(Some(&self.creditor_iban), "creditorIBAN")?;
        match self.percentage {
            Some(p) if p.0 == 0 || p > Percentage::HUNDRED => {
                Err(invalid("percentage", format!("a creditor's percentage is above 0 and at most 100, got {p}")))
            }
            _ => Ok(()),
        }
    }
}

/// Declares a time-based transfer's params: the seed's `TimeBasedTransfer` fields, after the path
/// parameters given.
macro_rules! time_based {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// The maximum amount of the trusted payment, in cents: once reached, the total amount
            /// is transferred to the creditors.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub amount_in_cents: Option<i64>,
            /// The outgoing payments wired when the minimum requirements are met: at least one;
            /// their percentages add up to exactly 100.
            pub creditor_payments: Vec<TimeBasedTransferPayment>,
            /// The end date: if the amount requirements are not met by then, the transfer is
            /// canceled and the clients are reimbursed. `YYYY-MM-DD` (the seed's example) or
            /// `dd/MM/yyyy` (the seed's schema text), a real date, sent as given.
            pub end_date: String,
            /// The minimum amount of the trusted payment, in cents: if it is reached on the end date,
            /// the total amount is transferred. Sent as the seed spells it,
            /// `minumumAmountInCents`; `minimumAmountInCents` is accepted too.
            #[serde(
                default,
                rename = "minumumAmountInCents",
                alias = "minimumAmountInCents",
                skip_serializing_if = "Option::is_none"
            )]
            pub minimum_amount_in_cents: Option<i64>,
            /// Project name of the trusted payment.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub project_name: Option<String>,
            /// Not a body field: the `correlation-id` request header.
            #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
            pub correlation_id: Option<String>,
        }

        impl $name {
            /// At least one creditor payment, each checked, the percentages adding up to exactly
            /// 100 (a missing one counts as its default, 100); amounts not negative, the minimum
            /// not above the maximum; a real `endDate`.
            pub fn check(&self) -> Result<(), Error> {
                check_time_based(
                    self.amount_in_cents,
                    self.minimum_amount_in_cents,
                    &self.creditor_payments,
                    &self.end_date,
                )?;
                rules::not_blank(self.project_name.as_deref(), "projectName")
            }
        }
    };
}

fn check_time_based(
    max: Option<i64>,
    min: Option<i64>,
    payments: &[TimeBasedTransferPayment],
    end_date: &str,
) -> Result<(), Error> {
    rules::cents(max, "amountInCents")?;
    rules::cents(min, "minumumAmountInCents")?;
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            return Err(invalid(
                "minumumAmountInCents",
                format!("the minimum ({lo} cents) is above the maximum amountInCents ({hi} cents)"),
            ));
        }
    }
    if payments.is_empty() {
        return Err(invalid("creditorPayments", "at least one creditor payment is needed"));
    }
    let mut total: u64 = 0;
    for (i, payment) in payments.iter().enumerate() {
        rules::within(&format!("creditorPayments[{i}]"), payment.check())?;
        total += payment.percentage.unwrap_or(Percentage::HUNDRED).0;
    }
    if total != Percentage::HUNDRED.0 {
        return Err(invalid(
            "creditorPayments",
            format!(
                "the creditors' percentages add up to {} instead of exactly 100 (a missing percentage counts as 100)",
                rules::decimal_text(total, Percentage::DECIMALS)
            ),
        ));
    }
    rules::required(Some(end_date), "endDate")?;
    rules::date_either(Some(end_date), "endDate")
}

time_based! {
    /// `TimeBasedTransfer`: the body of `POST /api/v1/transfers/time-based`
    /// (`digiteal.transfers.create_time_based`): a trusted payment released when a minimum amount
    /// is reached before the end date (`MINIMUM_AMOUNT_BEFORE_END_DATE`). `correlationId` is the
    /// `correlation-id` header.
    TimeBasedTransfer {}
}

time_based! {
    /// `digiteal.transfers.update_time_based`: `POST /api/v1/transfers/time-based/{uuid}`, the
    /// `TimeBasedTransfer` of `uuid` replaced (only before the campaign is completed).
    /// `correlationId` is the `correlation-id` header.
    UpdateTimeBasedTransfer {
        /// Not a body field: the UUID of the trusted payment to update (the path parameter).
        #[serde(skip_serializing)]
        uuid: String,
    }
}

/// `digiteal.transfers.create_time_based`: `POST /api/v1/transfers/time-based`.
pub type CreateTimeBasedTransfer = TimeBasedTransfer;

impl Operation for TimeBasedTransfer {
    // A creation: never resent once it may have arrived.
    const INFO: OperationInfo =
        info("digiteal.transfers.create_time_based", Method::Post, "/api/v1/transfers/time-based", false);
    type Config = DigitealConfig;
    type Output = TransferCreationResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "application/json", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<TransferCreationResult, Error> {
        parse_json(response)
    }
}

impl Operation for UpdateTimeBasedTransfer {
    // The transfer's whole description replaced by the same one again leaves the same state.
    const INFO: OperationInfo =
        info("digiteal.transfers.update_time_based", Method::Post, "/api/v1/transfers/time-based/{uuid}", true);
    type Config = DigitealConfig;
    type Output = ();

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let path = update_path("/api/v1/transfers/time-based", &self.uuid)?;
        self.check()?;
        json_send(config, Method::Post, &path, self, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

/// `TransferCreationResult`: the answer of a trusted payment's creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TransferCreationResult {
    /// The creditor reference: the debtors use it when they wire an amount for this transfer.
    #[serde(default)]
    pub creditor_reference: Option<String>,
    /// The unique identifier of the transfer (a UUID).
    #[serde(default, rename = "transferID")]
    pub transfer_id: Option<String>,
    /// Another form of the transfer's identifier (the seed gives no description).
    #[serde(default, rename = "transferIDx64")]
    pub transfer_id_x64: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::tests::{build, field_of};
    use crate::http::Headers;
    use serde_json::{json, Value};

    fn tree(depth: usize) -> Value {
        let mut node = json!({"amountInCents": 1});
        for _ in 1..depth {
            node = json!({"amountInCents": 1, "subPayments": [node]});
        }
        node
    }

    #[test]
    fn payment_trees_keep_64_bit_ids_and_the_seed_spelling() {
        let v = json!({"actors": [{"digitealIdentifier": 9007199254740993_i64, "mandateId": 9007199254740995_i64, "type": "_3RD_PARTY"}],
                       "transferPayments": [{"beneficiary": "Garage", "subPayments": [{"benificiary": "Broker", "amountInCents": 5}]}]});
        let req = build::<ConfirmationBasedTransfer>(&v).unwrap();
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        assert_eq!(body["actors"][0]["digitealIdentifier"], json!(9007199254740993_i64));
        assert_eq!(body["transferPayments"][0]["benificiary"], "Garage");
        assert_eq!(body["transferPayments"][0]["subPayments"][0]["benificiary"], "Broker");
        assert!(String::from_utf8_lossy(&req.body).contains("9007199254740995"));
    }

    #[test]
    fn trees_deeper_than_32_levels_are_refused_while_read() {
        assert!(build::<ConfirmationBasedTransfer>(&json!({"transferPayments": [tree(MAX_PAYMENT_DEPTH)]})).is_ok());
        let err = build::<ConfirmationBasedTransfer>(&json!({"transferPayments": [tree(MAX_PAYMENT_DEPTH + 1)]}))
            .unwrap_err();
        let field = field_of(err);
        assert!(field.starts_with("transferPayments[0].subPayments[0]."), "{field}");
        assert_eq!(field.matches("subPayments").count(), MAX_PAYMENT_DEPTH, "{field}");
        // A failed read leaves no depth behind on the thread.
        assert_eq!(DEPTH.with(Cell::get), 0);
        assert!(build::<ConfirmationBasedTransfer>(&json!({"transferPayments": [tree(MAX_PAYMENT_DEPTH)]})).is_ok());
        // Rust callers that build a tree by hand are held to the same depth.
        let mut deep = Payment::default();
        for _ in 0..MAX_PAYMENT_DEPTH {
            deep = Payment { sub_payments: Some(vec![deep]), ..Default::default() };
        }
        let field = field_of(deep.check().unwrap_err());
        assert!(field.ends_with("subPayments"), "{field}");
    }

    #[test]
    fn violations_deep_in_the_tree_name_their_path() {
        let v = json!({"transferPayments": [{}, {"subPayments": [{}, {"creditorIBAN": "BE00"}]}]});
        assert_eq!(
            field_of(build::<ConfirmationBasedTransfer>(&v).unwrap_err()),
            "transferPayments[1].subPayments[1].creditorIBAN"
        );
        let v = json!({"transferPayments": [{"paymentID": "string"}]});
        assert_eq!(field_of(build::<ConfirmationBasedTransfer>(&v).unwrap_err()), "transferPayments[0].paymentID");
        let v = json!({"actors": [{"type": "BROKER"}]});
        assert_eq!(field_of(build::<ConfirmationBasedTransfer>(&v).unwrap_err()), "actors[0].type");
        let v = json!({"uuid": "nope", "projectName": "x"});
        assert_eq!(field_of(build::<UpdateConfirmationBasedTransfer>(&v).unwrap_err()), "uuid");
        let v = json!({"uuid": "e529f8b4790f11e7b5a5be2e44b06b52", "projectName": "x"});
        let req = build::<UpdateConfirmationBasedTransfer>(&v).unwrap();
        assert_eq!(
            req.url,
            "https://api.digiteal.eu/api/v1/transfers/confirmation-based/e529f8b4790f11e7b5a5be2e44b06b52"
        );
        assert_eq!(serde_json::from_slice::<Value>(&req.body).unwrap(), json!({"projectName": "x"}));
    }

    fn time_based(payments: Value) -> Value {
        json!({"creditorPayments": payments, "endDate": "2019-12-31"})
    }

    #[test]
    fn percentages_add_up_to_exactly_100_as_decimals() {
        let thirds = json!([{"creditorIBAN": "BE36251230861781", "percentage": 33.3333},
                            {"creditorIBAN": "BE68539007547034", "percentage": "33.3333"},
                            {"creditorIBAN": "BE72000000001616", "percentage": 33.3334}]);
        let req = build::<TimeBasedTransfer>(&time_based(thirds)).unwrap();
        let text = String::from_utf8(req.body).unwrap();
        assert!(text.contains(r#""percentage":33.3333}"#) && text.contains(r#""percentage":33.3334}"#), "{text}");
        let one = json!([{"creditorIBAN": "BE36251230861781"}]);
        assert!(build::<TimeBasedTransfer>(&time_based(one)).is_ok(), "the default is 100");
        let cases = [
            (
                json!([{"creditorIBAN": "BE36251230861781", "percentage": 50}, {"creditorIBAN": "BE68539007547034", "percentage": 49.9999}]),
                "creditorPayments",
            ),
            (json!([{"creditorIBAN": "BE36251230861781"}, {"creditorIBAN": "BE68539007547034"}]), "creditorPayments"),
            (json!([{"creditorIBAN": "BE36251230861781", "percentage": 33.33333}]), "creditorPayments[0].percentage"),
            (json!([{"creditorIBAN": "BE36251230861781", "percentage": "1e2"}]), "creditorPayments[0].percentage"),
            (json!([{"creditorIBAN": "BE36251230861781", "percentage": -100}]), "creditorPayments[0].percentage"),
            (
                json!([{"creditorIBAN": "BE36251230861781", "percentage": 0}, {"creditorIBAN": "BE68539007547034"}]),
                "creditorPayments[0].percentage",
            ),
            (json!([{"creditorIBAN": "BE36251230861781", "percentage": 150}]), "creditorPayments[0].percentage"),
            (json!([{"percentage": 100}]), "creditorPayments[0].creditorIBAN"),
            (json!([]), "creditorPayments"),
        ];
        for (payments, field) in cases {
            assert_eq!(
                field_of(build::<TimeBasedTransfer>(&time_based(payments.clone())).unwrap_err()),
                field,
                "{payments}"
            );
        }
        // 0.1 + 0.2 as a float is not 0.3: its shortest form has 17 decimals.
        let noise = json!([{"creditorIBAN": "BE36251230861781", "percentage": 0.1 + 0.2}]);
        assert_eq!(
            field_of(build::<TimeBasedTransfer>(&time_based(noise)).unwrap_err()),
            "creditorPayments[0].percentage"
        );
        assert_eq!(Percentage::parse("33.3333").unwrap().ten_thousandths(), 333_333);
        assert_eq!(format!("{:?}", Percentage::HUNDRED), "Percentage(100)");
    }

    #[test]
    fn end_dates_amounts_and_misspelled_names() {
        let pay = json!([{"creditorIBAN": "BE36251230861781"}]);
        for date in ["2019-12-31", "31/12/2019"] {
            let v = json!({"creditorPayments": pay, "endDate": date, "minimumAmountInCents": 10});
            let req = build::<TimeBasedTransfer>(&v).unwrap();
            let body: Value = serde_json::from_slice(&req.body).unwrap();
            assert_eq!((&body["endDate"], &body["minumumAmountInCents"]), (&json!(date), &json!(10)));
        }
        for (extra, field) in [
            (json!({"endDate": "31/11/2019"}), "endDate"),
            (json!({"endDate": "2019-11-31"}), "endDate"),
            (json!({"endDate": "12/31/2019"}), "endDate"),
            (json!({"amountInCents": 100, "minumumAmountInCents": 200}), "minumumAmountInCents"),
            (json!({"amountInCents": -1}), "amountInCents"),
        ] {
            let mut v = json!({"creditorPayments": pay, "endDate": "2019-12-31"});
            v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            assert_eq!(field_of(build::<TimeBasedTransfer>(&v).unwrap_err()), field);
        }
        assert_eq!(field_of(build::<TimeBasedTransfer>(&json!({"creditorPayments": pay})).unwrap_err()), "endDate");
    }

    #[test]
    fn execute_needs_the_transfer_and_the_decision() {
        let v = json!({"transferID": "e529f8b4790f11e7b5a5be2e44b06b52", "validate": false});
        let req = build::<TransferExecutionData>(&v).unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&req.body).unwrap(), v);
        assert_eq!(
            field_of(
                build::<TransferExecutionData>(&json!({"transferID": "e529f8b4790f11e7b5a5be2e44b06b52"})).unwrap_err()
            ),
            "validate"
        );
        assert_eq!(
            field_of(build::<TransferExecutionData>(&json!({"transferID": "x", "validate": true})).unwrap_err()),
            "transferID"
        );
        assert_eq!(TransferExecutionData::parse(&HttpResponse::new(200, Headers::new(), b"ok".to_vec())).unwrap(), ());
        assert_eq!(
            TransferExecutionData::parse(&HttpResponse::new(403, Headers::new(), Vec::new())).unwrap_err().code(),
            "http_403"
        );
    }
}
