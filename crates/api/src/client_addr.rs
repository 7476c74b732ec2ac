//! The client's address, for login throttling: the TCP peer, or, when the peer is one of the
//! configured reverse proxies, the address those proxies recorded in `X-Forwarded-For`.
//!
//! `X-Forwarded-For` is written by whoever sends the request, so it is believed only as far
//! as trusted proxies vouch for it: read right to left (each proxy appends the address it
//! saw), skip the trusted hops, and take the first address that is not a trusted proxy.
//! Anything left of it may be forged by the client and is ignored.

use std::net::IpAddr;

use actix_web::http::header::HeaderName;
use actix_web::HttpRequest;
use ipnet::IpNet;
use serde::{Deserialize, Deserializer};

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// Networks of the reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses IPs (`10.0.0.5`, `::1`) and CIDRs (`10.0.0.0/8`); blanks are skipped.
    pub fn parse<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut nets = Vec::new();
        for item in items.into_iter().map(str::trim).filter(|s| !s.is_empty()) {
            let net = item
                .parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("not an IP address or CIDR: {item}"))?;
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|n| n.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for TrustedProxies {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<String>::deserialize(d)?;
        TrustedProxies::parse(items.iter().map(String::as_str)).map_err(serde::de::Error::custom)
    }
}

/// IPv4 peers on a dual-stack socket arrive as `::ffff:a.b.c.d`; compare them as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client address of `req` (`None` only when actix knows no peer, as in some unit tests).
pub fn client_ip(req: &HttpRequest, trusted: &TrustedProxies) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let forwarded = req
        .headers()
        .get_all(X_FORWARDED_FOR)
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    Some(resolve(peer, &forwarded, trusted))
}

/// The rule itself, on plain values: `forwarded` is every `X-Forwarded-For` value joined by
/// commas, in the order received.
pub fn resolve(peer: IpAddr, forwarded: &str, trusted: &TrustedProxies) -> IpAddr {
    let mut client = canonical(peer);
    if !trusted.contains(client) {
        return client;
    }
    for hop in forwarded.rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        // A garbled entry cannot be attributed to anyone: stop at the last proxy we trust.
        let Some(ip) = parse_hop(hop) else {
            return client;
        };
        client = canonical(ip);
        if !trusted.contains(client) {
            return client;
        }
    }
    client
}

/// An `X-Forwarded-For` entry: an IP, possibly with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn trusted(items: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(items.iter().copied()).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::default();
        assert_eq!(resolve(ip("203.0.113.9"), "198.51.100.1", &none), ip("203.0.113.9"));
        let proxy = trusted(&["10.0.0.1"]);
        assert_eq!(resolve(ip("203.0.113.9"), "198.51.100.1", &proxy), ip("203.0.113.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_address_is_the_client() {
        let proxies = trusted(&["10.0.0.0/8", "127.0.0.1"]);
        // The client forged the first entry; the proxy chain appended the rest.
        let xff = "1.1.1.1, 198.51.100.7, 10.0.0.2";
        assert_eq!(resolve(ip("10.0.0.1"), xff, &proxies), ip("198.51.100.7"));
        assert_eq!(
            resolve(ip("127.0.0.1"), "198.51.100.7:4711", &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(
            resolve(ip("::ffff:127.0.0.1"), "2001:db8::1", &proxies),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn a_garbled_or_missing_header_leaves_the_last_trusted_hop() {
        let proxies = trusted(&["10.0.0.0/8"]);
        assert_eq!(resolve(ip("10.0.0.1"), "", &proxies), ip("10.0.0.1"));
        assert_eq!(resolve(ip("10.0.0.1"), "evil, 10.0.0.3", &proxies), ip("10.0.0.3"));
        assert_eq!(resolve(ip("10.0.0.1"), "10.0.0.3", &proxies), ip("10.0.0.3"));
    }

    #[test]
    fn trusted_proxies_are_ips_or_cidrs() {
        let t = trusted(&["192.168.0.0/16", " ::1 ", ""]);
        assert!(t.contains(ip("192.168.4.4")));
        assert!(t.contains(ip("::1")));
        assert!(!t.contains(ip("192.169.0.1")));
        assert!(TrustedProxies::parse(["proxy.local"]).is_err());
        let from_toml: TrustedProxies = serde_json::from_str(r#"["10.0.0.0/8"]"#).unwrap();
        assert!(from_toml.contains(ip("10.9.9.9")));
        assert!(serde_json::from_str::<TrustedProxies>(r#"["10.0.0.0/40"]"#).is_err());
    }
}
