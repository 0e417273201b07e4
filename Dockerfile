# syntax=docker/dockerfile:1
# Kabinet: one image for the API and the worker (APP_ROLE decides), on Node 24 LTS.
#   docker build -t kabinet .
#   docker run -e APP_ROLE=api -e JWT_SECRET=... -e DATABASE_URL=... -e REDIS_URL=... kabinet
# npm ci refuses the lockfile (it is made against a Linux-only registry mirror, see README), so
# the stages use npm install, which keeps to the committed lockfile.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY patches ./patches
RUN npm install --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY src ./src
RUN npx nest build

FROM node:24-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# patch-package (postinstall) applies the exceljs patch to the production tree too.
COPY patches ./patches
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    STORAGE_DIR=/app/var/storage
WORKDIR /app
COPY --from=production-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The code stays root-owned and read-only to the process; only local file storage is writable.
RUN mkdir -p /app/var/storage && chown -R node:node /app/var
USER node
EXPOSE 3000
# API and all-in-one processes answer /health on PORT; a worker on WORKER_METRICS_PORT when set.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const e=process.env;const p=e.APP_ROLE==='worker'?e.WORKER_METRICS_PORT:e.PORT;if(!p)process.exit(0);fetch('http://127.0.0.1:'+p+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
