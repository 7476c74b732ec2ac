# Production image: the API binary (with the built SPA once it exists) on Debian slim.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN rustup target add wasm32-unknown-unknown && cargo build --release -p ioc-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/ioc /usr/local/bin/ioc
ENV IOC_BIND=0.0.0.0:8080 IOC_DATA_DIR=/var/lib/ioc
EXPOSE 8080
CMD ["ioc", "serve"]
