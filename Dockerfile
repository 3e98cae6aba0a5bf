# One image for every role: `igny8 serve`, `igny8 worker`, `igny8 migrate up` (see docs/self-hosting.md).
# Build stage: compile TypeScript and the dashboard (better-sqlite3 builds here too).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    IGNY8_HOST=0.0.0.0 \
    IGNY8_PORT=8787 \
    IGNY8_MEDIA_DIR=/var/cache/igny8/media
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
RUN mkdir -p /var/cache/igny8/media && chown -R node:node /var/cache/igny8
USER node
EXPOSE 8787
HEALTHCHECK --interval=15s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.IGNY8_PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/igny8.js"]
CMD ["serve"]
