//! `digiteal.sdd.*`: transfer a SEPA Direct Debit (SDD) mandate to Digiteal (the guide's "SDD
//! Transfer API"). The mandate becomes an automatic payment, which gives the customer more control
//! over the withdrawals he accepts; the debtor is pre-registered with the KYC information given
//! (the same models, and the same mandatory fields, as `digiteal.kyc.*`) and invited by email.

use serde::{Deserialize, Serialize};

use super::common::{
    info, json_post, one_of, parse_json, CompanyKYCInfo, ContractApproval, CustomerNotificationSettings, PersonKYCInfo,
};
use super::config::DigitealConfig;
use super::rules::{self, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::string_enum;

string_enum! {
    /// `executionType`: when the automatic payment is executed.
    pub enum ExecutionType {
        /// On the request date.
        Immediate = "IMMEDIATE",
        /// One week before the due date.
        OneWeekBeforeDueDate = "ONE_WEEK_BEFORE_DUE_DATE",
        /// On the due date.
        DueDate = "DUE_DATE",
    }
}

string_enum! {
    /// `periodicity`: the period the automatic payment's threshold applies to.
    pub enum Periodicity {
        /// Monthly (the default).
        Month = "MONTH",
        /// Every three months.
        Trimester = "TRIMESTER",
        /// Every six months.
        Semester = "SEMESTER",
        /// Yearly.
        Year = "YEAR",
    }
}

/// The seed's `AutoPaymentConfiguration` as sent in an SDD transfer (`configuration`): the
/// automatic payment that replaces the mandate. Without one Digiteal uses: monthly, payment on
/// the request date, at most 1000 €.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AutoPaymentSettings {
    /// Currency of the threshold (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// When the automatic payment is executed: IMMEDIATE, ONE_WEEK_BEFORE_DUE_DATE or DUE_DATE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_type: Option<ExecutionType>,
    /// Periodicity of the automatic payment: MONTH, TRIMESTER, SEMESTER or YEAR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodicity: Option<Periodicity>,
    /// The most that will be allowed to be withdrawn, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_in_cents: Option<i64>,
}

impl AutoPaymentSettings {
    /// The currency code, the listed enum values, a threshold that is not negative.
    pub fn check(&self) -> Result<(), Error> {
        rules::currency(self.currency.as_deref(), "currency")?;
        one_of(self.execution_type.as_ref().map(ExecutionType::as_str), ExecutionType::KNOWN, "executionType")?;
        one_of(self.periodicity.as_ref().map(Periodicity::as_str), Periodicity::KNOWN, "periodicity")?;
        rules::cents(self.threshold_in_cents, "thresholdInCents")
    }
}

/// `AutoPaymentConfiguration`: the answer of `digiteal.sdd.transfer_company` /
/// `digiteal.sdd.transfer_person`, the automatic payment that replaces the mandate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AutoPaymentConfiguration {
    /// Currency of the threshold.
    #[serde(default)]
    pub currency: Option<String>,
    /// When the automatic payment is executed.
    #[serde(default)]
    pub execution_type: Option<ExecutionType>,
    /// Periodicity of the automatic payment.
    #[serde(default)]
    pub periodicity: Option<Periodicity>,
    /// The most that will be allowed to be withdrawn, in cents.
    #[serde(default)]
    pub threshold_in_cents: Option<i64>,
}

/// Declares an SDD configuration (company or person): the same fields, a different debtor.
macro_rules! sdd_configuration {
    ($(#[$meta:meta])* $name:ident, $debtor:ty, $op:literal, $path:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            /// The automatic payment configuration that replaces the SDD. Without one: monthly,
            /// payment on the request date, at most 1000 €.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub configuration: Option<AutoPaymentSettings>,
            /// The customer's approval of Digiteal's contracts.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub contract_approval: Option<ContractApproval>,
            /// The date when the original SDD was created (`YYYY-MM-DD`, a real date).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub creation_date: Option<String>,
            /// VAT number of the SDD mandate holder (the creditor), which must have an active
            /// Digiteal account with at least the START pack.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub creditor_vat_number: Option<String>,
            /// Identifier of the customer as defined by the creditor.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub customer_internal_id: Option<String>,
            /// The SDD mandate's client (the debtor): mandatory, with the KYC information's own
            /// mandatory fields.
            pub debtor: $debtor,
            /// The IBAN from which the original SDD was withdrawing money.
            #[serde(default, rename = "debtorIBAN", skip_serializing_if = "Option::is_none")]
            pub debtor_iban: Option<String>,
            /// Notification settings for this customer (used only if this is a new user of
            /// Digiteal).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub notification_settings: Option<CustomerNotificationSettings>,
            /// Specific welcome message sent by email: write it in the language of the customer.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub welcome_message: Option<String>,
            /// Not a body field: the `correlation-id` request header.
            #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
            pub correlation_id: Option<String>,
        }

        impl $name {
            /// The debtor's KYC rules, the configuration's values, a real `creationDate`, the
            /// debtor's IBAN.
            pub fn check(&self) -> Result<(), Error> {
                if let Some(configuration) = &self.configuration {
                    rules::within("configuration", configuration.check())?;
                }
                if let Some(approval) = &self.contract_approval {
                    rules::within("contractApproval", approval.check())?;
                }
                rules::date(self.creation_date.as_deref(), "creationDate")?;
                rules::not_blank(self.creditor_vat_number.as_deref(), "creditorVatNumber")?;
                rules::not_blank(self.customer_internal_id.as_deref(), "customerInternalId")?;
                rules::within("debtor", self.debtor.check())?;
                rules::iban(self.debtor_iban.as_deref(), "debtorIBAN")?;
                rules::not_blank(self.welcome_message.as_deref(), "welcomeMessage")
            }
        }

        impl Operation for $name {
            // A mandate transfer pre-registers the debtor and emails him: never resent once it
            // may have arrived.
            const INFO: OperationInfo = info($op, Method::Post, $path, false);
            type Config = DigitealConfig;
            type Output = AutoPaymentConfiguration;

            fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
                self.check()?;
                let correlation_id = self.correlation_id.as_deref();
                json_post(config, Self::INFO.path, self, "application/json", correlation_id, Query::default())
            }

            fn parse(response: &HttpResponse) -> Result<AutoPaymentConfiguration, Error> {
                parse_json(response)
            }
        }
    };
}

