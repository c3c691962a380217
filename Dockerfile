# syntax=docker/dockerfile:1

# --- build: compile TypeScript with the dev dependencies ------------------------------
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# The embedded MongoDB server is a dev-only workspace: the app's source names its types (the
# loader in src/adapters/mongo/client.ts), so the build needs it; tsc emits none of it.
COPY packages/embedded-mongo/package.json ./packages/embedded-mongo/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY packages/embedded-mongo/src ./packages/embedded-mongo/src
RUN npm run build

# --- runtime: production dependencies and compiled output only -----------------------
FROM node:22-slim AS runtime
ENV NODE_ENV=production
# A heap cap makes V8 collect garbage before the container's memory grows (bench:jobs: a
# 12,000-message fan-out peaked at 66 MB of heap; uncapped V8 let RSS reach 335 MB).
ENV NODE_OPTIONS=--max-old-space-size=256
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --workspaces=false: npm installs workspaces (and their dependencies) as if they were runtime
# ones; this leaves out packages/embedded-mongo, mingo, crc-32 and tsx.
RUN npm ci --omit=dev --workspaces=false && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Liveness only (/healthz): a database outage should show in /readyz, not restart the app.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm start, which rebuilds) so SIGTERM reaches the process.
CMD ["node", "dist/src/main.js"]
