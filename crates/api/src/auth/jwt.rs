//! Short-lived access tokens: HS256 JWTs naming the user, its token generation and its
//! session. They carry no role or unit on purpose: those are read from the database on every
//! request (see `extractor`), so a change takes effect at once, not when the token expires.

use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Secret;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// The user's `token_generation` at issue; a bump ends the token.
    pub generation: i32,
    /// The session: the refresh-token family issued with it. Signing out revokes the family
    /// and so ends this token too.
    pub sid: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub ttl_secs: i64,
}

impl JwtKeys {
    pub fn new(secret: &Secret, ttl_secs: i64) -> Self {
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.expose().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            ttl_secs,
        }
    }

    pub fn issue(&self, user_id: i32, generation: i32, session: &str) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            generation,
            sid: session.to_owned(),
            iat: now,
            exp: now + self.ttl_secs,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| anyhow::anyhow!("signing JWT: {e}"))
    }

    /// Verifies signature and expiry (no leeway: expired means expired).
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.leeway = 0;
        decode::<Claims>(token, &self.decoding, &v).ok().map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // jsonwebtoken >= 10 panics at run time without a crypto backend: this test keeps it honest.
    #[test]
    fn a_signed_token_verifies_and_a_tampered_one_does_not() {
        let keys = JwtKeys::new(&Secret::new("x".repeat(40)), 60);
        let t = keys.issue(7, 3, "family-1").unwrap();
        let c = keys.verify(&t).unwrap();
        assert_eq!((c.sub.as_str(), c.generation, c.sid.as_str()), ("7", 3, "family-1"));
        let other = JwtKeys::new(&Secret::new("y".repeat(40)), 60);
        assert!(other.verify(&t).is_none());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = JwtKeys::new(&Secret::new("x".repeat(40)), -5);
        let t = keys.issue(7, 0, "family-1").unwrap();
        assert!(keys.verify(&t).is_none());
    }
}