sdd_configuration! {
    /// `CompanySDDConfiguration`: the body of `POST /api/v1/sdd/transferCompany`
    /// (`digiteal.sdd.transfer_company`), an SDD mandate whose debtor is a company.
    /// `correlationId` is the `correlation-id` header.
    CompanySDDConfiguration, CompanyKYCInfo, "digiteal.sdd.transfer_company", "/api/v1/sdd/transferCompany"
}

sdd_configuration! {
    /// `PersonSDDConfiguration`: the body of `POST /api/v1/sdd/transferPerson`
    /// (`digiteal.sdd.transfer_person`), an SDD mandate whose debtor is a person.
    /// `correlationId` is the `correlation-id` header.
    PersonSDDConfiguration, PersonKYCInfo, "digiteal.sdd.transfer_person", "/api/v1/sdd/transferPerson"
}

/// `digiteal.sdd.transfer_company`: `POST /api/v1/sdd/transferCompany`.
pub type TransferCompanySdd = CompanySDDConfiguration;

/// `digiteal.sdd.transfer_person`: `POST /api/v1/sdd/transferPerson`.
pub type TransferPersonSdd = PersonSDDConfiguration;

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::tests::{build, field_of};
    use crate::http::Headers;
    use serde_json::json;

    #[test]
    fn the_debtor_is_checked_like_a_pre_registration() {
        let person = json!({"debtor": {"email": "john.doe@gmail.com"}, "debtorIBAN": "BE36251230861781"});
        let req = build::<PersonSDDConfiguration>(&person).unwrap();
        assert_eq!(req.url, "https://api.digiteal.eu/api/v1/sdd/transferPerson");
        assert_eq!(field_of(build::<PersonSDDConfiguration>(&json!({})).unwrap_err()), "debtor");
        assert_eq!(field_of(build::<PersonSDDConfiguration>(&json!({"debtor": {}})).unwrap_err()), "debtor.email");
        let company =
            json!({"debtor": {"vatNumber": "BE0000000097", "companyName": "X", "contactPerson": {"email": "a@b.be"}}});
        assert_eq!(field_of(build::<CompanySDDConfiguration>(&company).unwrap_err()), "debtor.creationDate");
        let cases = [
            (json!({"configuration": {"executionType": "LATER"}}), "configuration.executionType"),
            (json!({"configuration": {"periodicity": "WEEK"}}), "configuration.periodicity"),
            (json!({"configuration": {"thresholdInCents": -1}}), "configuration.thresholdInCents"),
            (json!({"configuration": {"currency": "euro"}}), "configuration.currency"),
            (json!({"configuration": {"thresholdInCents": 1000.5}}), "configuration.thresholdInCents"),
            (json!({"debtorIBAN": "BE41251230861709"}), "debtorIBAN"),
            (json!({"creationDate": "2012-12-32"}), "creationDate"),
            (json!({"contractApproval": {"approvalDate": "2019-11-31"}}), "contractApproval.approvalDate"),
        ];
        for (extra, field) in cases {
            let mut v = json!({"debtor": {"email": "john.doe@gmail.com"}});
            v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            assert_eq!(field_of(build::<PersonSDDConfiguration>(&v).unwrap_err()), field);
        }
    }

    #[test]
    fn the_answer_keeps_unknown_values() {
        let r = HttpResponse::new(
            200,
            Headers::new(),
            br#"{"currency": "EUR", "executionType": "LATER", "periodicity": "WEEK", "thresholdInCents": 9007199254740993, "x": 1}"#.to_vec(),
        );
        let out = CompanySDDConfiguration::parse(&r).unwrap();
        assert_eq!(out.execution_type, Some(ExecutionType::Other("LATER".into())));
        assert_eq!(out.periodicity, Some(Periodicity::Other("WEEK".into())));
        assert_eq!(out.threshold_in_cents, Some(9_007_199_254_740_993));
    }
}
