//! The answers every operation can give besides its own, added to the OpenAPI document by
//! rule rather than by hand on sixty handlers: what the server's extractors, middleware and
//! `ApiError` really send (401 without a token, 400 for malformed input, 404 for an unknown
//! id, 412/428 around `If-Match`, 304 for a matching `If-None-Match`...). Each standard answer
//! is one reusable `components/responses` entry whose body is `ProblemDetails`.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{Components, Content, Object, OpenApi, Ref, RefOr, Response, ResponseBuilder, Schema, Type};

use crate::error::PROBLEM_JSON;

/// `components/responses` names and descriptions of the problem answers.
const PROBLEMS: &[(&str, &str, &str)] = &[
    (
        "400",
        "BadRequest",
        "Malformed request: unreadable JSON or a query value of the wrong type",
    ),
    (
        "401",
        "Unauthorized",
        "Missing, invalid, expired or revoked credentials",
    ),
    ("403", "Forbidden", "Signed in, but this role or unit may not do this"),
    ("404", "NotFound", "No such resource"),
    ("409", "Conflict", "Conflicts with stored data"),
    (
        "412",
        "PreconditionFailed",
        "`If-Match` names a version that is no longer current; nothing changed",
    ),
    ("413", "PayloadTooLarge", "The body is larger than the configured limit"),
    ("415", "UnsupportedMediaType", "The body is not `application/json`"),
    (
        "422",
        "ValidationFailed",
        "The input broke a rule; `errors` lists each field in Vietnamese and English",
    ),
    ("428", "PreconditionRequired", "An update or delete without `If-Match`"),
    (
        "429",
        "TooManyRequests",
        "Too many failed sign-ins; retry after `Retry-After` seconds",
    ),
    (
        "500",
        "InternalError",
        "Unexpected failure (logged with the request id; no details are sent)",
    ),
    ("503", "Unavailable", "The database is unreachable"),
];

const NOT_MODIFIED: &str = "NotModified";

/// Adds the standard answers to every operation and the reusable responses they point to.
pub fn apply(spec: &mut OpenApi) {
    let components = spec.components.get_or_insert_with(Components::default);
    for (_, name, description) in PROBLEMS {
        components
            .responses
            .insert((*name).to_owned(), RefOr::T(problem_response(description)));
    }
    components.responses.insert(
        NOT_MODIFIED.to_owned(),
        RefOr::T(
            ResponseBuilder::new()
                .description("Not modified: the `If-None-Match` tag matches the current representation")
                .header("ETag", string_header("Strong tag of the current representation"))
                .build(),
        ),
    );
    for (path, item) in spec.paths.paths.iter_mut() {
        // Every write to a project or below it first checks the project is not archived.
        let project_write = path.starts_with("/api/v1/projects/{id}");
        let ops = [
            (Method::Get, item.get.as_mut()),
            (Method::Post, item.post.as_mut()),
            (Method::Put, item.put.as_mut()),
            (Method::Patch, item.patch.as_mut()),
            (Method::Delete, item.delete.as_mut()),
        ];
        for (method, op) in ops.into_iter().filter_map(|(m, op)| op.map(|op| (m, op))) {
            add_standard_responses(method, op);
            if project_write && method != Method::Get {
                op.responses
                    .responses
                    .entry("409".to_owned())
                    .or_insert_with(|| RefOr::Ref(problem_ref("409")));
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// The rules, one per thing an operation has.
fn add_standard_responses(method: Method, op: &mut Operation) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let params = op.parameters.iter().flatten().filter_map(|p| match p {
        RefOr::T(p) => Some((p.parameter_in.clone(), p.name.to_ascii_lowercase())),
        RefOr::Ref(_) => None,
    });
    let (mut has_query, mut has_path, mut has_if_match) = (false, false, false);
    for (place, name) in params {
        match place {
            ParameterIn::Query => has_query = true,
            ParameterIn::Path => has_path = true,
            ParameterIn::Header if name == "if-match" => has_if_match = true,
            _ => {}
        }
    }
    let mut codes: Vec<&str> = vec!["500"];
    if secured {
        codes.push("401");
        // Reads open to every role declare their 403 themselves when they have one.
        if method != Method::Get {
            codes.push("403");
        }
    }
    if op.request_body.is_some() {
        codes.extend(["400", "413", "415", "422"]);
    }
    if has_query {
        codes.extend(["400", "422"]);
    }
    if has_path {
        codes.push("404");
    }
    if has_if_match {
        codes.extend(["412", "428"]);
    }
    let responses = &mut op.responses.responses;
    for code in codes {
        responses
            .entry(code.to_owned())
            .or_insert_with(|| RefOr::Ref(problem_ref(code)));
    }
    // Error answers the handler declared without a body get the standard problem body,
    // keeping the handler's own description.
    for (code, response) in responses.iter_mut() {
        if let RefOr::T(r) = response {
            let bodyless = r
                .content
                .values()
                .all(|c| matches!(c, RefOr::T(c) if c.schema.is_none()));
            if code.starts_with(['4', '5']) && bodyless && PROBLEMS.iter().any(|(c, ..)| c == code) {
                let mut reference = problem_ref(code);
                reference.description = r.description.clone();
                *response = RefOr::Ref(reference);
            } else if r.description.is_empty() {
                r.description = default_description(code).to_owned();
            }
        }
    }
    if method == Method::Post {
        if let Some(RefOr::T(created)) = responses.get_mut("201") {
            created.headers.insert(
                "Location".to_owned(),
                RefOr::T(string_header("URL of the created resource")),
            );
        }
    }
    if method == Method::Get {
        let cacheable = match responses.get_mut("200") {
            Some(RefOr::T(ok))
                if ok
                    .content
                    .keys()
                    .any(|ct| ct.contains("json") || ct.starts_with("image/")) =>
            {
                ok.headers.insert(
                    "ETag".to_owned(),
                    RefOr::T(string_header("Strong tag of this representation, for `If-None-Match`")),
                );
                true
            }
            _ => false,
        };
        if cacheable {
            responses
                .entry("304".to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name(NOT_MODIFIED)));
        }
    }
}

fn problem_ref(code: &str) -> Ref {
    let name = PROBLEMS
        .iter()
        .find(|(c, ..)| *c == code)
        .map(|(_, name, _)| *name)
        .unwrap_or("InternalError");
    Ref::from_response_name(name)
}

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            Content::new(Some(Ref::from_schema_name("ProblemDetails"))),
        )
        .build()
}

fn string_header(description: &str) -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(Some(Schema::Object(Object::with_type(Type::String))))
        .description(Some(description))
        .build()
}

/// Success answers declared without a description.
fn default_description(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "204" => "No content",
        "304" => "Not modified",
        _ => "See the problem document",
    }
}
