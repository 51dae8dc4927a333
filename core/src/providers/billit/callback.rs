use serde::Serialize;

use crate::error::{CallbackError, Error, ValidationCode};

/// The operation id of the redirect parser in `endpoints.tsv` (no HTTP request: a pure function).
pub const PARSE_CALLBACK_ID: &str = "billit.identification.parse_callback";

/// What Billit's redirect back says: `...?registrationID=42&success=true|false`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CallbackResult {
    /// The `registrationID` query parameter.
    pub registration_id: String,
    /// The `success` query parameter.
    pub success: bool,
}

/// Parses the URL the user's browser came back on: an absolute URL, a path with a query, or the
/// bare query (`?registrationID=42&success=true`).
///
/// Both `registrationID` and `success` are required (the seed: "always read both"); a missing one is
/// a validation error naming it. Other parameters are ignored. itsme's error page
/// (`.../oops.html?error=invalid_redirect&error_description=...`) becomes [`Error::Callback`] with
/// itsme's code and description.
pub fn parse_callback(url: &str) -> Result<CallbackResult, Error> {
    let (path, pairs) = crate::uri::query_pairs(url.trim())
        .map_err(|e| Error::validation(ValidationCode::InvalidCallback, "url", format!("not a URL: {e}")))?;
    let mut registration_id = None;
    let mut success = None;
    let mut error = None;
    let mut description = None;
    for (key, value) in pairs {
        match key.as_str() {
            "registrationID" => registration_id = Some(value),
            "success" => success = Some(value),
            "error" => error = Some(value),
            "error_description" => description = Some(value),
            _ => {}
        }
    }
    if error.is_some() || path.ends_with("/oops.html") {
        return Err(Error::Callback(CallbackError {
            code: error.unwrap_or_else(|| "identification_error".to_owned()),
            description,
        }));
    }
    let registration_id = registration_id
        .filter(|r| !r.is_empty())
        .ok_or_else(|| Error::validation(ValidationCode::InvalidCallback, "registrationID", "the redirect lacks `registrationID`"))?;
    let success = match success.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("true") => true,
        Some("false") => false,
        Some(_) => {
            return Err(Error::validation(ValidationCode::InvalidCallback, "success", "`success` is neither `true` nor `false`"))
        }
        None => return Err(Error::validation(ValidationCode::InvalidCallback, "success", "the redirect lacks `success`")),
    };
    Ok(CallbackResult { registration_id, success })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_parameters_in_any_form() {
        let ok = CallbackResult { registration_id: "42".into(), success: true };
        assert_eq!(parse_callback("https://your.app/after-id-check?registrationID=42&success=true").unwrap(), ok);
        assert_eq!(parse_callback("/after?x=1&success=true&registrationID=42").unwrap(), ok);
        assert_eq!(parse_callback("?registrationID=42&success=TRUE").unwrap(), ok);
        assert!(!parse_callback("?registrationID=42&success=false").unwrap().success);
    }

    #[test]
    fn names_what_is_missing() {
        let Error::Validation(e) = parse_callback("https://a.test/?success=true").unwrap_err() else { panic!() };
        assert_eq!(&*e.field, "registrationID");
        let Error::Validation(e) = parse_callback("https://a.test/?registrationID=1").unwrap_err() else { panic!() };
        assert_eq!(&*e.field, "success");
        let Error::Validation(e) = parse_callback("https://a.test/?registrationID=1&success=yes").unwrap_err() else {
            panic!()
        };
        assert_eq!(&*e.field, "success");
    }

    #[test]
    fn itsme_error_page() {
        let url = "https://oidc.prd.itsme.services/clientsecret-oidc/ui/v0.1/oops.html?error=invalid_redirect&error_description=The%20given%20redirect%20uri%20is%20invalid";
        let Error::Callback(e) = parse_callback(url).unwrap_err() else { panic!() };
        assert_eq!(e.code, "invalid_redirect");
        assert_eq!(e.description.as_deref(), Some("The given redirect uri is invalid"));
    }
}
