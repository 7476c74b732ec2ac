//! Where the server may send requests of its own (webhook deliveries): public http(s)
//! addresses only, unless `IOC_WEBHOOK_ALLOW_PRIVATE=true`.
//!
//! An admin account types the webhook URL, and the server then POSTs from inside the
//! province's network: without this check a URL could make it probe loopback services, the
//! LAN or a cloud metadata endpoint (SSRF). The check runs twice:
//! - when a subscription is saved, on the URL as written ([`require_public_url`]);
//! - at each delivery, on the addresses the name resolves to at that moment
//!   ([`PublicOnlyResolver`], and [`literal_target_refusal`] for IP literals, which reqwest
//!   does not resolve): a name can point at 127.0.0.1, or be changed to after saving.
//!
//! Redirects are never followed (the worker's client has `redirect::Policy::none()`), so a
//! public receiver cannot bounce a delivery to a private address either.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ioc_domain::FieldError;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

use crate::error::ApiError;

/// Whether `ip` is an ordinary public unicast address. Refused: loopback, private (RFC 1918,
/// fc00::/7), shared (100.64/10), link-local (169.254/16 with the cloud metadata address,
/// fe80::/10), unspecified, "this network" (0/8), multicast, broadcast, reserved (240/4),
/// documentation ranges, and IPv6 forms that embed an IPv4 address (checked as that address).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19)))
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated) and 64:ff9b::/96 (NAT64)
    // reach the embedded IPv4 address.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    if s[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_unspecified() && !ip.is_loopback() {
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated, still private)
        || (s[0] == 0x2001 && s[1] == 0x0db8)) // documentation
}

/// Host names that always mean this machine, whatever DNS says (RFC 6761).
fn is_local_name(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    h == "localhost" || h.ends_with(".localhost")
}

/// Why `url` may not be sent to, judged from the URL alone (scheme, and the host when it is
/// an IP literal or a local name); `None` when only DNS can tell. URLs are parsed as the
/// HTTP client will parse them, so `http://2130706433/` is recognised as 127.0.0.1.
pub fn literal_target_refusal(url: &str) -> Option<&'static str> {
    let Ok(parsed) = Url::parse(url) else {
        return Some("not a valid URL");
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some("only http and https are allowed");
    }
    let host = parsed.host_str()?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) if !is_public(ip) => Some("a loopback, private, link-local or other non-public address"),
        Ok(_) => None,
        Err(_) if is_local_name(bare) => Some("a name of this machine"),
        Err(_) => None,
    }
}

/// The check at saving: a field error on `field` when the URL targets a non-public address
/// and the configuration does not allow it.
pub fn require_public_url(field: &str, url: &str, allow_private: bool) -> Result<(), ApiError> {
    if allow_private || literal_target_refusal(url).is_none() {
        return Ok(());
    }
    Err(ApiError::Validation(ioc_domain::ValidationErrors(vec![
        FieldError::new(
            field,
            "non_public_url",
            "Địa chỉ phải là máy chủ công khai (không dùng localhost, địa chỉ nội bộ, link-local hay đa hướng).",
            "The address must be a public server (no localhost, private, link-local or multicast addresses).",
        ),
    ])))
}

/// A DNS resolver for the webhook client that keeps only public addresses, so the client
/// connects to exactly the addresses that were checked (no second lookup that could answer
/// differently).
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicOnlyResolver;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = all.into_iter().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("{host} resolves to no public address; refused").into());
            }
            let addrs: Addrs = Box::new(public.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses_are_recognised() {
        for ip in [
            "127.0.0.1",
            "127.8.8.8",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip} must be refused");
        }
        for ip in [
            "8.8.8.8",
            "113.160.0.1",
            "172.32.0.1",
            "2001:4860:4860::8888",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip} is public");
        }
    }

    #[test]
    fn urls_are_judged_as_the_client_parses_them() {
        for url in [
            "http://127.0.0.1:8080/x",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://[::1]/",
            "http://[::ffff:7f00:1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://localhost/",
            "http://LOCALHOST./",
            "http://api.localhost:9000/",
            "http://user@10.0.0.1/",
            "ftp://ioc.dongnai.gov.vn/",
            "file:///etc/passwd",
        ] {
            assert!(literal_target_refusal(url).is_some(), "{url} must be refused");
        }
        for url in [
            "https://ioc.dongnai.gov.vn/hooks",
            "http://8.8.8.8:8080/x",
            "https://[2001:4860::1]/",
        ] {
            assert_eq!(literal_target_refusal(url), None, "{url}");
        }
    }

    #[test]
    fn configuration_may_allow_private_receivers() {
        assert!(require_public_url("url", "http://127.0.0.1:9/", true).is_ok());
        assert!(matches!(
            require_public_url("url", "http://127.0.0.1:9/", false),
            Err(ApiError::Validation(_))
        ));
    }

    #[tokio::test]
    async fn the_resolver_refuses_a_name_that_resolves_to_loopback() {
        let name: Name = "localhost".parse().unwrap();
        assert!(PublicOnlyResolver.resolve(name).await.is_err());
    }
}
