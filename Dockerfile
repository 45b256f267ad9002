# syntax=docker/dockerfile:1
# Pulse: one Node 24 process serving the dashboard, GraphQL, REST and WebSockets on 7655.

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY web/package.json web/package.json
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    PULSE_DATA_DIR=/data \
    PULSE_DOCKER=true \
    FRONTEND_PORT=7655
WORKDIR /app
RUN groupadd --system pulse && useradd --system --gid pulse --home-dir /data pulse \
 && mkdir -p /data && chown pulse:pulse /data && chmod 0700 /data
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/server ./server
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/web/package.json ./web/package.json
COPY --from=build /app/web/build ./web/build
# The one-file pulse-agent served at /download/pulse-agent (built by npm run build).
COPY --from=build /app/.build ./.build
USER pulse
VOLUME ["/data"]
EXPOSE 7655
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.FRONTEND_PORT||7655)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "server/main.ts"]
