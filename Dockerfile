# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev dependencies, then keep only what runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json vite.config.mts ./
COPY scripts ./scripts
COPY src ./src
# The browser pages (explorer, GraphiQL), bundled by Vite into dist/web by `npm run build`.
COPY web ./web
RUN npm run build && npm prune --omit=dev

# Runtime stage: no compiler, no dev dependencies, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=4000 METRICS_PORT=9464
# V8's heap ceiling, about 3/4 of a 1 GiB container: set NODE_OPTIONS from yours (docs/operations.md).
ENV NODE_OPTIONS=--max-old-space-size=768
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node seeds ./seeds
USER node
# 4000: the API; 9464: Prometheus metrics, for the scraper's network only.
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
