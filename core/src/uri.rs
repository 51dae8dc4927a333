//! The URLs kassa reads from callers: base URLs, callback and redirect URLs, webhook URLs, and
//! the redirect a user comes back on. Parsed as RFC 3986 URIs by `fluent-uri` (no IDNA tables: a
//! host is ASCII, as a URL sent to a provider must be anyway; give an internationalised name in
//! its punycode form), with the query read by `form_urlencoded`.
//!
//! `url` (WHATWG) was used before; its IDNA tables were a sixth of the browser bundle.

use std::net::{Ipv4Addr, Ipv6Addr};

use fluent_uri::component::Host as UriHost;
use fluent_uri::{Uri, UriRef};

/// The host of a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Host {
    /// An IPv4 address.
    V4(Ipv4Addr),
    /// An IPv6 address (written in brackets).
    V6(Ipv6Addr),
    /// A registered name, lower-cased.
    Name(String),
}

impl Host {
    /// `127.0.0.0/8`, `::1` or `localhost`.
    pub(crate) fn is_loopback(&self) -> bool {
        match self {
            Host::V4(ip) => ip.is_loopback(),
            Host::V6(ip) => ip.is_loopback(),
            Host::Name(n) => n == "localhost",
        }
    }
}

/// An absolute URL, taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Url<'a> {
    /// The scheme, lower-cased.
    pub scheme: String,
    /// The host, when the URL has an authority with a non-empty host.
    pub host: Option<Host>,
    /// Whether the authority carries `user:password@`.
    pub userinfo: bool,
    /// The port, when one is written.
    pub port: Option<u16>,
    /// The path as written (percent-encoded).
    pub path: &'a str,
    /// The query as written, without `?`.
    pub query: Option<&'a str>,
    /// The fragment as written, without `#`.
    pub fragment: Option<&'a str>,
}

impl<'a> Url<'a> {
    /// Parses an absolute URL; the error says what is wrong.
    pub(crate) fn parse(text: &'a str) -> Result<Url<'a>, String> {
        let uri = Uri::parse(text).map_err(|e| e.to_string())?;
        let (host, userinfo, port) = match uri.authority() {
            Some(a) => {
                let host = match a.host_parsed() {
                    UriHost::Ipv4(ip) => Some(Host::V4(ip)),
                    UriHost::Ipv6(ip) => Some(Host::V6(ip)),
                    UriHost::RegName(name) if !name.as_str().is_empty() => {
                        Some(Host::Name(name.as_str().to_ascii_lowercase()))
                    }
                    _ => None,
                };
                let port = a.port_to_u16().map_err(|_| "the port is not a number from 0 to 65535".to_owned())?;
                (host, a.has_userinfo(), port)
            }
            None => (None, false, None),
        };
        Ok(Url {
            scheme: uri.scheme().as_str().to_ascii_lowercase(),
            host,
            userinfo,
            port,
            path: uri.path().as_str(),
            query: uri.query().map(|q| q.as_str()),
            fragment: uri.fragment().map(|f| f.as_str()),
        })
    }

    /// Whether the host is a loopback one.
    pub(crate) fn is_loopback(&self) -> bool {
        self.host.as_ref().is_some_and(Host::is_loopback)
    }

    /// `scheme://host[:port]path`, with the scheme and host lower-cased, a default port left out
    /// and the path as written: the form a base URL is kept in.
    pub(crate) fn origin_and_path(&self) -> String {
        let mut out = format!("{}://", self.scheme);
        match &self.host {
            Some(Host::V4(ip)) => out.push_str(&ip.to_string()),
            Some(Host::V6(ip)) => out.push_str(&format!("[{ip}]")),
            Some(Host::Name(n)) => out.push_str(n),
            None => {}
        }
        let default = match self.scheme.as_str() {
            "https" => Some(443),
            "http" => Some(80),
            _ => None,
        };
        if let Some(port) = self.port.filter(|p| Some(*p) != default) {
            out.push_str(&format!(":{port}"));
        }
        out.push_str(self.path);
        out
    }
}

/// The path and the decoded `name=value` pairs of the query of a URL reference: an absolute URL,
/// a path with a query, or a bare query (`?a=1&b=2`); the error says why it is none.
#[cfg_attr(not(feature = "clients"), allow(dead_code))]
pub(crate) fn query_pairs(text: &str) -> Result<(String, Vec<(String, String)>), String> {
    let reference = UriRef::parse(text).map_err(|e| e.to_string())?;
    let pairs = match reference.query() {
        Some(q) => form_urlencoded::parse(q.as_str().as_bytes()).into_owned().collect(),
        None => Vec::new(),
    };
    Ok((reference.path().as_str().to_owned(), pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_taken_apart() {
        let u = Url::parse("HTTPS://User:pw@API.Example.COM:8443/v1/x?q=1#top").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.host, Some(Host::Name("api.example.com".into())));
        assert!(u.userinfo);
        assert_eq!((u.port, u.path, u.query, u.fragment), (Some(8443), "/v1/x", Some("q=1"), Some("top")));
        assert_eq!(Url::parse("http://127.0.0.1:80/").unwrap().origin_and_path(), "http://127.0.0.1/");
        assert_eq!(Url::parse("http://[::1]:8080/a").unwrap().origin_and_path(), "http://[::1]:8080/a");
        assert!(Url::parse("http://[::1]/").unwrap().is_loopback());
        assert!(Url::parse("http://LocalHost/").unwrap().is_loopback());
        assert!(!Url::parse("http://10.0.0.1/").unwrap().is_loopback());
        assert!(!Url::parse("http://127.0.0.1.example/").unwrap().is_loopback());
        assert_eq!(Url::parse("https://").unwrap().host, None);
        assert_eq!(Url::parse("mailto:ops@x.example").unwrap().path, "ops@x.example");
        assert!(Url::parse("no scheme").is_err());
        assert!(Url::parse("/relative").is_err());
        assert!(Url::parse("https://bücher.example/").is_err());
        assert!(Url::parse("https://x:99999/").is_err());
    }

    #[test]
    fn query_pairs_of_references() {
        let (path, pairs) = query_pairs("https://shop.example/back?registrationID=42&success=true&x=a%20b+c").unwrap();
        assert_eq!(path, "/back");
        assert_eq!(pairs[2], ("x".to_owned(), "a b c".to_owned()));
        let (path, pairs) = query_pairs("?registrationID=42").unwrap();
        assert_eq!((path.as_str(), pairs.len()), ("", 1));
        assert!(query_pairs("https://x/%zz").is_err());
    }
}
