# Production image: the `ioc` server with the web app (SPA) it serves, on Debian slim, as a
# non-root user. Built through scripts/build-release.sh, the script CI runs (with --debug) before
# the browser suite, so every CI run exercises the image's build path.
#
#   docker build -t ioc .            (docker-compose.yml builds it the same way)

# Dependencies are compiled in a layer of their own (cargo-chef): a change to the project's
# code rebuilds only the project's crates.
FROM rust:1.95-bookworm AS chef
RUN rustup target add wasm32-unknown-unknown \
 && cargo install cargo-chef --locked --version 0.1.78
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS build
COPY --from=planner /src/recipe.json recipe.json
# The wasm build's rustflags (erase_components) must match between cook and build.
COPY .cargo .cargo
COPY rust-toolchain.toml ./
RUN cargo chef cook --release --locked -p ioc-api --recipe-path recipe.json \
 && cargo chef cook --profile wasm-release --locked --target wasm32-unknown-unknown -p ioc-frontend --recipe-path recipe.json
COPY . .
RUN ./scripts/build-release.sh --out /out

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 ioc \
 && useradd --system --uid 10001 --gid ioc --home-dir /var/lib/ioc --create-home --shell /usr/sbin/nologin ioc
COPY --from=build /out/bin/ioc /usr/local/bin/ioc
COPY --from=build /out/web /usr/share/ioc/web
ENV IOC_BIND=0.0.0.0:8080 \
    IOC_DATA_DIR=/var/lib/ioc \
    IOC_STATIC_DIR=/usr/share/ioc/web \
    IOC_PRODUCTION=true \
    IOC_LOG_FORMAT=json
USER ioc:ioc
WORKDIR /var/lib/ioc
EXPOSE 8080
# The slim image has no curl: the binary asks its own /readyz (database reachable).
HEALTHCHECK --interval=10s --timeout=6s --start-period=60s --retries=3 CMD ["ioc", "healthcheck"]
CMD ["ioc", "serve"]
